package cn.hotline12349.ui.api;

import static cn.hotline12349.ui.api.IntakeApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 14 in the running system: the learned suggestion, the risk check on the call and with the ticket, accuracy. */
class IntakeRiskApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  static JsonObject suggest(JsonObject body) {
    RunningApp.Response r = app.post("op-xining", "/api/intake/suggest", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void theSuggestionComesFromTheLearnedModelWithItsRunnerUp() {
    JsonObject s = suggest(new JsonObject().put("notes", "来电人称邻居家的丫头最近总是一个人发呆，饭也不吃，夜里还哭"));
    assertThat(s.getString("model")).isEqualTo("bge-small-zh-v1.5-q");
    assertThat(s.getString("runnerUp")).isNotNull().isNotEqualTo(s.getString("category"));
    assertThat(s.getDouble("confidence")).isGreaterThanOrEqualTo(s.getDouble("runnerUpConfidence"));
    assertThat(s.getBoolean("unsure")).isEqualTo(s.getDouble("confidence") - s.getDouble("runnerUpConfidence") < 0.2);
  }

  @Test
  void theNotesPreFillClearAnswersAndANoAgainstThemIsFlagged() {
    JsonObject s = suggest(new JsonObject().put("notes", "孩子在电话里说想跳楼")
        .put("risk", new JsonObject().put("SUICIDE_SELF_HARM", "NO")));
    JsonObject risk = s.getJsonObject("risk");
    assertThat(risk.getJsonArray("hints").encode()).contains("SUICIDE_SELF_HARM").contains("跳楼");
    JsonObject d = risk.getJsonArray("disagreements").getJsonObject(0);
    assertThat(d.getString("question")).isEqualTo("SUICIDE_SELF_HARM");
    assertThat(d.getString("messageEn")).contains("跳楼").contains("is No");
    assertThat(d.getString("messageZh")).contains("跳楼");
    assertThat(s.getString("severity")).isEqualTo("EMERGENCY");
  }

  @Test
  void theAnswersRaiseTheLevelAndThePriority() {
    JsonObject calm = suggest(new JsonObject().put("notes", "想问问孩子转学需要什么材料"));
    JsonObject danger = suggest(new JsonObject().put("notes", "想问问孩子转学需要什么材料")
        .put("risk", new JsonObject().put("IN_DANGER_NOW", "YES").put("UNDER6_OR_DISABILITY", "YES")));
    assertThat(calm.getString("severity")).isNotEqualTo("EMERGENCY");
    assertThat(danger.getString("textSeverity")).isEqualTo(calm.getString("severity"));
    assertThat(danger.getString("severity")).isEqualTo("EMERGENCY");
    assertThat(danger.getJsonObject("risk").getJsonArray("reasons").encode()).contains("生命优先");
    assertThat(danger.getInteger("priority")).isGreaterThanOrEqualTo(3000 + 200);

    assertProblem(app.post("op-xining", "/api/intake/suggest", new JsonObject().put("notes", "孩子被打")
        .put("risk", new JsonObject().put("DANGER", "YES"))), 422, "risk.DANGER");
    assertProblem(app.post("op-xining", "/api/intake/suggest", new JsonObject().put("notes", "孩子被打")
        .put("risk", new JsonObject().put("IN_DANGER_NOW", "MAYBE"))), 422, "risk.IN_DANGER_NOW");
    JsonArray qs = app.get("op-xining", "/api/intake/risk-check").json().getJsonArray("questions");
    assertThat(qs).hasSize(6);
    assertThat(qs.getJsonObject(0).getString("zh")).isNotBlank();
  }

  @Test
  void anEmergencyAnswerIsLoweredOnlyWithAReasonStoredWithTheTicket() {
    JsonObject risk = new JsonObject().put("IN_DANGER_NOW", "YES").put("SUICIDE_SELF_HARM", "NO");
    JsonObject body = TicketLoopApiTest.newTicket("630102").put("severity", "HIGH").put("suggestedSeverity", "EMERGENCY")
        .put("suggestedCategory", "VIOLATION").put("riskCheck", new JsonObject().put("answers", risk));
    int before = app.get("sup-xining", "/api/tickets?size=200").json().getJsonArray("items").size();
    assertProblem(app.post("op-xining", "/api/tickets", body), 422, "riskCheck.downgradeReason");
    assertThat(app.get("sup-xining", "/api/tickets?size=200").json().getJsonArray("items")).hasSize(before);

    body.getJsonObject("riskCheck").put("downgradeReason", "孩子已被民警带离，现在安全");
    RunningApp.Response created = app.post("op-xining", "/api/tickets", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonObject t = app.get("op-xining", "/api/tickets/" + created.json().getLong("id")).json();
    JsonObject stored = t.getJsonObject("riskCheck");
    assertThat(stored.getBoolean("answered")).isTrue();
    assertThat(stored.getString("derivedSeverity")).isEqualTo("EMERGENCY");
    assertThat(stored.getString("downgradeReason")).isEqualTo("孩子已被民警带离，现在安全");
    assertThat(stored.getJsonArray("answers").encode()).contains("\"question\":\"IN_DANGER_NOW\"")
        .contains("\"answer\":\"YES\"");

    // the same EMERGENCY kept needs no reason, nor does lowering a text-only EMERGENCY suggestion (an override);
    // a ticket without a risk check shows it was not answered
    assertThat(app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102").put("severity", "HIGH")
        .put("suggestedSeverity", "EMERGENCY").put("riskCheck", new JsonObject().put("answers",
            new JsonObject().put("IN_DANGER_NOW", "NO")))).status()).isEqualTo(201);
    JsonObject kept = TicketLoopApiTest.newTicket("630102").put("severity", "EMERGENCY")
        .put("riskCheck", new JsonObject().put("answers", risk));
    assertThat(app.post("op-xining", "/api/tickets", kept).status()).isEqualTo(201);
    long plain = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")).json().getLong("id");
    assertThat(app.get("op-xining", "/api/tickets/" + plain).json().getJsonObject("riskCheck").getBoolean("answered"))
        .isFalse();
    assertProblem(app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")
        .put("riskCheck", new JsonObject().put("answers", new JsonObject().put("X", "YES")))), 422, "riskCheck.answers.X");
  }

