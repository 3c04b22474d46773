package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input, illegal and concurrent changes, access outside one's org unit, and the session rules. */
class GuardrailsApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
    long[] before = counts();
    JsonObject good = TicketLoopApiTest.newTicket("630102");
    assertProblem(app.post("op-xining", "/api/tickets", good.copy().put("severity", 3)), 422, "severity");
    assertProblem(app.post("op-xining", "/api/tickets", good.copy().put("severity", "URGENT")), 422, "severity");
    assertProblem(app.post("op-xining", "/api/tickets", good.copy().put("category", "OTHER")), 422, "category");
    assertProblem(app.post("op-xining", "/api/tickets", withChild(good, "age", "seven")), 422, "children[0].age");
    assertProblem(app.post("op-xining", "/api/tickets", withChild(good, "age", 30)), 422, "children[0].age");
    assertProblem(app.post("op-xining", "/api/tickets", withChild(good, "countyCode", "999999")), 422, "children[0].countyCode");
    assertProblem(app.post("op-xining", "/api/tickets", good.copy().put("children", "none")), 422, "children");
    JsonObject noNarrative = good.copy();
    noNarrative.remove("narrative");
    assertProblem(app.post("op-xining", "/api/tickets", noNarrative), 422, "narrative");
    assertProblem(app.post("op-xining", "/api/tickets", good.copy().put("callerNumber", "not a number")), 422, "callerNumber");
    assertProblem(app.post("op-xining", "/api/tickets", good.copy().put("dispatchTo", "630100")), 422, "countyCode");
    assertProblem(app.send("POST", "/api/tickets", app.login("op-xining"), "{\"narrative\": "), 422, "body");
    assertProblem(app.send("POST", "/api/tickets", app.login("op-xining"), "[1,2]"), 422, "body");
    String huge = good.copy().put("narrative", "很".repeat(300_000)).encode();
    assertThat(app.send("POST", "/api/tickets", app.login("op-xining"), huge).status()).isEqualTo(413);
    assertProblem(app.post("h-chengdong", "/api/tickets", good), 403, null);
    assertThat(counts()).as("tickets, children, events").containsExactly(before);
  }

  @Test
  void illegalStaleAndOutOfScopeChangesAreRefusedAndLeaveNoTrace() throws Exception {
    long id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102").put("dispatchTo", "630102"))
        .json().getLong("id");
    long[] before = counts();
    assertProblem(app.post("sup-xining", "/api/tickets/" + id + "/close", null), 409, null);
    assertProblem(app.post("h-yushu", "/api/tickets/" + id + "/claim", null), 404, null); // outside scope = missing
    assertProblem(app.post("h-chengdong", "/api/tickets/" + id + "/claim", new JsonObject().put("version", 0)), 409, null);
    assertProblem(app.post("h-chengdong", "/api/tickets/" + id + "/suspend", new JsonObject()), 422, "reason");
    assertProblem(app.post("h-chengdong", "/api/tickets/" + id + "/fly", null), 422, "action");
    assertProblem(app.post("op-xining", "/api/tickets/" + id + "/transfer",
        new JsonObject().put("countyCode", "632701")), 422, "reason");
    assertProblem(app.post("sup-xining", "/api/tickets/999999/claim", null), 404, null);
    assertProblem(app.get("h-yushu", "/api/tickets/" + id), 404, null);
    assertProblem(app.get("h-yushu", "/api/tickets/abc"), 422, "id");
    assertThat(counts()).containsExactly(before);
  }

  @Test
  void ofTwoConcurrentClaimsExactlyOneWins() throws Exception {
    app.app.services().users().create("h-chengdong-2", RunningApp.PASSWORD, "城东区处置员二",
        cn.hotline12349.core.domain.Role.COUNTY_HANDLER, "630102").await();
    for (int round = 0; round < 5; round++) {
      long id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102").put("dispatchTo", "630102"))
          .json().getLong("id");
      String path = "/api/tickets/" + id + "/claim";
      String a = app.login("h-chengdong");
      String b = app.login("h-chengdong-2");
      var first = CompletableFuture.supplyAsync(() -> app.send("POST", path, a, "{}"));
      var second = CompletableFuture.supplyAsync(() -> app.send("POST", path, b, "{}"));
      List<Integer> statuses = List.of(first.get().status(), second.get().status());
      assertThat(statuses).containsExactlyInAnyOrder(200, 409);
      try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery(
          "select count(*) from ticket_events where type = 'CLAIMED' and ticket_id = " + id)) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void sessionsBearerCookieAndCsrf() {
    assertProblem(app.get(null, "/api/tickets"), 401, null);
    assertProblem(app.send("GET", "/api/tickets", "not-a-token", null), 401, null);
    RunningApp.Response bad = app.sendWith("POST", "/api/login",
        new JsonObject().put("username", "prov").put("password", "wrong").encode(), Map.of());
    assertProblem(bad, 401, "password");

    RunningApp.Response login = app.sendWith("POST", "/api/login",
        new JsonObject().put("username", "op-xining").put("password", RunningApp.PASSWORD).encode(), Map.of());
    String cookie = login.cookies().stream().filter(c -> c.startsWith("hotline_session=")).findFirst().orElseThrow();
    assertThat(cookie.toLowerCase()).contains("httponly").contains("samesite=strict");
    assertThat(cookie).contains("SameSite=Strict");
    String cookieHeader = cookie.split(";")[0];
    String csrf = login.json().getString("csrfToken");
    String body = TicketLoopApiTest.newTicket("630102").encode();
    assertThat(app.sendWith("GET", "/api/session", null, Map.of("Cookie", cookieHeader)).json()
        .getJsonObject("user").getString("role")).isEqualTo("OPERATOR");
    assertProblem(app.sendWith("POST", "/api/tickets", body, Map.of("Cookie", cookieHeader)), 403, "X-CSRF-Token");
    assertThat(app.sendWith("POST", "/api/tickets", body, Map.of("Cookie", cookieHeader, "X-CSRF-Token", csrf)).status())
        .isEqualTo(201);
    assertThat(app.sendWith("POST", "/api/logout", null, Map.of("Cookie", cookieHeader, "X-CSRF-Token", csrf)).status())
        .isEqualTo(204);
    assertProblem(app.sendWith("GET", "/api/session", null, Map.of("Cookie", cookieHeader)), 401, null);
  }

  @Test
  void healthAndOpenApi() {
    RunningApp.Response health = app.get(null, "/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().getString("database")).isEqualTo("UP");
    RunningApp.Response spec = app.get(null, "/api/openapi.yaml");
    assertThat(spec.status()).isEqualTo(200);
    assertThat(spec.body()).contains("openapi: 3.1.0").contains("/tickets/{id}/dispatch:");
  }

  static JsonObject withChild(JsonObject ticket, String field, Object value) {
    JsonObject copy = ticket.copy();
    JsonArray kids = copy.getJsonArray("children");
    kids.getJsonObject(0).put(field, value);
    return copy;
  }

  static void assertProblem(RunningApp.Response r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonObject p = r.json();
    assertThat(p.getInteger("status")).isEqualTo(status);
    assertThat(p.getString("detail")).isNotBlank();
    if (field != null) assertThat(p.getString("field")).isEqualTo(field);
  }

  static long[] counts() throws Exception {
    try (Connection c = app.db.jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "select (select count(*) from tickets), (select count(*) from ticket_children), (select count(*) from ticket_events)")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    }
  }
}
