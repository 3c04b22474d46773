package cn.hotline12349.core.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopsTest {
  private static final int DEEP = 20_000;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() { vertx.close().await(); }

  /** One step that completes later on the event loop, as a database reply does. */
  private Future<Integer> later(int value) {
    Promise<Integer> p = Promise.promise();
    vertx.runOnContext(v -> p.complete(value));
    return p.future();
  }

  /** The pattern Loops replaces: a method calling itself inside compose, one nested future per step. */
  private Future<Integer> recursive(int i, int n) {
    return later(i + 1).compose(x -> x == n ? Future.succeededFuture(x) : recursive(x, n));
  }

  @Test
  void theSelfCallingComposeChainNeverCompletesAtDepthWhileTheLoopDoes() throws Exception {
    // Why this class exists: 20,000 nested futures overflow the event loop's stack when the last one completes; the
    // error is swallowed and the outer future never completes (the cold probe failed from about 2,500 steps).
    assertThatThrownBy(() -> recursive(0, DEEP).await(3, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    assertThat(Loops.untilDone(0, i -> i == DEEP, i -> later(i + 1)).await(30, TimeUnit.SECONDS)).isEqualTo(DEEP);
  }

  @Test
  void stepsThatCompleteAtOnceRunInADrainLoopNotByRecursion() throws Exception {
    assertThat(Loops.untilDone(0L, i -> i == 1_000_000L, i -> Future.succeededFuture(i + 1))
        .await(30, TimeUnit.SECONDS)).isEqualTo(1_000_000L);
  }

  @Test
  void stepsCompletingOnWorkerThreadsAreNeitherLostNorRunTwice() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    int n = Loops.untilDone(0, i -> i == 2_000, i -> vertx.executeBlocking(() -> {
      runs.incrementAndGet();
      return i + 1;
    }, false)).await(30, TimeUnit.SECONDS);
    assertThat(n).isEqualTo(2_000);
    assertThat(runs).hasValue(2_000);
  }

  @Test
  void doneIsTestedBeforeTheFirstStepAndFailuresStopTheLoop() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    assertThat(Loops.untilDone(5, i -> i >= 5, i -> Future.succeededFuture(runs.incrementAndGet()))
        .await(5, TimeUnit.SECONDS)).isEqualTo(5);
    assertThat(runs).hasValue(0);

    assertThatThrownBy(() -> Loops.untilDone(0, i -> false,
        i -> i == 3 ? Future.failedFuture(new IllegalStateException("step 3")) : later(i + 1)).await(5, TimeUnit.SECONDS))
        .hasMessage("step 3");
    assertThatThrownBy(() -> Loops.<Integer>untilDone(0, i -> false, i -> {
      throw new IllegalArgumentException("thrown");
    }).await(5, TimeUnit.SECONDS)).hasMessage("thrown");
  }

  @Test
  void forEachRunsEveryItemWithAtMostInFlightAtATime() throws Exception {
    java.util.List<Integer> items = java.util.stream.IntStream.range(0, 5_000).boxed().toList();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    java.util.Set<Integer> done = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Loops.forEach(items, 4, i -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      return vertx.executeBlocking(() -> { // completes on another thread, later
        Thread.sleep(0, 50_000);
        return i;
      }, false).onComplete(ar -> {
        running.decrementAndGet();
        done.add(i);
      });
    }).await(60, TimeUnit.SECONDS);
    assertThat(done).hasSize(items.size());
    assertThat(most.get()).isBetween(2, 4);
    // synchronous items and an empty list: no stack growth, completes
    Loops.forEach(items, 3, i -> Future.succeededFuture()).await(10, TimeUnit.SECONDS);
    Loops.forEach(java.util.List.of(), 3, i -> Future.succeededFuture()).await(10, TimeUnit.SECONDS);
  }

  @Test
  void forEachStopsStartingItemsAfterAFailure() {
    AtomicInteger started = new AtomicInteger();
    java.util.List<Integer> items = java.util.stream.IntStream.range(0, 100).boxed().toList();
    assertThatThrownBy(() -> Loops.forEach(items, 2, i -> {
      started.incrementAndGet();
      return i == 10 ? Future.failedFuture("item 10") : later(i);
    }).await(10, TimeUnit.SECONDS)).hasMessageContaining("item 10");
    assertThat(started.get()).isLessThan(14);
    assertThatThrownBy(() -> Loops.forEach(items, 0, i -> Future.succeededFuture()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
