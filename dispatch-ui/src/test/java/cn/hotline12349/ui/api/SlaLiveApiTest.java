package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.MutableClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clocks on ticket lists, an escalation fired by the running scheduler when the app's clock passes a deadline, the
 * board's lists, and the tier above reassigning the escalated ticket. The app's clock is moved by hand.
 */
class SlaLiveApiTest {
  static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass().clock(CLOCK);

  static long emergencyAtChengdong() {
    JsonObject body = TicketLoopApiTest.newTicket("630102").put("severity", "EMERGENCY").put("dispatchTo", "630102");
    RunningApp.Response r = app.post("op-xining", "/api/tickets", body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().getLong("id");
  }

  static JsonObject item(String user, long id) {
    JsonArray items = app.get(user, "/api/tickets?size=200").json().getJsonArray("items");
    assertThat(items.stream().map(JsonObject.class::cast)).allMatch(t -> t.getJsonArray("clocks") != null);
    return items.stream().map(JsonObject.class::cast).filter(t -> t.getLong("id") == id).findFirst()
        .orElseThrow(() -> new AssertionError("ticket " + id + " not listed for " + user));
  }

  static JsonObject clock(JsonObject ticket, String stage) {
    return ticket.getJsonArray("clocks").stream().map(JsonObject.class::cast)
        .filter(c -> stage.equals(c.getString("stage"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + stage + " clock in " + ticket.getJsonArray("clocks")));
  }

  @Test
  void listItemsCarryTheirClocksLikeTheDetail() {
    long id = emergencyAtChengdong();
    Instant now = CLOCK.instant();
    JsonObject claim = clock(item("h-chengdong", id), "CLAIM");
    assertThat(claim.getString("status")).isEqualTo("RUNNING");
    assertThat(claim.getString("state")).isEqualTo("ON_TIME");
    assertThat(Instant.parse(claim.getString("dueAt"))).isEqualTo(now.plus(Duration.ofMinutes(30)));
    assertThat(claim.getLong("remainingSeconds")).isEqualTo(30 * 60);
    JsonArray detail = app.get("h-chengdong", "/api/tickets/" + id).json().getJsonArray("clocks");
    assertThat(item("prov", id).getJsonArray("clocks")).isEqualTo(detail);
  }

  @Test
  void anOverdueTicketEscalatesShowsOnTheBoardAndTheTierAboveReassignsIt() {
    long id = emergencyAtChengdong();
    CLOCK.advance(Duration.ofMinutes(31));
    JsonObject escalated = awaitEvent("prov", id, e -> "ESCALATED".equals(e.getString("type")));
    assertThat(escalated.getString("actor")).isEqualTo("system:sla");
    assertThat(escalated.getString("actorOrg")).isEqualTo("630100");
    assertThat(escalated.getJsonObject("payload").getString("stage")).isEqualTo("CLAIM");
    assertThat(escalated.getJsonObject("payload").getString("targetOrg")).isEqualTo("630100");

    JsonObject claim = clock(item("sup-xining", id), "CLAIM");
    assertThat(claim.getString("state")).isEqualTo("OVERDUE");
    assertThat(claim.getLong("remainingSeconds")).isNegative();

    JsonObject board = app.get("prov", "/api/sla/board").json();
    assertThat(board.getJsonObject("totals").getLong("OVERDUE")).isPositive();
    assertThat(board.fieldNames()).as("the board answers numbers only").doesNotContain("overdue", "dueSoon", "supervision");
    assertThat(rows("prov", "overdue")).anyMatch(r -> r.getLong("ticketId") == id && "CLAIM".equals(r.getString("stage"))
        && "630102".equals(r.getString("ownerOrg")) && r.getLong("remainingSeconds") < 0);
    assertThat(rows("prov", "overdue")).noneMatch(r -> r.containsKey("narrative") || r.containsKey("callerNumber"));
    assertThat(rows("h-yushu", "overdue"))
        .as("a county's board lists only its own clocks").noneMatch(r -> r.getLong("ticketId") == id);

    RunningApp.Response moved = app.post("sup-xining", "/api/tickets/" + id + "/transfer",
        new JsonObject().put("countyCode", "630103").put("reason", "超时未签收，改派城西区"));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.json().getString("countyCode")).isEqualTo("630103");
    JsonObject afterTransfer = item("prov", id);
    assertThat(clock(afterTransfer, "FIRST_CONTACT").getString("ownerOrg")).isEqualTo("630103");
    assertThat(clock(afterTransfer, "FIRST_CONTACT").getString("status")).isEqualTo("RUNNING");

    RunningApp.Response order = app.post("prov", "/api/tickets/" + id + "/supervision",
        new JsonObject().put("targetOrg", "630103").put("reason", "请立即联系儿童").put("duration", "1h"));
    assertThat(order.status()).as(order.body()).isEqualTo(201);
    assertThat(rows("prov", "supervision"))
        .anyMatch(r -> r.getLong("orderId").equals(order.json().getLong("id")) && "630103".equals(r.getString("targetOrg")));
  }

  /** The first page of one of the board's lists, as the board view reads it after the board's numbers. */
  private static List<JsonObject> rows(String user, String list) {
    return app.get(user, "/api/sla/board/" + list + "?size=100").json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).toList();
  }

  /** The scheduler runs on its own timer (≤ 1 s after the clock moved); wait for its event, do not sleep blindly. */
  private static JsonObject awaitEvent(String user, long id, Predicate<JsonObject> match) {
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      JsonArray history = app.get(user, "/api/tickets/" + id).json().getJsonArray("history");
      var hit = history.stream().map(JsonObject.class::cast).filter(match).findFirst();
      if (hit.isPresent()) return hit.get();
      if (System.nanoTime() > until) throw new AssertionError("no matching event on ticket " + id + ": " + history);
      Thread.onSpinWait();
    }
  }
}
