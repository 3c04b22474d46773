package cn.hotline12349.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Severity;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault: the clock is stepped (an NTP correction, a VM resumed, an operator fixing the time) under a running
 * scheduler. Deadlines are rows with absolute times, so a step back fires nothing early and nothing twice, and a step
 * forward fires every mark passed meanwhile exactly once, none that is still ahead. docs/RELIABILITY.md.
 */
@ExtendWith(VertxExtension.class)
class SlaClockStepDbTest {
  private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");
  private static final Duration POLL = Duration.ofMillis(200);
  private static final String SLA = "select count(*) from ticket_events where type in ('SLA_WARNING', 'ESCALATED')";

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void steppingTheClockBackAndForthFiresNoMarkEarlySkippedOrTwice(Vertx vertx, VertxTestContext ctx) throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    long id = f.dispatched(Severity.EMERGENCY).await().id(); // CLAIM 30 min, FIRST_CONTACT 2 h, both from T0
    vertx.deployVerticle(new SlaScheduler(f.firer(vertx, f.pool, SlaMetrics.NONE), new SlaStoreReader(f.pool), f.clock,
        POLL)).await();

    f.clock.set(T0.minus(Duration.ofHours(1))); // stepped back an hour right after the ticket was written
    quiet();
    assertThat(f.count(SLA)).as("nothing fires early after a step back").isZero();
    f.clock.set(T0.plus(Duration.ofMinutes(24)).minusMillis(1));
    quiet();
    assertThat(f.count(SLA)).as("one millisecond before the CLAIM warning (80 % of 30 min)").isZero();
    f.clock.set(T0.plus(Duration.ofMinutes(24)));
    await(f, SLA, 1);

    f.clock.set(T0.plus(Duration.ofHours(10))); // stepped forward past both clocks' three marks
    await(f, SLA, 6);
    assertThat(f.count("select count(distinct payload->>'idempotencyKey') from ticket_events where ticket_id = " + id
        + " and type in ('SLA_WARNING', 'ESCALATED')")).as("each mark once").isEqualTo(6);
    assertThat(f.count(SLA + " and payload->>'stage' = 'CLAIM'")).isEqualTo(3);
    assertThat(f.count(SLA + " and payload->>'stage' = 'FIRST_CONTACT'")).isEqualTo(3);

    f.clock.set(T0.plus(Duration.ofHours(1))); // and back again: the marks passed stay fired, none fires again
    quiet();
    f.clock.set(T0.plus(Duration.ofHours(10)).plus(Duration.ofMinutes(1)));
    quiet();
    assertThat(f.count(SLA)).as("no mark fires twice after stepping back and forward").isEqualTo(6);
    assertThat(f.count("select count(*) from sla_deadlines where ticket_id = " + id
        + " and status = 'RUNNING' and next_fire_at <= timestamptz '" + T0.plus(Duration.ofHours(10)).plus(Duration.ofMinutes(1)) + "'"))
        .as("no mark left behind").isZero();
    ctx.completeNow();
  }

  /** Five poll intervals: the scheduler looks at the due rows at least four times. */
  private static void quiet() throws InterruptedException { Thread.sleep(POLL.toMillis() * 5); }

  private static void await(SlaFixture f, String sql, long expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long n;
    while ((n = f.count(sql)) < expected && System.nanoTime() < deadline) Thread.sleep(50);
    assertThat(n).isEqualTo(expected);
  }
}
