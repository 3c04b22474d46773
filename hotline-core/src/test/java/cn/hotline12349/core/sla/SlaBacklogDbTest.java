package cn.hotline12349.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After an outage the backlog of due deadlines is fired batch after batch in one {@code fireAllDue}. With one row per
 * batch and 11,000 due rows that is 11,000 steps: written as a method calling itself inside {@code compose}, the chain
 * overflowed the event loop's stack when the last batch completed (measured on the old code: 8,000 rows passed; at
 * 11,000 and 15,000 every row was fired and the future never completed), so SLA firing silently stopped. About 30 s:
 * the smallest backlog that showed the failure.
 */
class SlaBacklogDbTest {
  private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");
  static final int BACKLOG = Integer.getInteger("sla.backlog", 11_000);
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void aBacklogOfThousandsOfOneRowBatchesIsFiredInOneCall() throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    try (Connection c = f.db.jdbc(); Statement s = c.createStatement()) {
      s.execute("insert into tickets (ref, status, intake_org, county_code, category, severity, narrative, created_by,"
          + " created_at, updated_at) select 'B' || g, 'IN_PROGRESS', '630100', '630102', 'VIOLATION', 'EMERGENCY',"
          + " 'backlog', " + f.operator.userId() + ", now(), now() from generate_series(1, " + BACKLOG + ") g");
      // one CLAIM deadline per ticket, its first escalation mark due one minute before T0 (the next mark is hours on)
      s.execute("""
          insert into sla_deadlines (ticket_id, clock_key, stage, severity, owner_org, base_org, generation, mode,
            budget_ms, started_at, consumed_ms, running_since, paused_total_ms, status, next_mark, due_at, next_fire_at)
          select id, 'CLAIM', 'CLAIM', 'EMERGENCY', '630102', '630102', 1, 'ALWAYS', 7200000,
                 fire - interval '2 hours', 0, fire - interval '2 hours', 0, 'RUNNING', 1, fire, fire
            from tickets, (select timestamptz '%s' - interval '1 minute' as fire) x where ref like 'B%%'
          """.formatted(T0));
    }
    SlaFirer oneAtATime = new SlaFirer(f.pool, vertx.eventBus(), SlaFixture.ORGS, SlaFixture.CONFIG, f.clock,
        new MicrometerSlaMetrics(new SimpleMeterRegistry()), 1);

    // bounded so that a regression fails instead of hanging; the old chain fired every row and then never completed
    Integer fired;
    try {
      // from a verticle's context, as the scheduler calls it (then every completion in the chain runs inline)
      Promise<Integer> result = Promise.promise();
      vertx.getOrCreateContext().runOnContext(v -> oneAtATime.fireAllDue().onComplete(result));
      fired = result.future().await(Integer.getInteger("sla.wait", 60), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      fired = null;
    }
    long left = f.count("select count(*) from sla_deadlines where next_fire_at <= '" + T0 + "'");
    assertThat(fired).as("fireAllDue completed (due rows left: %d)", left).isEqualTo(BACKLOG);
    assertThat(f.count("select count(*) from ticket_events where type = 'ESCALATED'")).isEqualTo(BACKLOG);
    assertThat(f.count("select count(*) from sla_deadlines where next_fire_at <= '" + T0 + "'")).isZero();
    assertThat(oneAtATime.fireAllDue().await(10, TimeUnit.SECONDS)).isZero();
  }
}
