package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Role;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.Replay;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17's call controls end to end against a loopback Asterisk: POST /api/calls/{linkedid}/hangup by the operator
 * on the call ends it on the PBX (AMI Hangup, cause 16), the timeline names who hung up, the audit log has it; other
 * operators are refused (403), other prefectures do not see the call (404), an ended call is a 409 problem. Hold and
 * unhold from the operator's phone show on the call as {@code held}.
 */
class CallControlApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass().withLoopbackPbx();

  @BeforeAll
  static void start() {
    app.app.services().users().create("op-xining-2", RunningApp.PASSWORD, "西宁接线员二", Role.OPERATOR, "630100").await();
  }

  /**
   * A synthesized call answered by op-xining in Xining's queue and left live: the recorded call up to the operator's
   * answer (AgentConnect), nothing of its end. Returns the linkedid once the call is stored as ANSWERED.
   */
  static String liveCall(RunningApp app, String number, int index) throws Exception {
    List<AmiMessage> all = new CallSynthesizer(AmiTranscript.loadEvents(AmiTranscript.FIVE_ANSWERED)).synthesize(
        List.of(new CallSynthesizer.Spec(number, "hotline-630100", "1001", "630100")), 1795800000.0 + index, 0, index);
    List<AmiMessage> untilAnswer = new ArrayList<>();
    for (AmiMessage m : all) {
      untilAnswer.add(m);
      if (m.isEvent("AgentConnect")) break;
    }
    String linkedid = all.stream().filter(m -> m.isEvent("Newchannel")).findFirst().orElseThrow().get("Linkedid");
    Replay.backToBack().run(app.pbx, untilAnswer);
    await("call answered", () -> app.get("op-xining", "/api/calls/" + linkedid),
        r -> r.status() == 200 && "ANSWERED".equals(r.json().getString("state")));
    return linkedid;
  }

  @Test
  void theOperatorOnTheCallHangsItUpOnThePbxOthersCannotAndAnEndedCallIsAConflict() throws Exception {
    String linkedid = liveCall(app, "13909710031", 10);
    String path = "/api/calls/" + linkedid + "/hangup";
    List<String> legs = app.pbx.channelsOf(linkedid);
    assertThat(legs).as("caller and operator legs live on the PBX").hasSizeGreaterThanOrEqualTo(2);
    int before = app.pbx.received("Hangup").size();

    assertThat(app.post("op-xining-2", path, null).status()).as("another operator of the prefecture").isEqualTo(403);
    assertThat(app.post("op-haixi", path, null).status()).as("another prefecture's operator").isEqualTo(404);
    assertThat(app.post("h-chengdong", path, null).status()).isEqualTo(403);
    assertThat(app.pbx.received("Hangup")).as("nothing reached the PBX for a refusal").hasSize(before);

    RunningApp.Response r = app.post("op-xining", path, null);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(r.json().getString("status")).isEqualTo("HANGUP_REQUESTED");
    AmiMessage sent = app.pbx.received("Hangup").get(before);
    assertThat(sent.get("Channel")).as("the caller's channel").isEqualTo(legs.get(0));
    assertThat(sent.get("Cause")).isEqualTo("16");
    JsonObject ended = await("call ended", () -> app.get("op-xining", "/api/calls/" + linkedid).json(),
        c -> "ENDED".equals(c.getString("state")) && c.getJsonArray("timeline").stream()
            .anyMatch(e -> "HANGUP_REQUESTED".equals(((JsonObject) e).getString("type"))));
    assertThat(app.pbx.channelsOf(linkedid)).as("every leg of the call ended on the PBX").isEmpty();
    assertThat(ended.getString("endCause")).isEqualTo("16 Normal Clearing");
    JsonObject entry = ended.getJsonArray("timeline").stream().map(JsonObject.class::cast)
        .filter(e -> "HANGUP_REQUESTED".equals(e.getString("type"))).findFirst().orElseThrow();
    assertThat(entry.getString("detail")).isEqualTo("by op-xining");

    assertThat(hungUpBy(linkedid)).containsExactly("op-xining");

    RunningApp.Response again = app.post("op-xining", path, null);
    assertThat(again.status()).as(again.body()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    assertThat(again.json().getString("type")).endsWith("call-ended");
    assertThat(app.pbx.received("Hangup")).hasSize(before + 1);
    assertThat(app.post("op-xining", "/api/calls/no-such-call/hangup", null).status()).isEqualTo(404);
  }

  /**
   * GET /api/queue/call, read by the console when it opens or reloads: the operator on the call gets its screen-pop
   * body (full number, as the pop), audited with the call's id; an operator with no call gets {call: null}; counties 403.
   */
  @Test
  void theOperatorsCurrentCallIsReadWithItsPopAndTheReadIsAudited() throws Exception {
    String linkedid = liveCall(app, "13909710034", 13);
    RunningApp.Response mine = app.get("op-xining", "/api/queue/call");
    assertThat(mine.status()).as(mine.body()).isEqualTo(200);
    assertThat(mine.json().getString("type")).isEqualTo("screen-pop");
    assertThat(mine.json().getString("callId")).isEqualTo(linkedid);
    assertThat(mine.json().getString("callerNumber")).isEqualTo("13909710034");
    assertThat(mine.json().getJsonObject("call").getString("state")).isEqualTo("ANSWERED");
    try (Connection c = app.db.jdbc(); var rs = c.createStatement().executeQuery("select detail from audit_log "
        + "where username = 'op-xining' and detail like 'GET /api/queue/call%' order by id desc limit 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("GET /api/queue/call -> 200 ids=" + linkedid);
    }
    RunningApp.Response none = app.get("op-xining-2", "/api/queue/call");
    assertThat(none.status()).as(none.body()).isEqualTo(200);
    assertThat(none.json().containsKey("call")).isTrue();
    assertThat(none.json().getValue("call")).isNull();
    assertThat(app.get("h-chengdong", "/api/queue/call").status()).isEqualTo(403);
    assertThat(app.post("op-xining", "/api/calls/" + linkedid + "/hangup", null).status()).isEqualTo(202);
    await("no current call once it ended", () -> app.get("op-xining", "/api/queue/call").json(),
        j -> j.containsKey("call") && j.getValue("call") == null);
  }

  @Test
  void theSupervisorMayHangUpAndAHoldOnTheOperatorsPhoneShowsOnTheCall() throws Exception {
    String linkedid = liveCall(app, "13909710032", 11);
    List<String> legs = app.pbx.channelsOf(linkedid);
    String operatorLeg = legs.stream().filter(c -> c.startsWith("Local/1001") || c.startsWith("PJSIP/8001"))
        .findFirst().orElse(legs.get(legs.size() - 1));
    assertThat(app.pbx.hold(operatorLeg, true)).isTrue();
    await("held, read from the stored call", () -> app.get("op-xining", "/api/calls/" + linkedid).json(),
        c -> c.getBoolean("held") && c.getJsonArray("timeline").stream()
            .anyMatch(e -> "HELD".equals(((JsonObject) e).getString("type"))));
    assertThat(app.pbx.hold(operatorLeg, false)).isTrue();
    await("unheld", () -> app.get("op-xining", "/api/calls/" + linkedid).json(), c -> !c.getBoolean("held")
        && c.getJsonArray("timeline").stream().anyMatch(e -> "UNHELD".equals(((JsonObject) e).getString("type"))));

    RunningApp.Response r = app.post("sup-xining", "/api/calls/" + linkedid + "/hangup", null);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    JsonObject ended = await("call ended", () -> app.get("sup-xining", "/api/calls/" + linkedid).json(),
        c -> "ENDED".equals(c.getString("state")) && c.getJsonArray("timeline").stream()
            .anyMatch(e -> "HANGUP_REQUESTED".equals(((JsonObject) e).getString("type"))));
    assertThat(ended.getJsonArray("timeline").stream().map(JsonObject.class::cast)
        .filter(e -> "HANGUP_REQUESTED".equals(e.getString("type"))).findFirst().orElseThrow().getString("detail"))
        .isEqualTo("by sup-xining");
  }

  @Test
  void noHangupReachesThePbxWithoutItsAuditRow() throws Exception {
    String linkedid = liveCall(app, "13909710033", 12);
    String path = "/api/calls/" + linkedid + "/hangup";
    int before = app.pbx.received("Hangup").size();
    app.login("op-xining"); // logged in (and that audited) before the audit table refuses the service's inserts
    try (Connection c = app.db.jdbc()) {
      c.createStatement().execute("revoke insert on audit_log from " + app.db.user());
    }
    try {
      RunningApp.Response refused = app.post("op-xining", path, null);
      assertThat(refused.status()).as(refused.body()).isEqualTo(503);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().getString("type")).endsWith("audit-unavailable");
    } finally {
      try (Connection c = app.db.jdbc()) {
        c.createStatement().execute("grant insert on audit_log to " + app.db.user());
      }
    }
    assertThat(app.pbx.received("Hangup")).as("no Hangup without its audit row").hasSize(before);
    assertThat(hungUpBy(linkedid)).isEmpty();
    assertThat(app.get("op-xining", "/api/calls/" + linkedid).json().getString("state")).isEqualTo("ANSWERED");

    RunningApp.Response r = app.post("op-xining", path, null);
    assertThat(r.status()).as("audited again, done again: " + r.body()).isEqualTo(202);
    assertThat(app.pbx.received("Hangup")).hasSize(before + 1);
    assertThat(hungUpBy(linkedid)).containsExactly("op-xining");
  }

  static List<String> hungUpBy(String linkedid) {
    var rows = app.app.services().pool().preparedQuery("select username from audit_log where action = 'CALL_HUNG_UP' "
        + "and detail = $1").execute(Tuple.of("call " + linkedid)).await();
    List<String> who = new ArrayList<>();
    rows.forEach(row -> who.add(row.getString(0)));
    return who;
  }

  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    return CallApiTest.await(what, probe, done);
  }
}
