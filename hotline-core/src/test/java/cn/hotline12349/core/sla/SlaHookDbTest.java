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
}
