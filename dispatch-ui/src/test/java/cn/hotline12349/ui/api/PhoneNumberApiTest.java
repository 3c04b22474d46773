package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One phone-number rule at the HTTP edge: garbage is a 422 naming the field, withheld is accepted explicitly. */
class PhoneNumberApiTest {
  static final List<String> GARBAGE = List.of("12345abc", "1", "-1", "123456789012345678901234567890", "; DROP");
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @Test
  void garbageIsRefusedEverywhereNamingTheFieldAndNothingIsStored() throws Exception {
    long before = tickets();
    JsonObject good = TicketLoopApiTest.newTicket("630102");
    for (String bad : GARBAGE) {
      GuardrailsApiTest.assertProblem(app.post("op-xining", "/api/tickets", good.copy().put("callerNumber", bad)),
          422, "callerNumber");
      GuardrailsApiTest.assertProblem(app.post("op-xining", "/api/intake/phone-number",
          new JsonObject().put("number", bad)), 422, "number");
      GuardrailsApiTest.assertProblem(app.post("op-xining", "/api/intake/caller-history",
          new JsonObject().put("number", bad)), 422, "number");
    }
    assertThat(tickets()).isEqualTo(before);
  }

  @Test
  void withheldAndWrittenNumbersAreAcceptedAndStoredInOneForm() throws Exception {
    JsonObject good = TicketLoopApiTest.newTicket("630102");
    RunningApp.Response withheld = app.post("op-xining", "/api/tickets", good.copy().put("callerNumber", "withheld"));
    assertThat(withheld.status()).as(withheld.body()).isEqualTo(201);
    RunningApp.Response beijing = app.post("op-xining", "/api/tickets",
        good.copy().put("callerNumber", "+86 10 1234 5678").put("dispatchTo", "630102"));
    assertThat(beijing.status()).as(beijing.body()).isEqualTo(201);
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "select caller_number_norm from tickets where id in (" + withheld.json().getLong("id") + ", "
            + beijing.json().getLong("id") + ") order by id")) {
      rs.next();
      assertThat(rs.getString(1)).isNull();
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("01012345678");
    }
    JsonObject check = app.post("op-xining", "/api/intake/phone-number", new JsonObject().put("number", "010-12345678"))
        .json();
    assertThat(check.getString("normalized")).isEqualTo("01012345678");
    assertThat(check.getString("areaCode")).isEqualTo("010");
    assertThat(app.post("op-xining", "/api/intake/phone-number", new JsonObject().put("number", "Anonymous")).json()
        .getBoolean("withheld")).isTrue();
    JsonObject history = app.post("op-xining", "/api/intake/caller-history",
        new JsonObject().put("number", "01012345678")).json();
    assertThat(history.getJsonArray("tickets").size()).as("found by the one stored form").isEqualTo(1);
    JsonObject masked = app.get("h-chengdong", "/api/tickets/" + beijing.json().getLong("id")).json();
    assertThat(masked.getString("callerNumber")).isEqualTo("010****5678");
  }

  private static long tickets() throws Exception {
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery("select count(*) from tickets")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
