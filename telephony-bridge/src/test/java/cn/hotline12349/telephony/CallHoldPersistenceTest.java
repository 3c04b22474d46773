package cn.hotline12349.telephony;

import static cn.hotline12349.telephony.CallControlTest.one;
import static cn.hotline12349.telephony.CallOutcomesPersistenceTest.ev;
import static cn.hotline12349.telephony.CallPersistenceTest.column;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallChange;
import cn.hotline12349.telephony.domain.CallSignal;
import cn.hotline12349.telephony.domain.CallTracker;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.telephony.store.PgCallQueries;
import cn.hotline12349.telephony.store.PgCallStore;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hold state is stored with the call (V260): AMI Hold/Unhold through the loopback Asterisk reach the calls row, a
 * bridge started afterwards on the same PBX (a restart, or the node taking the PBX over) starts from it, every read
 * shows it, and the store's merge keeps the latest by PBX time whatever order two writers' rows arrive in.
 */
@ExtendWith(VertxExtension.class)
class CallHoldPersistenceTest {
  static final String ID = "1795720000.1";
  static final String CALLER = "PJSIP/trunk-xining-00000021";
  static final String AGENT = "PJSIP/8001-00000022";

  static String stored(TestDb db, String linkedid) throws Exception {
    return column(db, "select held || ' ' || coalesce(to_char(hold_changed_at at time zone 'UTC', 'HH24:MI:SS'), '-') "
        + "from calls where linkedid = '" + linkedid + "'").get(0);
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void holdIsStoredAndABridgeStartedLaterShowsIt(Vertx vertx, VertxTestContext t) throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    PbxMapping mapping = CallPersistenceTest.loadMapping();
    PgCallQueries reads = new PgCallQueries(pool);
    BridgeHarness h = BridgeHarness.start(vertx, new PgCallStore(pool, mapping), null, mapping);
    try {
      TransferTest.answeredCall(h, ID, CALLER, AGENT);
      h.pbx.emit(ev("Hold", ID, 10, "Channel", AGENT, "Uniqueid", ID + "1", "MusicClass", "default"));
      Instant heldAt = h.awaitCalls(cs -> cs.stream().anyMatch(c -> c.linkedid().equals(ID) && c.onHold())).stream()
          .filter(c -> c.linkedid().equals(ID)).findFirst().orElseThrow().holdChangedAt();
      h.awaitPersisted();
      assertThat(column(db, "select held from calls where linkedid = '" + ID + "'")).containsExactly("t");
      assertThat(reads.find(ID, null).await().getBoolean("held")).as("a read from the database").isTrue();
      assertThat(reads.find(ID, null).await().getString("holdChangedAt")).isEqualTo(heldAt.toString());

      // the bridge goes away (a restart; or the owner died) and another starts on the same, still-live call
      vertx.undeploy(h.bridge.deploymentID()).await(10, TimeUnit.SECONDS);
      CallBridge next = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", h.pbx.port(), "hotline", "s3cret")),
          mapping, new PgCallStore(pool, mapping), null, Clock.systemUTC());
      vertx.deployVerticle(next).await(10, TimeUnit.SECONDS);
      assertThat(h.pbx.awaitLogins(2, 10, TimeUnit.SECONDS)).isTrue();
      long up = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!next.ami().orElseThrow().connected() && System.nanoTime() < up) Thread.sleep(10);
      assertThat(one(next.liveCalls().await(5, TimeUnit.SECONDS), ID).onHold())
          .as("the new bridge starts from the stored hold, before any new Hold/Unhold").isTrue();

      h.pbx.emit(ev("Unhold", ID, 20, "Channel", AGENT, "Uniqueid", ID + "1"));
      h.pbx.emit(ev("Hold", ID, 15, "Channel", AGENT, "Uniqueid", ID + "1")); // older, arriving late
      awaitRow(db, "false");
      awaitPersisted(next);
      assertThat(reads.find(ID, null).await().getBoolean("held")).isFalse();
      assertThat(column(db, "select type from call_timeline where linkedid = '" + ID + "' and type in ('HELD', 'UNHELD') "
          + "order by at")).containsExactly("HELD", "HELD", "UNHELD");

