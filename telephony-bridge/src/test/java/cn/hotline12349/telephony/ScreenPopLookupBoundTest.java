package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallSignal;
import cn.hotline12349.telephony.domain.CallTracker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A burst of calls joining queues does not put a history look-up per call into the shared pool at once: at most
 * {@link ScreenPop#MAX_LOOKUPS} run, the rest start in order as those end, and every pop still carries its history.
 */
@ExtendWith(VertxExtension.class)
class ScreenPopLookupBoundTest {

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void lookUpsRunAFewAtATimeInOrderAndEveryPopGetsItsHistory(Vertx vertx, VertxTestContext t) throws Exception {
    List<String> started = new CopyOnWriteArrayList<>();
    List<Promise<JsonObject>> answers = new CopyOnWriteArrayList<>();
    ScreenPop.CallerHistory history = (number, linkedid) -> {
      started.add(linkedid);
      Promise<JsonObject> p = Promise.promise();
      answers.add(p);
      return p.future();
    };
    List<JsonObject> pops = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(CallEvents.operator("op-xining"), m -> pops.add(m.body())).completion().await();
    ScreenPop pop = new ScreenPop(vertx, history);
    Instant t0 = Instant.parse("2026-12-07T08:00:00Z");
    CallTracker tracker = new CallTracker(Clock.fixed(t0, ZoneOffset.UTC), Duration.ofHours(1));
    List<Call> calls = new ArrayList<>();
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String id = "1765000000." + i;
      tracker.apply(new CallSignal.ChannelOpened(id, id, "PJSIP/trunk-" + i, "13900001" + (100 + i), "12349", t0));
      calls.add(tracker.apply(new CallSignal.QueueJoined(id, "hotline-630100", 1, t0.plusSeconds(1))).orElseThrow()
          .after());
      order.add(id);
    }
    Context ctx = vertx.getOrCreateContext();
    Future.<Void>future(p -> ctx.runOnContext(v -> {
      calls.forEach(pop::prefetch); // 30 calls join queues at once
      p.complete();
    })).await(5, TimeUnit.SECONDS);

    assertThat(started).as("look-ups started at once").hasSize(ScreenPop.MAX_LOOKUPS);
    int answered = 0;
    while (answered < calls.size()) {
      await(() -> answers.size() > 0 && started.size() >= Math.min(calls.size(), ScreenPop.MAX_LOOKUPS));
      int upTo = answers.size();
      for (int i = answered; i < upTo; i++) {
        String id = started.get(i);
        answers.get(i).complete(new JsonObject().put("calls", new JsonArray().add(new JsonObject()
            .put("linkedid", "earlier-" + id))).put("tickets", new JsonArray()));
      }
      answered = upTo;
      assertThat(pop.lookupsRunning()).isLessThanOrEqualTo(ScreenPop.MAX_LOOKUPS);
      int target = Math.min(calls.size(), answered + ScreenPop.MAX_LOOKUPS);
      if (answered < calls.size()) await(() -> started.size() >= target);
      assertThat(started.size()).isLessThanOrEqualTo(answered + ScreenPop.MAX_LOOKUPS);
    }
    assertThat(started).as("started in the order the calls joined").isEqualTo(order);

    Future.<Void>future(p -> ctx.runOnContext(v -> {
      calls.forEach(c -> pop.pop(c, "op-xining")); // answered: the pops use what was looked up
      p.complete();
    })).await(5, TimeUnit.SECONDS);
    await(() -> pops.size() == calls.size());
    assertThat(started).as("no second look-up for the pops").hasSize(calls.size());
    assertThat(pops).allSatisfy(b -> assertThat(b.getJsonArray("earlierCalls").getJsonObject(0).getString("linkedid"))
        .isEqualTo("earlier-" + b.getString("callId")));
    t.completeNow();
  }

  private static void await(BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out");
      Thread.sleep(5);
    }
  }
}
