package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.ticket.TicketEvents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole closed loop through the REST API, as the demo users, on real PostgreSQL. */
class TicketLoopApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();
  static final List<JsonObject> published = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    app.vertx.eventBus().<JsonObject>consumer(TicketEvents.CHANGED, m -> published.add(m.body()));
  }

  static JsonObject newTicket(String county) {
    return new JsonObject()
        .put("callerNumber", "+86 138 9701 2345").put("callerRelation", "邻居")
        .put("children", new JsonArray().add(new JsonObject().put("name", "小红").put("age", 7).put("gender", "FEMALE")
            .put("countyCode", county).put("address", "某小区")))
        .put("category", "VIOLATION").put("subcategory", "PHYSICAL_ABUSE").put("severity", "HIGH")
        .put("narrative", "邻居听到孩子哭喊，疑似被打。");
  }

  @Test
  void aCallBecomesATicketThatGoesRoundTheWholeLoop() {
    RunningApp.Response created = app.post("op-xining", "/api/tickets", newTicket("630102"));
    assertThat(created.status()).isEqualTo(201);
    JsonObject t = created.json();
    long id = t.getLong("id");
    assertThat(t.getString("status")).isEqualTo("NEW");
    assertThat(t.getString("ref")).matches("QH\\d{8}-\\d{6}");
    assertThat(t.getString("intakeOrg")).isEqualTo("630100");
    assertThat(t.getString("callerNumber")).as("operators read it masked too (reveal: /caller-number)")
        .isEqualTo("138****2345");

    step("op-xining", id, "dispatch", new JsonObject().put("countyCode", "630102"), "DISPATCHED");
    JsonObject claimed = step("h-chengdong", id, "claim", null, "CLAIMED");
    assertThat(claimed.getString("claimedBy")).isEqualTo("h-chengdong");
    assertThat(claimed.getString("callerNumber")).as("county handlers see a masked number").isEqualTo("138****2345");
    step("h-chengdong", id, "notes", new JsonObject().put("text", "已入户").put("childContacted", true), "IN_PROGRESS");
    step("h-chengdong", id, "result", new JsonObject().put("summary", "已联系派出所并安置"), "RESULT_SUBMITTED");
    step("sup-xining", id, "review", new JsonObject().put("decision", "RETURN").put("comment", "请补充照料安排"), "IN_PROGRESS");
    step("h-chengdong", id, "result", new JsonObject().put("summary", "已安排亲属照料"), "RESULT_SUBMITTED");
    step("sup-xining", id, "review", new JsonObject().put("decision", "ACCEPT"), "REVIEWED");
    step("sup-xining", id, "reply", new JsonObject().put("reached", true).put("satisfaction", 5).put("comment", "来电人满意"), "REPLIED");
    JsonObject closed = step("sup-xining", id, "close", null, "CLOSED");
    assertThat(closed.getString("closedAt")).isNotNull();
    assertThat(closed.getString("firstContactAt")).isNotNull();

    JsonObject detail = app.get("prov", "/api/tickets/" + id).json();
    JsonArray history = detail.getJsonArray("history");
    assertThat(history.stream().map(e -> ((JsonObject) e).getString("type")).toList()).containsExactly(
        "CREATED", "DISPATCHED", "CLAIMED", "NOTE_ADDED", "RESULT_SUBMITTED", "RESULT_RETURNED", "RESULT_SUBMITTED",
        "RESULT_ACCEPTED", "REPLIED", "CLOSED");
    JsonObject returned = history.getJsonObject(5);
    assertThat(returned.getString("actor")).isEqualTo("sup-xining");
    assertThat(returned.getString("actorRole")).isEqualTo("INTAKE_SUPERVISOR");
    assertThat(returned.getString("fromStatus")).isEqualTo("RESULT_SUBMITTED");
    assertThat(returned.getString("toStatus")).isEqualTo("IN_PROGRESS");
    assertThat(returned.getString("reason")).isEqualTo("请补充照料安排");
    assertThat(returned.getString("at")).isNotBlank();
    assertThat(detail.getInteger("version")).isEqualTo(9);

    List<JsonObject> news = published.stream().filter(m -> m.getLong("ticketId") == id).toList();
    assertThat(news).hasSize(10);
    assertThat(news.get(9).getString("toStatus")).isEqualTo("CLOSED");
    assertThat(news.toString()).doesNotContain("2345").doesNotContain("小红");
  }

  @Test
  void createAndDispatchInOneStepAndResolveAtIntake() {
    JsonObject body = newTicket("632701").put("dispatchTo", "632701");
    JsonObject t = app.post("op-xining", "/api/tickets", body).json();
    assertThat(t.getString("status")).isEqualTo("DISPATCHED");
    assertThat(t.getString("countyCode")).isEqualTo("632701");
    assertThat(app.get("h-yushu", "/api/tickets/" + t.getLong("id")).status()).isEqualTo(200);

    JsonObject consult = new JsonObject().put("category", "CONSULTATION").put("severity", "CONSULT")
        .put("narrative", "咨询监护资格").put("callerRelation", "本人");
    long id = app.post("op-xining", "/api/tickets", consult).json().getLong("id");
    step("op-xining", id, "resolve-at-intake", new JsonObject().put("answer", "已解答"), "RESOLVED_AT_INTAKE");
    step("sup-xining", id, "reopen", new JsonObject().put("reason", "再次来电"), "NEW");
  }

  @Test
  void transferSuspendResumeAndReopen() {
    long id = app.post("op-xining", "/api/tickets", newTicket("630102").put("dispatchTo", "630102")).json().getLong("id");
    step("h-chengdong", id, "claim", null, "CLAIMED");
    step("h-chengdong", id, "suspend", new JsonObject().put("reason", "等待公安调查"), "SUSPENDED");
    step("h-chengdong", id, "resume", null, "CLAIMED");
    JsonObject moved = step("h-chengdong", id, "transfer", new JsonObject().put("countyCode", "632701").put("reason", "孩子在玉树"), "DISPATCHED");
    assertThat(moved.getString("countyCode")).isEqualTo("632701");
    assertThat(moved.getString("claimedBy")).isNull();
    assertThat(app.get("h-chengdong", "/api/tickets/" + id).status()).as("no longer Chengdong's: answered like a missing ticket").isEqualTo(404);
    step("h-yushu", id, "claim", null, "CLAIMED");
    step("h-yushu", id, "result", new JsonObject().put("summary", "已处置"), "RESULT_SUBMITTED");
    step("sup-xining", id, "review", new JsonObject().put("decision", "ACCEPT"), "REVIEWED");
    for (int i = 0; i < 2; i++) step("sup-xining", id, "reply", new JsonObject().put("reached", false), "REVIEWED");
    JsonObject replied = step("sup-xining", id, "reply", new JsonObject().put("reached", false), "REPLIED");
    assertThat(replied.getInteger("replyAttempts")).isEqualTo(3);
    step("sup-xining", id, "close", null, "CLOSED");
    step("prov", id, "reopen", new JsonObject().put("reason", "同一儿童再次求助"), "IN_PROGRESS");
  }

  @Test
  void listsAreScopedAndFiltered() {
    long chengdong = app.post("op-xining", "/api/tickets", newTicket("630102").put("dispatchTo", "630102")).json().getLong("id");
    long yushu = app.post("op-xining", "/api/tickets", newTicket("632701").put("dispatchTo", "632701")).json().getLong("id");
    assertThat(ids(app.get("h-chengdong", "/api/tickets?size=200"))).contains(chengdong).doesNotContain(yushu);
    assertThat(ids(app.get("h-yushu", "/api/tickets?size=200"))).contains(yushu).doesNotContain(chengdong);
    assertThat(ids(app.get("op-xining", "/api/tickets?size=200"))).contains(chengdong, yushu);
    assertThat(ids(app.get("prov", "/api/tickets?org=632700&size=200"))).contains(yushu).doesNotContain(chengdong);
    JsonObject page = app.get("prov", "/api/tickets?status=DISPATCHED&severity=HIGH&size=1").json();
    assertThat(page.getJsonArray("items")).hasSize(1);
    assertThat(page.getLong("count")).isGreaterThanOrEqualTo(2);
    assertThat(page.getBoolean("countCapped")).isFalse();
    List<Long> second = ids(app.get("prov", "/api/tickets?status=DISPATCHED&severity=HIGH&size=1&cursor=" + page.getString("next")));
    assertThat(second).hasSize(1).doesNotContain(page.getJsonArray("items").getJsonObject(0).getLong("id"));
    assertThat(app.get("h-yushu", "/api/tickets?org=630102").status()).isEqualTo(403);
    assertThat(app.get("h-yushu", "/api/tickets").json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("countyCode")).distinct().toList()).containsOnly("632701");
  }

  static List<Long> ids(RunningApp.Response r) {
    assertThat(r.status()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  static JsonObject step(String user, long id, String action, JsonObject body, String expectedStatus) {
    RunningApp.Response r = app.post(user, "/api/tickets/" + id + "/" + action, body);
    assertThat(r.status()).as("%s %s by %s: %s", action, id, user, r.body()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo(expectedStatus);
    return r.json();
  }
}
