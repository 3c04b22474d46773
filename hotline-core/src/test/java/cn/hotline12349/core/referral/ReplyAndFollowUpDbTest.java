package cn.hotline12349.core.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.domain.CallbackOutcome;
import cn.hotline12349.core.domain.ReplyPolicy;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketStatus;
import cn.hotline12349.core.followup.FollowUps;
import cn.hotline12349.core.reply.CallbackAttempts;
import cn.hotline12349.core.sla.ExternalClocks;
import cn.hotline12349.core.ticket.TicketRecord;
import cn.hotline12349.core.ticket.TicketService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unified reply: the attempt policy to unreachable, satisfaction apart from closing; follow-ups after closure. */
class ReplyAndFollowUpDbTest {
  private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
  private final Vertx vertx = Vertx.vertx();
  private LoopFixture f;
  private CallbackAttempts attempts;
  private FollowUps followUps;

  @BeforeEach
  void setUp() throws Exception {
    f = new LoopFixture(vertx, T0);
    attempts = new CallbackAttempts(f.pool, vertx.eventBus(), f.tickets, f.clock);
    followUps = new FollowUps(f.pool, vertx.eventBus(), LoopFixture.ORGS, f.tickets, new ExternalClocks(LoopFixture.SLA), f.clock);
  }

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void threeUnansweredCallsMakeTheCallerUnreachableThenCloseCreatesAFollowUpThatRemindsAndIsDone() throws Exception {
    assertThat(LoopFixture.LOOP.reply()).isEqualTo(new ReplyPolicy(3, false)); // config/reply-policy.yaml
    TicketRecord t = f.reviewed(Severity.HIGH);
    assertThat(attempts.record(f.operator, t.id(), CallbackOutcome.NO_ANSWER, T0.minusSeconds(600), null, null).await()
        .getString("status")).isEqualTo("REVIEWED");
    assertThat(attempts.record(f.operator, t.id(), CallbackOutcome.WRONG_NUMBER, null, null, null).await()
        .getBoolean("unreachable")).isFalse();
    JsonObject third = attempts.record(f.operator, t.id(), CallbackOutcome.NO_ANSWER, null, null, "三次未接通").await();
    assertThat(third.getInteger("attempt")).isEqualTo(3);
    assertThat(third.getBoolean("unreachable")).isTrue();
    assertThat(third.getString("status")).isEqualTo("REPLIED");
    assertViolation(() -> attempts.record(f.operator, t.id(), CallbackOutcome.REACHED, null, 5, null).await(),
        RuleViolation.Kind.CONFLICT, null);
    JsonArray list = attempts.forTicket(t.id()).await();
    assertThat(list).hasSize(3);
    assertThat(list.getJsonObject(0).getString("at")).isEqualTo(T0.minusSeconds(600).toString());
    assertThat(f.strings("select type from ticket_events where ticket_id = " + t.id()
        + " and type in ('REPLY_ATTEMPTED', 'REPLIED') order by seq")).containsExactly("REPLY_ATTEMPTED", "REPLY_ATTEMPTED", "REPLIED");

    f.clock.advance(Duration.ofHours(1));
    Instant closedAt = f.clock.instant();
    f.tickets.act(f.operator, t.id(), new TicketCommand.Close(), null).await();
    JsonObject fu = followUps.list(f.handler, true).await().getJsonObject(0);
    assertThat(fu.getLong("ticketId")).isEqualTo(t.id());
    assertThat(fu.getString("dueAt")).isEqualTo(closedAt.plus(Duration.ofDays(30)).toString());
    assertThat(fu.getBoolean("reminded")).isFalse();
    assertThat(followUps.list(f.otherHandler, true).await()).isEmpty();
    f.clock.set(closedAt.plus(Duration.ofDays(24)));
    f.firer.fireAllDue().await();
    assertThat(followUps.list(f.handler, true).await().getJsonObject(0).getBoolean("reminded")).isTrue();
    assertThat(f.strings("select type from ticket_events where ticket_id = " + t.id() + " and payload ->> 'stage' = 'FOLLOW_UP'"))
        .containsExactly("SLA_WARNING");
    long id = fu.getLong("id");
    assertViolation(() -> followUps.done(f.otherHandler, id, "x").await(), RuleViolation.Kind.FORBIDDEN, null);
    assertViolation(() -> followUps.done(f.handler, id, " ").await(), RuleViolation.Kind.INVALID, "note");
    assertThat(followUps.done(f.handler, id, "孩子已返校，状况良好").await().getString("status")).isEqualTo("DONE");
    assertThat(f.strings("select status || '/' || outcome from sla_deadlines where clock_key = 'FOLLOW_UP:" + id + "'"))
        .containsExactly("STOPPED/MET");
    assertThat(followUps.list(f.handler, true).await()).isEmpty();
  }

