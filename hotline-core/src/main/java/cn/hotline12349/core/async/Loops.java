package cn.hotline12349.core.async;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one way to run an asynchronous loop ("read a page, then the next", "fire a batch, then the next").
 *
 * <p>Never write such a loop as a method that calls itself inside {@code compose}: every step then nests one more
 * future, and when the last step completes, completion unwinds through all of them in one recursive call on the event
 * loop. A few thousand steps overflow the thread's stack; Vert.x swallows the {@link StackOverflowError} while
 * notifying listeners, so the loop's future never completes and its caller waits forever. Here one promise is
 * completed once, and each next step is started from the previous step's completion handler; steps that complete
 * synchronously are run by a drain loop instead of by recursion, so the stack stays flat either way.
 */
public final class Loops {
  private Loops() { }

  /**
   * {@code while (!done(state)) state = step(state)}, asynchronously: {@code done} is tested on {@code start} and on
   * every step's result; the first failure (or exception thrown by {@code step} or {@code done}) fails the loop.
   */
  public static <T> Future<T> untilDone(T start, Predicate<? super T> done, Function<? super T, Future<T>> step) {
    Promise<T> result = Promise.promise();
    new Loop<T>(done, step, result).next(start);
    return result.future();
  }

  /**
   * {@code work} for every item, at most {@code inFlight} at a time (started in list order); completes when all have,
   * or fails with the first failure (items not started by then are not started). Each of the {@code inFlight} lanes is
   * an {@link #untilDone} loop taking the next item, so a long list nests no futures either.
   */
  public static <T> Future<Void> forEach(List<T> items, int inFlight, Function<? super T, Future<?>> work) {
    if (inFlight < 1) throw new IllegalArgumentException("inFlight must be at least 1: " + inFlight);
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    List<Future<Boolean>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(inFlight, items.size()); lane++) {
      lanes.add(untilDone(Boolean.TRUE, more -> !more, more -> {
        int i = failed.get() ? items.size() : next.getAndIncrement();
        if (i >= items.size()) return Future.succeededFuture(Boolean.FALSE);
        return work.apply(items.get(i)).map(Boolean.TRUE).onFailure(e -> failed.set(true));
      }));
    }
    return Future.all(lanes).mapEmpty();
  }

  private static final class Loop<T> {
    private final Predicate<? super T> done;
    private final Function<? super T, Future<T>> step;
    private final Promise<T> result;
    // Only one step is ever outstanding; wip counts hand-offs so that a step completing on another thread while the
    // drain loop is still running is picked up by that loop, never lost and never run twice.
    private final AtomicInteger wip = new AtomicInteger();
    private volatile T handedOver;

    Loop(Predicate<? super T> done, Function<? super T, Future<T>> step, Promise<T> result) {
      this.done = done;
      this.step = step;
      this.result = result;
    }

    void next(T state) {
      handedOver = state;
      if (wip.getAndIncrement() != 0) return; // the running drain loop takes it
      do {
        T s = handedOver;
        Future<T> f;
        try {
          if (done.test(s)) {
            result.complete(s);
            return;
          }
          f = step.apply(s);
        } catch (RuntimeException e) {
          result.fail(e);
          return;
        }
        if (f == null) {
          result.fail(new NullPointerException("a loop step returned no future"));
          return;
        }
        f.onComplete(ar -> {
          if (ar.succeeded()) next(ar.result());
          else result.fail(ar.cause());
        });
      } while (wip.decrementAndGet() != 0);
    }
  }
}
