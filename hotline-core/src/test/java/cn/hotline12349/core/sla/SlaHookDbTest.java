package cn.hotline12349.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.sla.domain.ClockOutcome;
import cn.hotline12349.core.sla.domain.ClockStatus;
import cn.hotline12349.core.sla.domain.SlaStage;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hook writes clock rows in the ticket's own transaction. Futures are awaited on the test thread. */
@ExtendWith(VertxExtension.class)
class SlaHookDbTest {
  private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z"); // Monday 10:00 in Beijing

  private static Map<SlaStage, DeadlineRow> clocks(SlaFixture f, long id) {
    return new SlaStore().forTicket(f.pool, id, false).await().stream()
        .collect(Collectors.toMap(r -> r.clock().stage(), r -> r));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void dispatchStartsClaimAndContactClocksOwnedByTheCounty(Vertx vertx, VertxTestContext ctx) throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    long id = f.dispatched(Severity.EMERGENCY).await().id();
    Map<SlaStage, DeadlineRow> c = clocks(f, id);
    assertThat(c.get(SlaStage.DISPATCH).clock().outcome()).isEqualTo(ClockOutcome.MET);
    assertThat(c.get(SlaStage.CLAIM).clock().dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(c.get(SlaStage.CLAIM).ownerOrg()).isEqualTo(SlaFixture.COUNTY);
    assertThat(c.get(SlaStage.CLAIM).clock().nextFireAt()).isEqualTo(T0.plus(Duration.ofMinutes(24)));
    assertThat(c.get(SlaStage.FIRST_CONTACT).clock().dueAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
    ctx.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void suspensionPausesRowsAndRecordsThePause(Vertx vertx, VertxTestContext ctx) throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    long id = f.dispatched(Severity.EMERGENCY).await().id();
    f.clock.advance(Duration.ofMinutes(5));
    f.act(f.handler, id, new TicketCommand.Claim()).await();
    f.clock.advance(Duration.ofMinutes(10));
    f.act(f.handler, id, new TicketCommand.Suspend("waiting for the police report")).await();
    DeadlineRow paused = clocks(f, id).get(SlaStage.RESULT);
    assertThat(paused.clock().status()).isEqualTo(ClockStatus.PAUSED);
    assertThat(paused.clock().nextFireAt()).isNull();
    f.clock.advance(Duration.ofHours(3));
    f.act(f.handler, id, new TicketCommand.Resume()).await();
    DeadlineRow resumed = clocks(f, id).get(SlaStage.RESULT);
    assertThat(resumed.clock().pausedTotal()).isEqualTo(Duration.ofHours(3));
    assertThat(resumed.clock().dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)).plus(Duration.ofHours(27)));
    ctx.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void transferKeepsClocksAndMovesOwnership(Vertx vertx, VertxTestContext ctx) throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    long id = f.dispatched(Severity.HIGH).await().id();
    f.clock.advance(Duration.ofMinutes(20));
    f.act(f.operator, id, new TicketCommand.Transfer(SlaFixture.OTHER_COUNTY, "wrong area")).await();
    DeadlineRow claim = clocks(f, id).get(SlaStage.CLAIM);
    assertThat(claim.ownerOrg()).isEqualTo(SlaFixture.OTHER_COUNTY);
    assertThat(claim.clock().dueAt()).isEqualTo(T0.plus(Duration.ofHours(4)));
    assertThat(claim.clock().generation()).isEqualTo(1);
    ctx.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void returnedResultRestartsTheResultClockAndClosingCancelsEverything(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    long id = f.dispatched(Severity.EMERGENCY).await().id();
    f.act(f.handler, id, new TicketCommand.Claim()).await();
    f.clock.advance(Duration.ofHours(2));
    f.act(f.handler, id, new TicketCommand.SubmitResult("visited")).await();
    f.clock.advance(Duration.ofHours(1));
    f.act(f.operator, id, new TicketCommand.Review(TicketCommand.ReviewDecision.RETURN, "incomplete")).await();
    DeadlineRow result = clocks(f, id).get(SlaStage.RESULT);
    assertThat(result.clock().generation()).isEqualTo(2);
    assertThat(result.clock().dueAt()).isEqualTo(T0.plus(Duration.ofHours(27)));
    f.act(f.handler, id, new TicketCommand.SubmitResult("visited again")).await();
    f.act(f.operator, id, new TicketCommand.Review(TicketCommand.ReviewDecision.ACCEPT, "ok")).await();
    assertThat(clocks(f, id).get(SlaStage.REPLY).clock().status()).isEqualTo(ClockStatus.RUNNING);
    f.act(f.operator, id, new TicketCommand.Reply(true, 5, null)).await();
    f.act(f.operator, id, new TicketCommand.Close()).await();
    assertThat(clocks(f, id).values()).allMatch(r -> r.clock().status() == ClockStatus.STOPPED);
    assertThat(f.count("select count(*) from sla_deadlines where next_fire_at is not null")).isZero();
    ctx.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void aSuspendedConsultationRaisedStartsItsMissingClocksPausedUntilResumed(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    // claimed, then suspended: a consultation has no clocks at all
    long claimed = f.dispatched(Severity.CONSULT).await().id();
    f.clock.advance(Duration.ofMinutes(5));
    f.act(f.handler, claimed, new TicketCommand.Claim()).await();
    // dispatched only, then suspended by the intake desk
    long dispatched = f.dispatched(Severity.CONSULT).await().id();
    f.clock.advance(Duration.ofMinutes(5));
    f.act(f.handler, claimed, new TicketCommand.Suspend("waiting for the school")).await();
    f.act(f.operator, dispatched, new TicketCommand.Suspend("waiting for the police report")).await();
    assertThat(clocks(f, claimed)).isEmpty();
    assertThat(clocks(f, dispatched)).isEmpty();

    f.clock.advance(Duration.ofMinutes(10));
    Instant raisedAt = f.clock.instant();
    f.tickets.reclassify(f.handler, claimed, raise(), null).await();
    f.tickets.reclassify(f.operator, dispatched, raise(), null).await();
    // the stages the statuses they were suspended from wait on, started paused: nothing fires while suspended
    DeadlineRow result = clocks(f, claimed).get(SlaStage.RESULT);
    assertThat(clocks(f, claimed).keySet()).containsExactly(SlaStage.RESULT);
    assertThat(result.clock().status()).isEqualTo(ClockStatus.PAUSED);
    assertThat(result.clock().nextFireAt()).isNull();
    assertThat(result.severity()).isEqualTo(Severity.EMERGENCY);
    assertThat(result.ownerOrg()).isEqualTo(SlaFixture.COUNTY);
    assertThat(clocks(f, dispatched).keySet()).containsExactlyInAnyOrder(SlaStage.CLAIM, SlaStage.FIRST_CONTACT);
    assertThat(clocks(f, dispatched).values()).allMatch(r -> r.clock().status() == ClockStatus.PAUSED);
    assertThat(f.count("select count(*) from sla_deadlines where ticket_id in (" + claimed + ", " + dispatched
        + ") and next_fire_at is not null")).isZero();

    // resumed three hours later: each runs its full EMERGENCY budget from when it was started, plus the pause
    f.clock.advance(Duration.ofHours(3));
    f.act(f.handler, claimed, new TicketCommand.Resume()).await();
    f.act(f.operator, dispatched, new TicketCommand.Resume()).await();
    DeadlineRow running = clocks(f, claimed).get(SlaStage.RESULT);
    assertThat(running.clock().status()).isEqualTo(ClockStatus.RUNNING);
    assertThat(running.clock().pausedTotal()).isEqualTo(Duration.ofHours(3));
    assertThat(running.clock().dueAt()).isEqualTo(raisedAt.plus(Duration.ofHours(24 + 3)));
    assertThat(clocks(f, dispatched).get(SlaStage.CLAIM).clock().dueAt())
        .isEqualTo(raisedAt.plus(Duration.ofMinutes(30)).plus(Duration.ofHours(3)));
    assertThat(clocks(f, dispatched).get(SlaStage.FIRST_CONTACT).clock().dueAt())
        .isEqualTo(raisedAt.plus(Duration.ofHours(2 + 3)));
    ctx.completeNow();
  }

  private static cn.hotline12349.core.domain.Reclassification raise() {
    return new cn.hotline12349.core.domain.Reclassification(cn.hotline12349.core.domain.Category.VIOLATION, null,
        Severity.EMERGENCY, "the caller's second call: the child is at risk now", null);
  }
}
