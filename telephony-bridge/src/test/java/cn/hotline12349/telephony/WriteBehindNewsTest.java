package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallChange;
import cn.hotline12349.telephony.domain.CdrCalls;
import cn.hotline12349.telephony.store.CallStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The write-behind's news: none while the database refuses the batch; after an outage each call's latest, in order. */
@ExtendWith(VertxExtension.class)
class WriteBehindNewsTest {

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void noNewsBeforeTheCommitAndAnOutageKeepsOnlyEachCallsLatest(Vertx vertx, VertxTestContext t) throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    List<Integer> batches = new CopyOnWriteArrayList<>();
    CallStore store = new CallStore() {
      @Override
      public Future<Void> write(List<CallChange> changes) {
        if (down.get()) return Future.failedFuture("database down");
        batches.add(changes.size());
        return Future.succeededFuture();
      }

      @Override public Future<List<Call>> openCalls() { return Future.succeededFuture(List.of()); }
      @Override public Future<Void> callbackRequested(String a, String b, Long c, String d, String e, Instant f) {
        return Future.succeededFuture();
      }
      @Override public Future<Void> callbackOperatorAnswered(String a, Instant b) { return Future.succeededFuture(); }
      @Override public Future<Attempt> callbackOutcome(String a, String b, boolean c, String d, Integer e, Instant f) {
        return Future.succeededFuture();
      }
    };
    List<String> told = new CopyOnWriteArrayList<>();
    Context ctx = vertx.getOrCreateContext();
    WriteBehind[] wb = new WriteBehind[1];
    int changes = WriteBehind.MAX_NEWS + 2_000;
    Future.<Void>future(p -> ctx.runOnContext(v -> {
      wb[0] = new WriteBehind(vertx, store, 10);
      for (int i = 0; i < changes; i++) {
        String call = "call-" + (i % 3);
        String label = call + "#" + i;
        wb[0].add(change(call, i), () -> told.add(label));
      }
      p.complete();
    })).await(10, TimeUnit.SECONDS);

    Thread.sleep(200); // several flushes fail meanwhile (every 10 ms)
    assertThat(told).as("nothing told while nothing is stored").isEmpty();
    assertThat(batches).isEmpty();

    down.set(false);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Future.<Boolean>future(p -> ctx.runOnContext(v -> p.complete(wb[0].idle()))).await(5, TimeUnit.SECONDS)) {
      if (System.nanoTime() > end) throw new AssertionError("never stored");
      Thread.sleep(20);
    }
    assertThat(batches).isNotEmpty();
    // the pile was cut to each call's latest once it passed MAX_NEWS (bounded while down), and a batch tells each of
    // its calls once: one news per call, after the commit
    assertThat(told).hasSize(3);
    // the last news of every call is its last change, and the order of arrival is kept
    for (int c = 0; c < 3; c++) {
      String call = "call-" + c;
      int last = changes - 1 - ((changes - 1 - c) % 3);
      List<String> mine = told.stream().filter(s -> s.startsWith(call + "#")).toList();
      assertThat(mine.get(mine.size() - 1)).isEqualTo(call + "#" + last);
    }
    List<Integer> order = new ArrayList<>(told.stream().map(s -> Integer.parseInt(s.substring(s.indexOf('#') + 1))).toList());
    assertThat(order).isSorted();
    t.completeNow();
  }

  private static CallChange change(String linkedid, int i) {
    Instant start = Instant.parse("2026-12-07T08:00:00Z").plusSeconds(i);
    return CdrCalls.call(linkedid, List.of(new CdrCalls.Row(linkedid, linkedid, "PJSIP/x", null, "139", "12349",
        "from-trunk", start, start, start.plusSeconds(1), "ANSWERED", 1, null, null, null, null, null, null, null,
        null))).orElseThrow();
  }
}
