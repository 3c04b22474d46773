package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.Replay;
import cn.hotline12349.telephony.store.PgCallStore;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AMI faults checked where it matters, in the stored call records (docs/RELIABILITY.md): duplicated and shuffled event
 * replays store exactly what a clean replay stores; a PBX link dropped mid-call is reconciled to one closed record per
 * call. The in-memory tracker is covered by AmiReplayTest, ReconnectTest and CallTrackerTest.
 */
@ExtendWith(VertxExtension.class)
class AmiFaultsPersistenceTest {
  /** Each stored call whole, but for the row's own bookkeeping times. */
  static final String ROWS = "select (to_jsonb(c) - 'created_at' - 'updated_at')::text from calls c order by linkedid";
  static final String TIMELINE = "select linkedid || ' ' || type || ' ' || coalesce(at::text, '-') || ' ' "
      + "|| coalesce(detail, '-') from call_timeline order by 1";

  record Stored(List<String> rows, List<String> timeline) {}

  static Stored replay(Vertx vertx, Replay replay) throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    try (BridgeHarness h = BridgeHarness.start(vertx, new PgCallStore(pool, CallPersistenceTest.loadMapping()), null)) {
      replay.run(h.pbx, AmiReplayTest.FIVE);
      h.awaitCalls(cs -> cs.size() == 5 && BridgeHarness.allEnded(cs));
      h.awaitPersisted();
      return new Stored(CallPersistenceTest.column(db, ROWS), CallPersistenceTest.column(db, TIMELINE));
    } finally {
      pool.close().await();
    }
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void duplicatedAndShuffledReplaysStoreTheSameRecordsAsACleanReplay(Vertx vertx, VertxTestContext t) throws Exception {
    Stored clean = replay(vertx, Replay.backToBack());
    assertThat(clean.rows()).hasSize(5);
    assertThat(clean.timeline()).isNotEmpty();
    int events = AmiReplayTest.FIVE.size();
    for (long seed : new long[] {3, 17, 101}) {
      Stored faulty = replay(vertx, Replay.backToBack().reorderWithin(40, seed).duplicateEvents());
      assertThat(faulty.rows()).as("calls after %d events doubled and shuffled (seed %d)", 2 * events, seed)
          .isEqualTo(clean.rows());
      assertThat(faulty.timeline()).as("timeline, seed %d", seed).isEqualTo(clean.timeline());
    }
    System.out.printf("ami replay fault: %d events, clean %d calls / %d timeline rows; 3 shuffled+doubled replays of %d "
        + "events each stored the same%n", events, clean.rows().size(), clean.timeline().size(), 2 * events);
    t.completeNow();
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void aLinkDroppedMidCallIsReconciledInTheStoredRecords(Vertx vertx, VertxTestContext t) throws Exception {
    Stored clean = replay(vertx, Replay.backToBack());
    List<AmiMessage> ev = AmiReplayTest.FIVE;
    int drop = ReconnectTest.indexOf(ev, "AgentConnect", "1795432608.6") + 1;
    int back = ReconnectTest.indexOf(ev, "AgentConnect", "1795432609.9") + 1;
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    try (BridgeHarness h = BridgeHarness.start(vertx, new PgCallStore(pool, CallPersistenceTest.loadMapping()), null)) {
      Replay.backToBack().run(h.pbx, ev.subList(0, drop));
      h.awaitCalls(calls -> calls.stream().anyMatch(c -> c.linkedid().equals("1795432608.6") && c.answeredAt() != null));
      h.pbx.dropClients(); // call 3 is answered and live
      Replay.backToBack().run(h.pbx, ev.subList(drop, back)); // call 3 ends, call 4 is answered: nobody hears it
      assertThat(h.pbx.awaitLogins(2, 20, TimeUnit.SECONDS)).isTrue();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (h.bridge.resyncs() < 2 && System.nanoTime() < end) Thread.sleep(10);
      Replay.backToBack().run(h.pbx, ev.subList(back, ev.size()));
      h.awaitCalls(cs -> cs.size() == 5 && BridgeHarness.allEnded(cs));
      h.awaitPersisted();

      List<String> rows = CallPersistenceTest.column(db, ROWS);
      assertThat(rows).hasSize(5);
      assertThat(CallPersistenceTest.column(db, "select count(*) from calls where state not in ('ENDED', 'ABANDONED')"))
          .as("no call left open").containsExactly("0");
      assertThat(CallPersistenceTest.column(db, "select linkedid || ' ' || end_cause from calls where ended_during_disconnect"))
          .as("the call that ended unseen").containsExactly("1795432608.6 " + Call.CAUSE_PBX_DISCONNECT);
      assertThat(CallPersistenceTest.column(db, "select linkedid from calls where answered_at is not null order by 1"))
          .containsExactly("1795432606.0", "1795432607.3", "1795432608.6", "1795432609.9", "1795432610.12");
      // Call 4 was answered while the link was down: opened from CoreShowChannels, its answer given back by the
      // AgentComplete heard at its end (end minus talk time, whole seconds), closed by its hang-up heard live.
      JsonObject fourth = new JsonObject(rows.get(3));
      JsonObject cleanFourth = new JsonObject(clean.rows().get(3));
      assertThat(fourth.getString("state")).isEqualTo("ENDED");
      assertThat(fourth.getString("operator_interface")).isEqualTo(cleanFourth.getString("operator_interface"));
      assertThat(fourth.getString("operator_username")).isEqualTo(cleanFourth.getString("operator_username")).isNotNull();
      Duration answerOff = Duration.between(OffsetDateTime.parse(cleanFourth.getString("answered_at")),
          OffsetDateTime.parse(fourth.getString("answered_at"))).abs();
      assertThat(answerOff).as("answer time to the second").isLessThan(Duration.ofSeconds(1));
      assertThat(CallPersistenceTest.column(db, "select type from call_timeline where linkedid = '1795432609.9' "
          + "and type in ('SEEN_AFTER_RECONNECT', 'ANSWERED') order by type")).containsExactly("ANSWERED", "SEEN_AFTER_RECONNECT");
      for (int i : new int[] {0, 1, 4}) {
        assertThat(rows.get(i)).as("call %d, wholly before or after the outage", i + 1).isEqualTo(clean.rows().get(i));
      }
      System.out.printf("pbx drop fault: 5 calls offered, 5 stored, 0 open; 3 identical to a clean replay, 1 closed as "
          + "ended during the outage (end time unknown), 1 adopted from CoreShowChannels (answer given back by "
          + "AgentComplete, %d ms off the clean replay's)%n", answerOff.toMillis());
    } finally {
      pool.close().await();
    }
    t.completeNow();
  }
}
