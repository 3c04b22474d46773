package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input that used to get through (NUL, loose enum spellings, text/plain as JSON) and the Idempotency-Key. */
class InputApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @Test
  void aNulByteIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
    int before = tickets();
    assertProblem(create(TicketLoopApiTest.newTicket("630102").put("narrative", "孩子\u0000哭")), 422, "narrative");
    JsonObject child = TicketLoopApiTest.newTicket("630102");
    child.getJsonArray("children").getJsonObject(0).put("name", "小\u0000红");
    assertProblem(create(child), 422, "children[0].name");
    assertProblem(app.post("op-xining", "/api/intake/suggest", new JsonObject().put("notes", "\u0001")), 422, "notes");
    assertThat(tickets()).isEqualTo(before);
  }

  @Test
  void enumValuesMustBeSpelledExactly() {
    assertProblem(create(TicketLoopApiTest.newTicket("630102").put("severity", "high")), 422, "severity");
    assertProblem(create(TicketLoopApiTest.newTicket("630102").put("severity", " HIGH ")), 422, "severity");
    assertProblem(create(TicketLoopApiTest.newTicket("630102").put("category", "violation")), 422, "category");
    assertProblem(app.get("prov", "/api/tickets?status=new"), 422, "status");
    assertProblem(app.get("prov", "/api/tickets?status=%20NEW"), 422, "status");
    assertThat(app.get("prov", "/api/tickets?status=NEW").status()).isEqualTo(200);
  }

  @Test
  void aBodyMustBeDeclaredJson() {
    RunningApp.Response r = app.sendWith("POST", "/api/tickets", TicketLoopApiTest.newTicket("630102").encode(),
        Map.of("Authorization", "Bearer " + app.login("op-xining"), "Content-Type", "text/plain"));
    assertProblem(r, 415, "Content-Type");
    RunningApp.Response login = app.sendWith("POST", "/api/login",
        new JsonObject().put("username", "prov").put("password", RunningApp.PASSWORD).encode(),
        Map.of("Content-Type", "text/plain;charset=UTF-8"));
    assertProblem(login, 415, "Content-Type");
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyMakesNoSecondTicket() throws Exception {
    int before = tickets();
    String token = app.login("op-xining");
    Map<String, String> h = Map.of("Authorization", "Bearer " + token, "Idempotency-Key", "retry-1");
    String body = TicketLoopApiTest.newTicket("630102").encode();
    RunningApp.Response first = app.sendWith("POST", "/api/tickets", body, h);
    RunningApp.Response again = app.sendWith("POST", "/api/tickets", body, h);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().getLong("id")).isEqualTo(first.json().getLong("id"));
    // Racing retries (the client gave up on a slow answer and sent again at once): still one ticket.
    Map<String, String> h2 = Map.of("Authorization", "Bearer " + token, "Idempotency-Key", "race-1");
    List<CompletableFuture<RunningApp.Response>> racing = new ArrayList<>();
    for (int i = 0; i < 6; i++) racing.add(CompletableFuture.supplyAsync(() -> app.sendWith("POST", "/api/tickets", body, h2)));
    Set<Long> ids = racing.stream().map(CompletableFuture::join).peek(r -> assertThat(r.status()).isEqualTo(201))
        .map(r -> r.json().getLong("id")).collect(Collectors.toSet());
    assertThat(ids).hasSize(1);
    assertThat(tickets()).isEqualTo(before + 2);
    // Another user's same key is another request.
    RunningApp.Response other = app.sendWith("POST", "/api/tickets", body,
        Map.of("Authorization", "Bearer " + app.login("sup-xining"), "Idempotency-Key", "retry-1"));
    assertThat(other.json().getLong("id")).isNotEqualTo(first.json().getLong("id"));
    assertProblem(app.sendWith("POST", "/api/tickets", body,
        Map.of("Authorization", "Bearer " + token, "Idempotency-Key", "é")), 422, "Idempotency-Key");
  }

  private static RunningApp.Response create(JsonObject body) { return app.post("op-xining", "/api/tickets", body); }

  static void assertProblem(RunningApp.Response r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().getString("field")).isEqualTo(field);
  }

  private static int tickets() throws Exception {
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery("select count(*) from tickets")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
