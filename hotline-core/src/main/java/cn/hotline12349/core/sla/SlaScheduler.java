package cn.hotline12349.core.sla;

import cn.hotline12349.core.ticket.TicketEvents;
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
 * for the earliest next mark (at most {@code pollInterval} away, so marks written by other nodes are seen) and
 * re-arms whenever a ticket changes. Timers are only an optimisation; the database decides what is due.
 */
public final class SlaScheduler extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(SlaScheduler.class);
  private final SlaFirer firer;
  private final SlaStoreReader reader;
  private final Clock clock;
  private final Duration pollInterval;
  private long timerId = -1;
  private boolean running;
  private boolean again;
  private MessageConsumer<Object> changes;

  public SlaScheduler(SlaFirer firer, SlaStoreReader reader, Clock clock, Duration pollInterval) {
    this.firer = firer;
    this.reader = reader;
    this.clock = clock;
    this.pollInterval = pollInterval;
  }

  @Override
  public Future<?> start() {
    changes = vertx.eventBus().consumer(TicketEvents.CHANGED, m -> cycle());
    // Marks fired here are ticket news too; held back as "again" so the catch-up is not split with a parallel cycle.
    running = true;
    return Future.join(changes.completion(), firer.fireAllDue()
        .onSuccess(n -> { if (n > 0) log.info("SLA catch-up fired {} marks", n); }))
        .onComplete(ar -> afterCycle());
  }

  @Override
  public Future<?> stop() {
    if (timerId >= 0) vertx.cancelTimer(timerId);
    return changes.unregister();
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
      if (timerId >= 0) vertx.cancelTimer(timerId);
      timerId = vertx.setTimer(delay, id -> {
        timerId = -1;
        cycle();
      });
      return null;
    });
  }
}
