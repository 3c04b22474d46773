package cn.hotline12349.core.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketStatus;
import cn.hotline12349.core.partner.PartnerKind;
import cn.hotline12349.core.referral.ReferralService.Receipt;
import cn.hotline12349.core.referral.domain.ReferralStatus;
import cn.hotline12349.core.ticket.TicketRecord;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 强制报告: no dispatch without a police referral; police acceptance, then feedback due 3 days later. */
class MandatoryReportDbTest {
  private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");
  private final Vertx vertx = Vertx.vertx();
  private LoopFixture f;

  @BeforeEach
  void setUp() throws Exception { f = new LoopFixture(vertx, T0); }

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void aMatchingTicketNeedsAStandingPoliceReferralBeforeDispatch() throws Exception {
    assertThatThrownBy(() -> f.ticket(Category.VIOLATION, "SEXUAL_ABUSE", Severity.EMERGENCY, "邻居对孩子有猥亵行为", "630102"))
        .isInstanceOfSatisfying(RuleViolationException.class, e -> {
          assertThat(e.violation().rule()).isEqualTo("mandatory-report/SEXUAL_ABUSE");
          assertThat(e.violation().field()).isEqualTo("referrals");
        });
    assertThat(f.count("select count(*) from tickets")).isZero(); // the refused create+dispatch stored nothing
    // Matched by the narrative's facts, not only the subcategory.
    TicketRecord t = f.ticket(Category.VIOLATION, "VIOLATION_OTHER", Severity.HIGH, "孩子疑似被拐卖到外地", null);
    assertThatThrownBy(() -> f.tickets.act(f.operator, t.id(), new TicketCommand.Dispatch("630102"), null).await())
        .isInstanceOfSatisfying(RuleViolationException.class,
            e -> assertThat(e.violation().rule()).isEqualTo("mandatory-report/TRAFFICKING"));
    Referral social = f.referrals.refer(f.operator, t.id(), f.partner(f.operator, "630100", PartnerKind.SOCIAL_WORK).id(), null).await();
    assertThat(social.mandatoryRule()).isNull();
    assertThatThrownBy(() -> f.tickets.act(f.operator, t.id(), new TicketCommand.Dispatch("630102"), null).await())
        .isInstanceOf(RuleViolationException.class);
    Referral police = f.referrals.refer(f.operator, t.id(), f.partner(f.operator, "630100", PartnerKind.POLICE).id(), "报警").await();
    assertThat(police.mandatoryRule()).isEqualTo("TRAFFICKING");
    assertThat(f.strings("select rule_code from mandatory_reports where ticket_id = " + t.id())).containsExactly("TRAFFICKING");
    assertThat(f.tickets.act(f.operator, t.id(), new TicketCommand.Dispatch("630102"), null).await().status())
        .isEqualTo(TicketStatus.DISPATCHED);
    // A ticket outside the statutory list dispatches without any referral.
    assertThat(f.ticket(Category.LIFE_DIFFICULTY, "SCHOOLING", Severity.NORMAL, "辍学", "630102").status())
        .isEqualTo(TicketStatus.DISPATCHED);
  }

  @Test
  void policeFeedbackIsDueThreeDaysAfterAcceptanceAndEscalatesWhenLate() throws Exception {
    TicketRecord t = f.ticket(Category.VIOLATION, "PHYSICAL_ABUSE", Severity.HIGH, "孩子长期被父亲殴打，手臂骨折", null);
    Referral police = f.referrals.refer(f.operator, t.id(), f.partner(f.operator, "630100", PartnerKind.POLICE).id(), null).await();
    f.tickets.act(f.operator, t.id(), new TicketCommand.Dispatch("630102"), null).await();
    JsonArray board = new MandatoryBoard(f.pool, LoopFixture.ORGS, f.clock).awaitingFeedback(f.province, null).await();
    assertThat(board).hasSize(1);
    assertThat(board.getJsonObject(0).getString("waitingFor")).isEqualTo("ACCEPTANCE");
    Instant accepted = T0.plus(Duration.ofHours(2));
    f.clock.set(accepted.plus(Duration.ofMinutes(5)));
    Referral r = f.referrals.receipt(f.operator, t.id(), police.id(), new Receipt(ReferralStatus.ACCEPTED, "城东派出所 刘警官",
        accepted, "JQ-2026-118", null, null)).await();
    assertThat(r.feedbackDueAt()).isEqualTo(accepted.plus(Duration.ofDays(3)));
    JsonObject row = new MandatoryBoard(f.pool, LoopFixture.ORGS, f.clock).awaitingFeedback(f.operator, null).await().getJsonObject(0);
    assertThat(row.getString("waitingFor")).isEqualTo("FEEDBACK");
    assertThat(row.getString("rule")).isEqualTo("PHYSICAL_ABUSE");
    assertThat(row.getString("dueAt")).isEqualTo(accepted.plus(Duration.ofDays(3)).toString());
    assertThat(new MandatoryBoard(f.pool, LoopFixture.ORGS, f.clock).awaitingFeedback(f.otherHandler, null).await()).isEmpty();

    f.clock.set(accepted.plus(Duration.ofDays(3)));
    f.firer.fireAllDue().await();
    assertThat(f.strings("select type || ':' || (payload ->> 'stage') || ':' || coalesce(payload ->> 'targetOrg', '-')"
        + " from ticket_events where ticket_id = " + t.id() + " and payload ->> 'clockKey' = 'REFERRAL_FEEDBACK:"
        + police.id() + "' order by seq")).containsExactly("SLA_WARNING:REFERRAL_FEEDBACK:-", "ESCALATED:REFERRAL_FEEDBACK:630000");
    f.clock.advance(Duration.ofHours(5));
    Referral fed = f.referrals.receipt(f.operator, t.id(), police.id(), new Receipt(ReferralStatus.ACCEPTED, "刘警官", null,
        null, "已立案侦查，孩子已由祖母临时照料", null)).await();
    assertThat(fed.feedbackAt()).isEqualTo(f.clock.instant());
    assertThat(f.strings("select status || '/' || outcome from sla_deadlines where clock_key = 'REFERRAL_FEEDBACK:" + police.id() + "'"))
        .containsExactly("STOPPED/LATE");
    assertThat(f.strings("select type from ticket_events where ticket_id = " + t.id() + " order by seq desc limit 1"))
        .containsExactly("REFERRAL_FEEDBACK");
    assertThat(new MandatoryBoard(f.pool, LoopFixture.ORGS, f.clock).awaitingFeedback(f.province, null).await()).isEmpty();
  }
}
