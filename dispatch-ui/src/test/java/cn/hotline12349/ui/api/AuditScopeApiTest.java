package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

  @Test
  void aLoggedOutSessionsEventStreamClosesAndCarriesNothingMore() throws Exception {
    String gone = freshLogin("sup-xining");
    String kept = freshLogin("sup-xining");
    List<String> goneFrames = new CopyOnWriteArrayList<>();
    List<String> keptFrames = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> goneEnded = EventStreamClient.open(app, gone, goneFrames);
    EventStreamClient.open(app, kept, keptFrames);
    RunningApp.Response out = app.send("POST", "/api/logout", gone, "");
    assertThat(out.status()).as(out.body()).isEqualTo(204);
    goneEnded.get(10, TimeUnit.SECONDS); // the stream of the logged-out session is closed by the server
    int before = goneFrames.size();
    long id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")).json().getLong("id");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (keptFrames.stream().noneMatch(f -> f.contains("\"ticketId\":" + id)) && System.nanoTime() < until) Thread.sleep(50);
    assertThat(keptFrames).as("the other session's stream still gets the news").anyMatch(f -> f.contains("\"ticketId\":" + id));
    assertThat(goneFrames).hasSize(before).noneMatch(f -> f.contains("\"ticketId\":" + id));
    assertThat(app.send("GET", "/api/events", gone, null).status()).as("a reconnect").isEqualTo(401);
  }

  @Test
  void theTicketRowsAStreamWasSentAreAudited() throws Exception {
    String token = freshLogin("sup-xining");
    List<String> frames = new CopyOnWriteArrayList<>();
    EventStreamClient.open(app, token, frames);
    long id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")).json().getLong("id");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (frames.stream().noneMatch(f -> f.contains("\"childName\":\"小红\"") && f.contains("\"id\":" + id))
        && System.nanoTime() < until) Thread.sleep(50);
    assertThat(frames).as("the row was pushed").anyMatch(f -> f.contains("\"id\":" + id) && f.contains("小红"));
    until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> rows = List.of();
    while (System.nanoTime() < until) {
      rows = app.get("prov", "/api/audit?user=sup-xining&action=access&size=200").json().getJsonArray("items").stream()
          .map(e -> ((JsonObject) e).getString("detail")).filter(d -> d != null && d.contains("/api/events")).toList();
      if (rows.stream().anyMatch(d -> d.matches(".*pushed ids=(.*,)?" + id + "(,.*)?"))) break;
      Thread.sleep(500);
    }
    assertThat(rows).as("an audit row names the pushed ticket").anyMatch(d -> d.matches(".*pushed ids=(.*,)?" + id + "(,.*)?"));
  }

  @Test
  void aRefusedSearchIsAuditedWithoutTheTypedNumber() {
    RunningApp.Response r = app.get("h-yushu", "/api/tickets?org=630102&q=13912345678");
    assertThat(r.status()).as(r.body()).isEqualTo(403);
    List<String> details = app.get("prov", "/api/audit?user=h-yushu&action=denied&size=50").json().getJsonArray("items")
        .stream().map(e -> ((JsonObject) e).getString("detail")).toList();
    assertThat(details).anyMatch(d -> d.startsWith("GET /api/tickets?org=630102&q=") && d.endsWith("-> 403"));
    assertThat(details).noneMatch(d -> d.contains("13912345678"));
  }

  @Test
  void aBreakGlassReasonMayNotCarryANumberIntoTheAudit() {
    long id = app.post("op-haixi", "/api/tickets", TicketLoopApiTest.newTicket("632801").put("dispatchTo", "632801"))
        .json().getLong("id");
    RunningApp.Response r = app.post("sup-xining", "/api/tickets/" + id + "/break-glass",
        new JsonObject().put("reason", "来电人说之前打过，号码 139 1234 5678，需核对"));
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    assertThat(r.json().getString("field")).isEqualTo("reason");
    assertThat(app.get("prov", "/api/audit?action=break-glass&ticket=" + id).json().getJsonArray("items")).isEmpty();
    assertThat(app.post("sup-xining", "/api/tickets/" + id + "/break-glass",
        new JsonObject().put("reason", "来电人说之前在海西求助过，需核对处置情况")).status()).isEqualTo(200);
  }

  private static String freshLogin(String user) {
    RunningApp.Response r = app.sendWith("POST", "/api/login",
        new JsonObject().put("username", user).put("password", RunningApp.PASSWORD).encode(), Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getString("token");
  }

  /**
   * A county elsewhere and a sibling prefecture guess a Chengdong ticket's id on every route that takes one: each
   * answer is 403 or 404 (the 404 the same as for a missing ticket) and carries nothing of the ticket.
   */
  @Test
  void guessingATicketIdOutsideTheScopeLearnsNothingOnAnyRoute() {
    long id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102").put("dispatchTo", "630102"))
        .json().getLong("id");
    long missing = 9_000_000L + id;
    String reason = "审计探测理由，十个字以上的理由";
    List<String[]> routes = List.of(
        new String[] {"GET", "/api/tickets/ID", null}, new String[] {"GET", "/api/tickets/ID/history", null},
        new String[] {"GET", "/api/tickets/ID/links", null}, new String[] {"GET", "/api/tickets/ID/duplicates", null},
        new String[] {"GET", "/api/tickets/ID/referrals", null}, new String[] {"GET", "/api/tickets/ID/callback-attempts", null},
        new String[] {"GET", "/api/tickets/ID/case-sheet", null}, new String[] {"GET", "/api/tickets/ID/attachments/1", null},
        new String[] {"POST", "/api/tickets/ID/claim", "{}"},
        new String[] {"POST", "/api/tickets/ID/notes", "{\"text\":\"探测\"}"},
        new String[] {"POST", "/api/tickets/ID/supervision", "{\"targetOrg\":\"630102\",\"reason\":\"探测\"}"},
        new String[] {"POST", "/api/tickets/ID/assign", "{\"handler\":\"h-chengdong\",\"reason\":\"探测\"}"},
        new String[] {"POST", "/api/tickets/ID/reclassify", "{\"category\":\"CONSULTATION\",\"severity\":\"NORMAL\",\"reason\":\"探测\"}"},
        new String[] {"POST", "/api/tickets/ID/referrals", "{\"partnerId\":1}"},
        new String[] {"POST", "/api/tickets/ID/callback-attempts", "{\"outcome\":\"NO_ANSWER\"}"},
        new String[] {"POST", "/api/tickets/ID/links", "{\"otherId\":1,\"mode\":\"LINK\",\"reason\":\"探测\"}"},
        new String[] {"POST", "/api/tickets/ID/caller-number", "{\"purpose\":\"CALLBACK\"}"},
        new String[] {"POST", "/api/tickets/ID/break-glass", "{\"reason\":\"" + reason + "\"}"},
        new String[] {"POST", "/api/tickets/ID/transfer", "{\"countyCode\":\"632701\",\"reason\":\"探测\"}"});
    for (String prober : List.of("h-yushu", "op-haixi", "h-golmud")) {
      for (String[] r : routes) {
        RunningApp.Response got = app.send(r[0], r[1].replace("ID", Long.toString(id)), app.login(prober), r[2]);
        String what = prober + " " + r[0] + " " + r[1];
        assertThat(got.status()).as(what + " -> " + got.body()).isIn(403, 404);
        assertThat(got.body()).as(what).doesNotContain("小红").doesNotContain("邻居听到").doesNotContain("2345");
        if (got.status() == 404 && r[0].equals("GET") && r[1].equals("/api/tickets/ID")) {
          RunningApp.Response none = app.send("GET", "/api/tickets/" + missing, app.login(prober), null);
          assertThat(none.status()).isEqualTo(404);
          assertThat(got.body().replace(Long.toString(id), "N")).isEqualTo(none.body().replace(Long.toString(missing), "N"));
        }
      }
      String list = app.get(prober, "/api/tickets?size=200").body();
      assertThat(list).as(prober + " list").doesNotContain("\"id\":" + id + ",");
      RunningApp.Response search = app.get(prober, "/api/tickets?q=" + java.net.URLEncoder.encode("小红",
          java.nio.charset.StandardCharsets.UTF_8));
      assertThat(search.body()).as(prober + " search").doesNotContain("\"id\":" + id + ",");
      RunningApp.Response scoped = app.get(prober, "/api/tickets?org=630102");
      assertThat(scoped.status()).as(prober + " ?org=630102 " + scoped.body()).isEqualTo(403);
      RunningApp.Response export = app.get(prober, "/api/exports/tickets.csv");
      assertThat(export.body()).as(prober + " export").doesNotContain("小红");
      assertThat(app.get(prober, "/api/exports/tickets.csv?org=630102").status()).as(prober + " export org").isEqualTo(403);
      assertThat(app.get(prober, "/api/sla/board?org=630102").status()).as(prober + " board org").isEqualTo(403);
      assertThat(app.get(prober, "/api/stats?by=county&org=630102").status()).as(prober + " stats org").isEqualTo(403);
    }
    // A lower tier does not read the tier above's ticket: not yet dispatched, it is the prefecture's only.
    long fresh = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")).json().getLong("id");
    for (String[] r : routes.subList(0, 8)) {
      RunningApp.Response got = app.send(r[0], r[1].replace("ID", Long.toString(fresh)), app.login("h-chengdong"), r[2]);
      assertThat(got.status()).as("h-chengdong " + r[1] + " -> " + got.body()).isIn(403, 404);
      assertThat(got.body()).doesNotContain("小红");
    }
    JsonArray denied = app.get("prov", "/api/audit?action=denied&ticket=" + id).json().getJsonArray("items");
    assertThat(denied).as("the guesses are audited as denials").isNotEmpty();
  }
}