      h.pbx.emit(ev("Hold", ID, 30, "Channel", AGENT, "Uniqueid", ID + "1"));
      awaitRow(db, "true");
      h.pbx.emit(ev("Hangup", ID, 40, "Channel", CALLER, "Cause", "16", "Cause-txt", "Normal Clearing"));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (!"ENDED".equals(reads.find(ID, null).await().getString("state")) && System.nanoTime() < end) Thread.sleep(20);
      assertThat(reads.find(ID, null).await().getString("state")).isEqualTo("ENDED");
      assertThat(reads.find(ID, null).await().getBoolean("held")).as("an ended call is never shown held").isFalse();
      vertx.undeploy(next.deploymentID()).await(10, TimeUnit.SECONDS);
    } finally {
      h.pbx.close();
    }
    t.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void theLatestHoldByPbxTimeWinsWhicheverWritersRowArrivesLast(Vertx vertx, VertxTestContext t) throws Exception {
    TestDb db = TestDatabase.create();
    PgCallStore store = new PgCallStore(db.pool(vertx), CallPersistenceTest.loadMapping());
    Instant t0 = Instant.parse("2026-12-07T03:00:00Z");
    String id = "1795720000.2";
    // two trackers (two writers: the old owner and the new one) that saw different hold events of one call
    CallChange older = writer(t0, id, new CallSignal.HoldChanged(id, AGENT, true, t0.plusSeconds(10)));
    CallChange newer = writer(t0, id, new CallSignal.HoldChanged(id, AGENT, false, t0.plusSeconds(20)));
    store.write(List.of(newer)).await(10, TimeUnit.SECONDS);
    store.write(List.of(older)).await(10, TimeUnit.SECONDS);
    assertThat(stored(db, id)).as("the Unhold at 20 s stays").isEqualTo("false 03:00:20");
    Call restored = store.openCalls().await(10, TimeUnit.SECONDS).stream().filter(c -> c.linkedid().equals(id))
        .findFirst().orElseThrow();
    assertThat(restored.onHold()).isFalse();
    assertThat(restored.holdChangedAt()).isEqualTo(t0.plusSeconds(20));

    store.write(List.of(writer(t0, id, new CallSignal.HoldChanged(id, AGENT, true, t0.plusSeconds(30)))))
        .await(10, TimeUnit.SECONDS);
    assertThat(stored(db, id)).isEqualTo("true 03:00:30");
    t.completeNow();
  }

  /** A fresh tracker's change after an answered call and one hold signal. */
  static CallChange writer(Instant t0, String id, CallSignal hold) {
    CallTracker tracker = new CallTracker(Clock.fixed(t0, java.time.ZoneOffset.UTC), Duration.ofMinutes(30));
    tracker.apply(new CallSignal.ChannelOpened(id, id, CALLER, "13909710001", "12349", t0));
    tracker.apply(new CallSignal.AgentAnswered(id, "hotline-630100", "PJSIP/8001", "op-xining", 2, t0.plusSeconds(3),
        AGENT));
    return tracker.apply(hold).orElseThrow();
  }

  static void awaitPersisted(CallBridge bridge) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!bridge.persisted().await(5, TimeUnit.SECONDS)) {
      if (System.nanoTime() > end) throw new AssertionError("writes still pending");
      Thread.sleep(20);
    }
  }

  static void awaitRow(TestDb db, String held) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!column(db, "select held from calls where linkedid = '" + ID + "'").get(0).startsWith(held.substring(0, 1))) {
      if (System.nanoTime() > end) throw new AssertionError("held never became " + held);
      Thread.sleep(20);
    }
  }
}
