package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.store.PgCallStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13 through AMI events, the bridge and PostgreSQL: an overflowed call is stored in the queue that answered it,
 * a caller who hangs up in the IVR is on the abandoned list, the JSON carries priority and queue position, and a
 * callback is done only when the called party talked.
 */
@ExtendWith(VertxExtension.class)
class CallOutcomesPersistenceTest {
  static final double T = 1795600000.0;

  static AmiMessage ev(String type, String linkedid, double at, String... kv) {
    AmiMessage m = AmiMessage.of("Event", type, "Privilege", "call,all", "Timestamp", String.format("%.6f", T + at),
        "Uniqueid", linkedid, "Linkedid", linkedid);
    for (int i = 0; i + 1 < kv.length; i += 2) m = m.with(kv[i], kv[i + 1]);
    return m;
  }

  static AmiMessage var(String id, double at, String name, String value) {
    return ev("VarSet", id, at, "Channel", "PJSIP/trunk-xining-00000001", "Variable", name, "Value", value);
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void overflowIvrAbandonAndCallbackOutcomesAreStored(Vertx vertx, VertxTestContext t) throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    try (BridgeHarness h = BridgeHarness.start(vertx, new PgCallStore(pool, CallPersistenceTest.loadMapping()), null)) {
      CallService service = new CallService(pool, h.bridge);
      String a = "1795600000.1"; // overflow: Xining queue, then the province answers
      String b = "1795600000.5"; // hangs up in the IVR
      String ch = "PJSIP/trunk-xining-00000001";
      for (AmiMessage m : new AmiMessage[] {
          ev("Newchannel", a, 0, "Channel", ch, "CallerIDNum", "13909710001", "Exten", "12349"),
          ev("Newexten", a, 0.2, "Channel", ch, "Application", "AGI", "AppData", "agi://127.0.0.1:4573/intake"),
          var(a, 0.3, "HOTLINE_PREFECTURE", "630100"), var(a, 0.3, "HOTLINE_QUEUE", "hotline-630100"),
          var(a, 0.3, "HOTLINE_PRIORITY", "10"), var(a, 0.3, "HOTLINE_DANGER", "1"),
          ev("QueueCallerJoin", a, 0.5, "Channel", ch, "Queue", "hotline-630100", "Position", "1", "Count", "1"),
          ev("QueueCallerLeave", a, 90.5, "Channel", ch, "Queue", "hotline-630100", "Position", "1", "Count", "0"),
          ev("QueueCallerJoin", a, 90.6, "Channel", ch, "Queue", "hotline-630000", "Position", "2", "Count", "2"),
          ev("AgentConnect", a, 100.6, "Channel", ch, "Queue", "hotline-630000", "Interface", "PJSIP/8001",
              "MemberName", "op-xining", "HoldTime", "100", "RingTime", "2"),
          ev("Hangup", a, 160, "Channel", ch, "CallerIDNum", "13909710001", "Cause", "16", "Cause-txt", "Normal Clearing"),
          ev("Newchannel", b, 1, "Channel", "PJSIP/trunk-xining-00000002", "CallerIDNum", "09716123456", "Exten", "12349"),
          ev("Newexten", b, 1.2, "Channel", "PJSIP/trunk-xining-00000002", "Application", "AGI"),
          var(b, 1.3, "HOTLINE_PREFECTURE", "630100"),
          ev("Hangup", b, 2.5, "Channel", "PJSIP/trunk-xining-00000002", "CallerIDNum", "09716123456", "Cause", "16",
              "Cause-txt", "Normal Clearing")}) {
        h.pbx.emit(m);
      }
      h.awaitCalls(cs -> cs.size() == 2 && BridgeHarness.allEnded(cs));
      h.awaitPersisted();

      JsonObject answered = service.get(a, "630100").await(5, TimeUnit.SECONDS);
      assertThat(answered.getString("state")).isEqualTo("ENDED");
      assertThat(answered.getString("queue")).isEqualTo("hotline-630000");
      assertThat(answered.getInteger("queuePosition")).isEqualTo(2);
      assertThat(answered.getInteger("priority")).isEqualTo(10);
      assertThat(answered.getLong("waitMillis")).isEqualTo(100_100L);
      assertThat(answered.getString("endCause")).isEqualTo("16 Normal Clearing");

      JsonArray pending = service.list(CallService.Query.abandonedPending(), "630100").await(5, TimeUnit.SECONDS);
      assertThat(pending).hasSize(1);
      assertThat(pending.getJsonObject(0).getString("linkedid")).isEqualTo(b);
      assertThat(pending.getJsonObject(0).getString("abandonStage")).isEqualTo("IVR");
      assertThat(pending.getJsonObject(0).getString("state")).isEqualTo("ABANDONED");

      // callback for the IVR-abandoned call: the operator answers, the child does not -> still pending
      h.pbx.setCalledPartyResult("NOANSWER:");
      String cb1 = service.callback("op-xining", null, b, null, "630100").await(10, TimeUnit.SECONDS);
      awaitOutcome(db, cb1);
      h.awaitPersisted();
      assertThat(CallPersistenceTest.column(db, "select status || ' ' || (operator_answered_at is not null) "
          + "from call_callbacks where id = '" + cb1 + "'")).containsExactly("NO_ANSWER true");
      assertThat(service.list(CallService.Query.abandonedPending(), "630100").await(5, TimeUnit.SECONDS)).hasSize(1);

      // second attempt: the child answers and talks 40 s -> done, off the list
      h.pbx.setCalledPartyResult("ANSWER:40");
      String cb2 = service.callback("op-xining", null, b, null, "630100").await(10, TimeUnit.SECONDS);
      awaitOutcome(db, cb2);
      assertThat(CallPersistenceTest.column(db, "select status || ' ' || talk_seconds from call_callbacks where id = '"
          + cb2 + "'")).containsExactly("DONE 40");
      assertThat(service.list(CallService.Query.abandonedPending(), "630100").await(5, TimeUnit.SECONDS)).isEmpty();
      assertThat(CallPersistenceTest.column(db, "select callback_status || ' ' || callback_attempts from calls "
          + "where linkedid = '" + b + "'")).containsExactly("DONE 2");

      // the callbacks' own call records: outbound, the dialled number, Xining's
      h.awaitCalls(cs -> cs.stream().filter(c -> c.callbackId() != null && c.endedAt() != null).count() == 2);
      h.awaitPersisted();
      assertThat(CallPersistenceTest.column(db, "select direction || ' ' || dialled || ' ' || prefecture_code || ' ' "
          + "|| state from calls where callback_id is not null order by callback_id"))
          .containsOnly("OUTBOUND 09716123456 630100 ENDED");
    }
    t.completeNow();
  }

  private static void awaitOutcome(TestDb db, String callbackId) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (CallPersistenceTest.column(db, "select 1 from call_callbacks where outcome_at is not null and id = '"
        + callbackId + "'").isEmpty()) {
      if (System.nanoTime() > end) throw new AssertionError("no outcome for " + callbackId);
      Thread.sleep(20);
    }
  }
}
