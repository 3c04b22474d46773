package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallChange;
import cn.hotline12349.telephony.domain.CallSignal;
import cn.hotline12349.telephony.domain.CallTracker;
import cn.hotline12349.telephony.store.CallStore;
import cn.hotline12349.telephony.store.PgCallStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The write-behind with several batches in flight, against PostgreSQL: a call is never in two batches at once and its
 * versions reach the database in order; a call's news (one a batch, its latest change's) runs only after a batch
 * holding that change (or a later version of its call) committed, in arrival order per call; failed batches (refused, or committed with the answer lost) are
 * retried with nothing lost; the stored rows and timelines equal the tracker's.
 */
@ExtendWith(VertxExtension.class)
class WriteBehindConcurrencyTest {
  static final int CALLS = 400;

  /** Records which calls each write holds, refuses some writes, and loses the answer of one committed write. */
  static final class Recording implements CallStore {
    final Vertx vertx;
    final CallStore db;
    /** linkedid -> the Call objects the tracker produced, in order (a version is an index here). */
    final Map<String, List<Call>> versions;
    final Set<String> active = ConcurrentHashMap.newKeySet();
    final List<String> overlaps = new CopyOnWriteArrayList<>();
    final List<String> outOfOrder = new CopyOnWriteArrayList<>();
    final Map<String, Integer> committed = new ConcurrentHashMap<>();
    final Map<String, Integer> lastStarted = new ConcurrentHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger answersLost = new AtomicInteger();

    Recording(Vertx vertx, CallStore db, Map<String, List<Call>> versions) {
      this.vertx = vertx;
      this.db = db;
      this.versions = versions;
    }

    @Override
    public Future<Void> write(List<CallChange> changes) {
      int n = writes.incrementAndGet();
      Map<String, Integer> mine = new HashMap<>();
      for (CallChange c : changes) {
        String id = c.after().linkedid();
        if (!active.add(id)) overlaps.add(id);
        int v = versions.get(id).indexOf(c.after());
        Integer before = lastStarted.put(id, v);
        // a retried batch may send the same version again, never an older one
        if (v < 0 || (before != null && v < before)) outOfOrder.add(id + ":" + before + "->" + v);
        mine.put(id, v);
      }
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      Promise<Void> done = Promise.promise();
      // slow enough that the next batches start while this one is in flight
      vertx.setTimer(40, t -> {
        Future<Void> w;
        if (n % 5 == 2) {
          refused.incrementAndGet();
          w = Future.failedFuture("refused by the test");
        } else if (n == 9) {
          // committed, but the answer never came (connection lost after COMMIT): the retry must not double anything
          answersLost.incrementAndGet();
          w = db.write(changes).compose(v -> Future.failedFuture("answer lost by the test"));
        } else {
          w = db.write(changes).onSuccess(v -> mine.forEach((id, ver) -> committed.merge(id, ver, Math::max)));
        }
        w.onComplete(ar -> {
          mine.keySet().forEach(active::remove);
          inFlight.decrementAndGet();
          done.handle(ar);
        });
      });
      return done.future();
    }

    @Override public Future<List<Call>> openCalls() { return db.openCalls(); }
    @Override public Future<Void> callbackRequested(String a, String b, Long c, String d, String e, Instant f) {
      return db.callbackRequested(a, b, c, d, e, f);
    }
    @Override public Future<Void> callbackOperatorAnswered(String a, Instant b) { return db.callbackOperatorAnswered(a, b); }
    @Override public Future<Attempt> callbackOutcome(String a, String b, boolean c, String d, Integer e, Instant f) {
      return db.callbackOutcome(a, b, c, d, e, f);
    }
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void batchesInFlightTogetherKeepEachCallsOrderTellAfterCommitAndRetryFailures(Vertx vertx, VertxTestContext t)
      throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    Map<String, List<Call>> versions = new ConcurrentHashMap<>();
    Recording store = new Recording(vertx, new PgCallStore(pool, PbxMappingLoader.load(PbxMappingLoader.configDir())),
        versions);
    Instant t0 = Instant.parse("2026-12-07T08:00:00Z");
    CallTracker tracker = new CallTracker(Clock.fixed(t0, ZoneOffset.UTC), Duration.ofHours(1));
    List<String> newsTooEarly = new CopyOnWriteArrayList<>();
    List<String> newsOutOfOrder = new CopyOnWriteArrayList<>();
    Map<String, Integer> lastNews = new ConcurrentHashMap<>();
    Map<String, Set<String>> expectedTimeline = new HashMap<>();
    AtomicInteger changes = new AtomicInteger();
    AtomicInteger told = new AtomicInteger();
    Context ctx = vertx.getOrCreateContext();
    WriteBehind[] wb = new WriteBehind[1];
    Future.<Void>future(p -> ctx.runOnContext(v -> {
      wb[0] = new WriteBehind(vertx, store, 15);
      p.complete();
    })).await(10, TimeUnit.SECONDS);