  @Test
  void supervisorsSeeTheSuggestionsAccuracyPerClassOverThirtyDays() {
    JsonObject right = TicketLoopApiTest.newTicket("630103").put("suggestedCategory", "VIOLATION")
        .put("suggestedSeverity", "HIGH");
    JsonObject wrong = TicketLoopApiTest.newTicket("630103").put("suggestedCategory", "PSYCHOLOGICAL")
        .put("suggestedSeverity", "NORMAL");
    assertThat(app.post("op-xining", "/api/tickets", right).status()).isEqualTo(201);
    assertThat(app.post("op-xining", "/api/tickets", wrong).status()).isEqualTo(201);
    RunningApp.Response r = app.get("sup-xining", "/api/intake/accuracy");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject acc = r.json();
    assertThat(acc.getInteger("days")).isEqualTo(30);
    JsonObject violation = acc.getJsonArray("perCategory").stream().map(JsonObject.class::cast)
        .filter(o -> o.getString("category").equals("VIOLATION")).findFirst().orElseThrow();
    assertThat(violation.getInteger("examples")).isGreaterThanOrEqualTo(2);
    assertThat(violation.getDouble("categoryAccuracy")).isLessThan(1.0).isGreaterThan(0.0);
    assertThat(acc.getJsonObject("model").getString("embedder")).isEqualTo("bge-small-zh-v1.5-q");
    assertThat(app.get("op-xining", "/api/intake/accuracy").status()).isEqualTo(403);
    assertProblem(app.get("sup-xining", "/api/intake/accuracy?days=0"), 422, "days");
    assertThat(app.post("sup-xining", "/api/intake/model/rebuild", new JsonObject()).status()).isEqualTo(403);
  }
}
