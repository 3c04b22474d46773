package cn.hotline12349.core.sla;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives {@link SlaFirer}: fires everything already due at start (catch-up after a restart), then arms one Vert.x timer
 * for the earliest next mark (at most {@code pollInterval} away, so marks written by other nodes are seen), and re-arms
 * when a committed ticket change moved the earliest mark before its timer ({@link SlaAddresses#WAKE}): other changes
 * cost it nothing. Timers are only an optimisation; the database decides what is due.
 */
public final class SlaScheduler extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(SlaScheduler.class);
  private final SlaFirer firer;
  private final SlaStoreReader reader;
  private final Clock clock;
  private final Duration pollInterval;
  private long timerId = -1;
  private static final Duration COMPACTION = Duration.ofSeconds(5);
  private long armedFor = Long.MAX_VALUE;
  private boolean running;
  private boolean again;
  private MessageConsumer<Long> changes;
  private long compactionTimer = -1;
  private boolean compacting;

  public SlaScheduler(SlaFirer firer, SlaStoreReader reader, Clock clock, Duration pollInterval) {
    this.firer = firer;
    this.reader = reader;
    this.clock = clock;
    this.pollInterval = pollInterval;
  }

  @Override
  public Future<?> start() {
    changes = vertx.eventBus().consumer(SlaAddresses.WAKE, m -> wake(m.body()));
    running = true;
    compactionTimer = vertx.setPeriodic(COMPACTION.toMillis(), id -> compact());
    return Future.join(changes.completion(), firer.fireAllDue()
        .onSuccess(n -> { if (n > 0) log.info("SLA catch-up fired {} marks", n); }))
        .onComplete(ar -> afterCycle());
  }

  @Override
  public Future<?> stop() {
    if (timerId >= 0) vertx.cancelTimer(timerId);
    if (compactionTimer >= 0) vertx.cancelTimer(compactionTimer);
    return changes.unregister();
  }

  /** The board counters' deltas folded at this pace keep a board request's sum small (V150). */
  private void compact() {
    if (compacting) return;
    compacting = true;
    firer.compactBoardCounters()
        .onFailure(e -> log.warn("board counter compaction failed; retrying later: {}", e.toString()))
        .onComplete(ar -> compacting = false);
  }

  private void wake(long fireAt) {
    if (running) {
      again = true; // the cycle's own look at the earliest mark may have been taken before that commit
    } else if (fireAt < armedFor) {
      armFor(fireAt);
    }
  }

  private void cycle() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    firer.fireAllDue()
        .onFailure(e -> log.warn("SLA firing failed; retrying on the next tick: {}", e.toString()))
        .eventually(this::afterCycle);
  }

  private Future<Void> afterCycle() {
    running = false;
    if (again) {
      again = false;
      cycle();
      return Future.succeededFuture();
    }
    return arm();
  }

  private Future<Void> arm() {
    return reader.earliestFire().recover(e -> Future.succeededFuture(null)).map(next -> {
      long delay = pollInterval.toMillis();
      if (next != null) {
        long untilDue = Duration.between(clock.instant(), next).toMillis() + 1; // +1: never before the instant
        delay = Math.max(1, Math.min(delay, untilDue));
      }
      armIn(delay);
      return null;
    });
  }

  private void armFor(long fireAt) {
    armIn(Math.max(1, Math.min(pollInterval.toMillis(), fireAt - clock.millis() + 1)));
  }

  private void armIn(long delay) {
    if (timerId >= 0) vertx.cancelTimer(timerId);
    armedFor = clock.millis() + delay;
    timerId = vertx.setTimer(delay, id -> {
      timerId = -1;
      armedFor = Long.MAX_VALUE;
      cycle();
    });
  }
}
