package cn.hotline12349.core.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.partner.Partner;
import cn.hotline12349.core.partner.PartnerKind;
import cn.hotline12349.core.referral.ReferralService.Receipt;
import cn.hotline12349.core.referral.domain.ReferralStatus;
import cn.hotline12349.core.ticket.TicketEventRecord;
import cn.hotline12349.core.ticket.TicketRecord;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each referral path with its acceptance clock, warnings and escalation, on a hand-moved clock. */
class ReferralDbTest {
  private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z"); // Monday 10:00 in Xining
  private final Vertx vertx = Vertx.vertx();
  private LoopFixture f;

  @BeforeEach
  void setUp() throws Exception { f = new LoopFixture(vertx, T0); }

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void aReferralAcceptedInTimeStopsItsClockMetAndIsInTheHistory() throws Exception {
    TicketRecord t = f.ticket(Category.LIFE_DIFFICULTY, "ILLNESS_DISABILITY", Severity.HIGH, "孩子生病无人照料", "630102");
    Partner hospital = f.partner(f.handler, "630100", PartnerKind.HOSPITAL);
    Referral r = f.referrals.refer(f.handler, t.id(), hospital.id(), "请儿科接诊").await();
    assertThat(r.status()).isEqualTo(ReferralStatus.SENT);
    assertThat(r.acceptanceDueAt()).isEqualTo(T0.plus(Duration.ofHours(4)));
    assertThat(clock(t.id(), "REFERRAL:" + r.id())).isEqualTo("RUNNING/null/630102");
    f.clock.advance(Duration.ofHours(1));
    Referral done = f.referrals.receipt(f.handler, t.id(), r.id(),
        new Receipt(null, "儿科 张医生", null, "RY-2026-0042", null, null)).await();
    assertThat(done.status()).isEqualTo(ReferralStatus.ACCEPTED);
    assertThat(done.receiptBy()).isEqualTo("儿科 张医生");
    assertThat(done.receiptRef()).isEqualTo("RY-2026-0042");
    assertThat(done.acceptedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(clock(t.id(), "REFERRAL:" + r.id())).isEqualTo("STOPPED/MET/630102");
    List<TicketEventRecord> history = f.tickets.history(t.id()).await();
    assertThat(history).extracting(TicketEventRecord::type).contains("REFERRAL_SENT", "REFERRAL_ACCEPTED");
    TicketEventRecord accepted = history.get(history.size() - 1);
    assertThat(accepted.payload().getString("reference")).isEqualTo("RY-2026-0042");
    assertThat(accepted.payload().encode()).doesNotContain("张医生");
    assertThat(f.tickets.get(f.handler, t.id()).await().version()).isEqualTo(t.version()); // annotations keep the version
  }

  @Test
  void anUnansweredReferralWarnsThenEscalatesToThePrefectureAndTheProvince() throws Exception {
    TicketRecord t = f.ticket(Category.PSYCHOLOGICAL, "SUICIDE_SELF_HARM", Severity.EMERGENCY, "孩子说想轻生", "630102");
    Partner psy = f.partner(f.handler, "630100", PartnerKind.PSYCHOLOGICAL);
    Referral r = f.referrals.refer(f.handler, t.id(), psy.id(), null).await();
    String key = "REFERRAL:" + r.id();
    f.clock.set(T0.plus(Duration.ofMinutes(24)).minusMillis(1));
    f.firer.fireAllDue().await();
    assertThat(events(t.id(), key)).isEmpty();
    f.clock.set(T0.plus(Duration.ofMinutes(24)));
    f.firer.fireAllDue().await();
    assertThat(events(t.id(), key)).containsExactly("SLA_WARNING:null");
    f.clock.set(T0.plus(Duration.ofMinutes(30)));
    f.firer.fireAllDue().await();
    f.clock.set(T0.plus(Duration.ofMinutes(45)));
    f.firer.fireAllDue().await();
    assertThat(events(t.id(), key)).containsExactly("SLA_WARNING:null", "ESCALATED:630100", "ESCALATED:630000");
    f.clock.set(T0.plus(Duration.ofMinutes(50)));
    f.referrals.receipt(f.handler, t.id(), r.id(), new Receipt(ReferralStatus.RETURNED, "值班社工", null, null, null,
        "不在服务范围")).await();
    assertThat(clock(t.id(), key)).isEqualTo("STOPPED/LATE/630102");
  }

  @Test
  void waitingThenCompletedAndFailedPathsAndRefusedSteps() throws Exception {
    TicketRecord t = f.ticket(Category.LIFE_DIFFICULTY, "SCHOOLING", Severity.NORMAL, "孩子辍学", "630102");
    Partner school = f.partner(f.handler, "630102", PartnerKind.SCHOOL);
    Referral r = f.referrals.refer(f.handler, t.id(), school.id(), null).await();
    f.clock.advance(Duration.ofHours(2));
    assertThat(f.referrals.receipt(f.handler, t.id(), r.id(), new Receipt(ReferralStatus.WAITING, "教务处", null, null,
        null, null)).await().status()).isEqualTo(ReferralStatus.WAITING);
    assertThat(clock(t.id(), "REFERRAL:" + r.id())).startsWith("RUNNING"); // waiting is not yet acceptance
    f.clock.advance(Duration.ofHours(1));
    assertThat(f.referrals.receipt(f.handler, t.id(), r.id(), new Receipt(ReferralStatus.COMPLETED, "教务处", null, "J-7",
        null, "已复学")).await().closedAt()).isEqualTo(f.clock.instant());
    assertThat(clock(t.id(), "REFERRAL:" + r.id())).isEqualTo("STOPPED/MET/630102");
    assertViolation(() -> f.referrals.receipt(f.handler, t.id(), r.id(), new Receipt(ReferralStatus.ACCEPTED, "x", null,
        null, null, null)).await(), RuleViolation.Kind.CONFLICT, null);

    Partner director = f.partner(f.handler, "630102", PartnerKind.CHILD_DIRECTOR);
    Referral r2 = f.referrals.refer(f.handler, t.id(), director.id(), null).await();
    assertThat(f.referrals.receipt(f.handler, t.id(), r2.id(), new Receipt(ReferralStatus.FAILED, "无人接听", null, null,
        null, null)).await().status()).isEqualTo(ReferralStatus.FAILED);
    assertViolation(() -> f.referrals.receipt(f.handler, t.id(), r2.id(), new Receipt(null, " ", null, null, null, null))
        .await(), RuleViolation.Kind.INVALID, "receivedBy");
    assertViolation(() -> f.referrals.receipt(f.handler, t.id(), r2.id(), new Receipt(null, "x",
        f.clock.instant().plusSeconds(60), null, null, null)).await(), RuleViolation.Kind.INVALID, "at");
    // Out of scope, a partner of another area, an unknown partner: refused and nothing stored.
    Partner golmudSchool = f.partner(f.otherHandler, "632801", PartnerKind.SCHOOL);
    long before = f.count("select count(*) from referrals");
    assertViolation(() -> f.referrals.refer(f.otherHandler, t.id(), school.id(), null).await(), RuleViolation.Kind.FORBIDDEN, null);
    assertViolation(() -> f.referrals.refer(f.handler, t.id(), golmudSchool.id(), null).await(), RuleViolation.Kind.INVALID, "partnerId");
    assertViolation(() -> f.referrals.refer(f.handler, t.id(), 999_999, null).await(), RuleViolation.Kind.INVALID, "partnerId");
    assertThat(f.count("select count(*) from referrals")).isEqualTo(before);
    assertThat(f.referrals.forTicket(t.id()).await()).extracting(Referral::status)
        .containsExactly(ReferralStatus.COMPLETED, ReferralStatus.FAILED);
  }

  @Test
  void anAnswerArrivingAfterClosureIsStillRecordedButAClosedTicketTakesNoNewReferral() throws Exception {
    TicketRecord t = f.reviewed(Severity.NORMAL);
    Partner social = f.partner(f.handler, "630100", PartnerKind.SOCIAL_WORK);
    Referral r = f.referrals.refer(f.handler, t.id(), social.id(), null).await();
    f.tickets.act(f.operator, t.id(), new cn.hotline12349.core.domain.TicketCommand.Reply(true, 4, null), null).await();
    f.tickets.act(f.operator, t.id(), new cn.hotline12349.core.domain.TicketCommand.Close(), null).await();
    f.clock.advance(Duration.ofHours(3));
    assertThat(f.referrals.receipt(f.handler, t.id(), r.id(), new Receipt(null, "站长", null, "SG-1", null, null)).await()
        .status()).isEqualTo(ReferralStatus.ACCEPTED);
    assertThat(clock(t.id(), "REFERRAL:" + r.id())).isEqualTo("STOPPED/MET/630102");
    assertViolation(() -> f.referrals.refer(f.handler, t.id(), social.id(), null).await(), RuleViolation.Kind.CONFLICT, null);
  }

  private String clock(long ticketId, String key) throws Exception {
    return f.strings("select status || '/' || coalesce(outcome, 'null') || '/' || owner_org from sla_deadlines"
        + " where ticket_id = " + ticketId + " and clock_key = '" + key + "'").get(0);
  }

  private List<String> events(long ticketId, String key) throws Exception {
    return f.strings("select type || ':' || coalesce(payload ->> 'targetOrg', 'null') from ticket_events where ticket_id = "
        + ticketId + " and payload ->> 'clockKey' = '" + key + "' order by seq");
  }

  static void assertViolation(Runnable r, RuleViolation.Kind kind, String field) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(RuleViolationException.class, e -> {
      assertThat(e.violation().kind()).isEqualTo(kind);
      if (field != null) assertThat(e.violation().field()).isEqualTo(field);
    });
  }
}