    // 7 steps a call; the calls overlap (a new call starts every step), fed in small slices 5 ms apart, so batches of
    // different calls are in flight together while later changes of the same calls keep coming
    List<CallSignal> signals = new ArrayList<>();
    for (int i = 0; i < CALLS + 7; i++) {
      for (int c = Math.max(0, i - 6); c <= Math.min(i, CALLS - 1); c++) signals.add(step(c, i - c, t0));
    }
    int slice = 40;
    for (int from = 0; from < signals.size(); from += slice) {
      List<CallSignal> part = signals.subList(from, Math.min(signals.size(), from + slice));
      Future.<Void>future(p -> ctx.runOnContext(v -> {
        for (CallSignal s : part) {
          tracker.apply(s).ifPresent(change -> {
            String id = change.after().linkedid();
            List<Call> mine = versions.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
            mine.add(change.after());
            int version = mine.size() - 1;
            change.added().forEach(e -> expectedTimeline.computeIfAbsent(id, k -> new HashSet<>()).add(e.key()));
            changes.incrementAndGet();
            wb[0].add(change, () -> {
              told.incrementAndGet();
              if (store.committed.getOrDefault(id, -1) < version) newsTooEarly.add(id + "#" + version);
              Integer prev = lastNews.put(id, version);
              if (prev != null && prev >= version) newsOutOfOrder.add(id + ":" + prev + "->" + version);
            });
          });
        }
        p.complete();
      })).await(10, TimeUnit.SECONDS);
      Thread.sleep(5);
    }

    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Future.<Boolean>future(p -> ctx.runOnContext(v -> p.complete(wb[0].idle()))).await(5, TimeUnit.SECONDS)) {
      if (System.nanoTime() > end) throw new AssertionError("the write-behind never became idle");
      Thread.sleep(20);
    }

    assertThat(store.maxInFlight.get()).as("batches in flight at once").isBetween(2, WriteBehind.MAX_IN_FLIGHT);
    assertThat(store.overlaps).as("a call in two batches in flight at once").isEmpty();
    assertThat(store.outOfOrder).as("a call's versions written out of order").isEmpty();
    assertThat(store.refused.get()).isGreaterThan(0);
    assertThat(store.answersLost.get()).isEqualTo(1);
    assertThat(newsTooEarly).as("news run before its change was committed").isEmpty();
    assertThat(newsOutOfOrder).as("a call's news out of arrival order").isEmpty();
    // a batch tells each call once, with its latest change: fewer news than changes, and (below) every call's last
    // change told; out-of-order and doubled news are caught above
    assertThat(told.get()).as("news coalesced per call and batch").isPositive().isLessThan(changes.get());
    for (String id : versions.keySet()) {
      List<Call> mine = versions.get(id);
      assertThat(lastNews.get(id)).isEqualTo(mine.size() - 1);
    }

    // what PostgreSQL holds equals the tracker's calls: the last version of each, every timeline entry once
    Map<String, String> states = new HashMap<>();
    Map<String, Boolean> held = new HashMap<>();
    for (Row r : pool.query("select linkedid, state, held from calls").execute().await()) {
      states.put(r.getString(0), r.getString(1));
      held.put(r.getString(0), r.getBoolean(2));
    }
    Map<String, Long> timeline = new HashMap<>();
    for (Row r : pool.query("select linkedid, count(*) from call_timeline group by linkedid").execute().await()) {
      timeline.put(r.getString(0), r.getLong(1));
    }
    assertThat(states).hasSize(CALLS);
    for (Call c : tracker.calls()) {
      assertThat(states.get(c.linkedid())).as(c.linkedid()).isEqualTo(c.state().name()).isEqualTo("ENDED");
      assertThat(held.get(c.linkedid())).as(c.linkedid()).isFalse();
      assertThat(timeline.get(c.linkedid())).as(c.linkedid())
          .isEqualTo((long) expectedTimeline.get(c.linkedid()).size());
    }
    t.completeNow();
  }

  /** Step {@code k} (0..6) of call {@code c}: arrives, queues, is offered, answered, held, taken off hold, hangs up. */
  private static CallSignal step(int c, int k, Instant t0) {
    String id = "1765000000." + c;
    Instant at = t0.plusSeconds(c).plusMillis(100L * k);
    return switch (k) {
      case 0 -> new CallSignal.ChannelOpened(id, id, "PJSIP/trunk-" + c, "1390000" + (1000 + c), "12349", at);
      case 1 -> new CallSignal.QueueJoined(id, "hotline-630100", 1, at);
      case 2 -> new CallSignal.AgentOffered(id, "hotline-630100", "PJSIP/8001", "op", at);
      case 3 -> new CallSignal.AgentAnswered(id, "hotline-630100", "PJSIP/8001", "op", 1, at, "PJSIP/8001-" + c);
      case 4 -> new CallSignal.HoldChanged(id, "PJSIP/8001-" + c, true, at);
      case 5 -> new CallSignal.HoldChanged(id, "PJSIP/8001-" + c, false, at);
      default -> new CallSignal.ChannelHungUp(id, id, "PJSIP/trunk-" + c, "1390000" + (1000 + c), 16,
          "Normal Clearing", at);
    };
  }
}
