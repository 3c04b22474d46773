package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Findings of the pre-go-live security audit (docs/security.md "Audit of the routes"), each proven in the running system. */
class AuditScopeApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @Test
  void theCallerHistoryShowsOnlyCallsRoutedToTheReadersPrefecture() throws Exception {
    String number = "13909719876";
    try (Connection c = app.db.jdbc(); PreparedStatement ps = c.prepareStatement(
        "insert into calls (linkedid, caller_number, caller_number_norm, prefecture_code, started_at) values (?, ?, ?, ?, now())")) {
      for (String[] call : List.of(new String[] {"audit-xining.1", "630100"}, new String[] {"audit-haixi.1", "632800"})) {
        ps.setString(1, call[0]);
        ps.setString(2, number);
        ps.setString(3, number);
        ps.setString(4, call[1]);
        ps.executeUpdate();
      }
    }
    assertThat(callsSeenBy("op-xining", number)).containsExactly("audit-xining.1");
    assertThat(callsSeenBy("op-haixi", number)).containsExactly("audit-haixi.1");
  }

  private static List<String> callsSeenBy(String user, String number) {
    RunningApp.Response r = app.post(user, "/api/intake/caller-history", new JsonObject().put("number", number));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonArray calls = r.json().getJsonArray("calls");
    return calls.stream().map(c -> ((JsonObject) c).getString("linkedid")).toList();
  }
}
