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
}