  @Test
  void satisfactionIsRecordedApartAndNeverClosesACase() throws Exception {
    TicketRecord t = f.reviewed(Severity.NORMAL);
    assertViolation(() -> attempts.record(f.operator, t.id(), CallbackOutcome.REFUSED, null, 4, null).await(),
        RuleViolation.Kind.INVALID, "satisfaction");
    assertViolation(() -> attempts.record(f.operator, t.id(), CallbackOutcome.REACHED, null, 6, null).await(),
        RuleViolation.Kind.INVALID, "satisfaction");
    assertViolation(() -> attempts.record(f.operator, t.id(), CallbackOutcome.REACHED, T0.plusSeconds(3600), 5, null).await(),
        RuleViolation.Kind.INVALID, "at");
    assertViolation(() -> attempts.record(f.handler, t.id(), CallbackOutcome.REACHED, null, 5, null).await(),
        RuleViolation.Kind.FORBIDDEN, null);
    assertThat(f.count("select count(*) from callback_attempts")).isZero();
    JsonObject reached = attempts.record(f.operator, t.id(), CallbackOutcome.REACHED, null, 5, "来电人表示感谢").await();
    assertThat(reached.getInteger("satisfaction")).isEqualTo(5);
    // The best score still leaves the case open until the intake tier closes it; NORMAL cases get no follow-up.
    assertThat(f.tickets.get(f.operator, t.id()).await().status()).isEqualTo(TicketStatus.REPLIED);
    f.tickets.act(f.operator, t.id(), new TicketCommand.Close(), null).await();
    assertThat(f.count("select count(*) from follow_ups")).isZero();
  }

  @Test
  void theConfiguredPolicyDecidesAndAReopenCancelsTheFollowUp() throws Exception {
    TicketService strict = new TicketService(f.pool, vertx.eventBus(), LoopFixture.ORGS, f.clock, new ReplyPolicy(2, true));
    CallbackAttempts strictAttempts = new CallbackAttempts(f.pool, vertx.eventBus(), strict, f.clock);
    TicketRecord t = f.reviewed(Severity.EMERGENCY);
    assertThat(strictAttempts.record(f.operator, t.id(), CallbackOutcome.WRONG_NUMBER, null, null, null).await()
        .getBoolean("unreachable")).isTrue();
    f.tickets.act(f.operator, t.id(), new TicketCommand.Close(), null).await();
    assertThat(f.count("select count(*) from follow_ups where status = 'OPEN'")).isEqualTo(1);
    f.tickets.act(f.operator, t.id(), new TicketCommand.Reopen("孩子情况反复"), null).await();
    assertThat(f.strings("select status from follow_ups")).containsExactly("CANCELLED");
    assertThat(f.strings("select outcome from sla_deadlines where stage = 'FOLLOW_UP'")).containsExactly("CANCELLED");
  }

  static void assertViolation(Runnable r, RuleViolation.Kind kind, String field) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(RuleViolationException.class, e -> {
      assertThat(e.violation().kind()).isEqualTo(kind);
      if (field != null) assertThat(e.violation().field()).isEqualTo(field);
    });
  }
}
