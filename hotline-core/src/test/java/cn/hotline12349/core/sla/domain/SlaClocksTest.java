package cn.hotline12349.core.sla.domain;

import static cn.hotline12349.core.domain.TicketEventType.*;
import static cn.hotline12349.core.sla.domain.TestCalendars.CHINA;
import static cn.hotline12349.core.sla.domain.TestCalendars.bj;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketEventType;
import cn.hotline12349.core.sla.SlaConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaClocksTest {
  private static final SlaPolicy POLICY = SlaConfig.load(TestCalendars.configDir()).policy();

  private SlaClocks clocks;

  private SlaClocks on(TicketEventType type, String at) {
    clocks = clocks.apply(SlaEvent.of(type, bj(at)), POLICY, CHINA);
    return clocks;
  }

  private StageClock clock(SlaStage s) { return clocks.clock(s).orElseThrow(); }

  private void walk(Severity severity) {
    clocks = SlaClocks.none(severity);
    on(CREATED, "2026-03-02T10:00");
    on(DISPATCHED, "2026-03-02T10:05");
    on(CLAIMED, "2026-03-02T10:20");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "EMERGENCY, 2026-03-02T10:10, 2026-03-02T10:35, 2026-03-02T12:05, 2026-03-03T10:20, 2026-03-04T09:00",
      "HIGH,      2026-03-02T11:00, 2026-03-02T14:05, 2026-03-03T10:05, 2026-03-05T10:20, 2026-03-04T09:00",
      "NORMAL,    2026-03-02T14:00, 2026-03-03T10:05, 2026-03-05T10:05, 2026-03-16T10:20, 2026-03-05T09:00"
  })
  void eachStageClockStartsOnItsEventWithItsSeverityDeadline(Severity sev, String dispatch, String claim,
                                                             String contact, String result, String reply) {
    clocks = SlaClocks.none(sev);
    on(CREATED, "2026-03-02T10:00");
    assertThat(clock(SlaStage.DISPATCH).dueAt()).isEqualTo(bj(dispatch));
    on(DISPATCHED, "2026-03-02T10:05");
    assertThat(clock(SlaStage.DISPATCH).outcome()).isEqualTo(ClockOutcome.MET);
    assertThat(clock(SlaStage.CLAIM).dueAt()).isEqualTo(bj(claim));
    assertThat(clock(SlaStage.FIRST_CONTACT).dueAt()).isEqualTo(bj(contact));
    on(CLAIMED, "2026-03-02T10:20");
    assertThat(clock(SlaStage.CLAIM).status()).isEqualTo(ClockStatus.STOPPED);
    assertThat(clock(SlaStage.RESULT).dueAt()).isEqualTo(bj(result));
    clocks = clocks.apply(new SlaEvent(NOTE_ADDED, bj("2026-03-02T11:00"), true), POLICY, CHINA);
    assertThat(clock(SlaStage.FIRST_CONTACT).outcome()).isEqualTo(ClockOutcome.MET);
    on(RESULT_SUBMITTED, "2026-03-02T16:00");
    assertThat(clock(SlaStage.RESULT).outcome()).isEqualTo(ClockOutcome.MET);
    assertThat(clocks.clock(SlaStage.REPLY)).isEmpty();
    on(RESULT_ACCEPTED, "2026-03-03T09:00");
    assertThat(clock(SlaStage.REPLY).dueAt()).isEqualTo(bj(reply));
    on(REPLY_ATTEMPTED, "2026-03-03T10:00");
    assertThat(clock(SlaStage.REPLY).status()).isEqualTo(ClockStatus.RUNNING);
    on(REPLIED, "2026-03-03T11:00");
    assertThat(clock(SlaStage.REPLY).outcome()).isEqualTo(ClockOutcome.MET);
    on(CLOSED, "2026-03-03T11:05");
    assertThat(clocks.clocks().values()).allMatch(c -> !c.open());
  }

  @Test
  void consultTicketsHaveNoClocksByDefault() {
    walk(Severity.CONSULT);
    assertThat(clocks.clocks()).isEmpty();
  }

  @Test
  void aLateStopIsRecordedLate() {
    walk(Severity.EMERGENCY);
    on(RESULT_SUBMITTED, "2026-03-03T11:00");
    assertThat(clock(SlaStage.RESULT).outcome()).isEqualTo(ClockOutcome.LATE);
    assertThat(clock(SlaStage.FIRST_CONTACT).outcome()).as("never noted, late by then").isEqualTo(ClockOutcome.LATE);
  }

  @Test
  void suspensionPausesEveryClockAndExcludesThePause() {
    walk(Severity.EMERGENCY);
    on(SUSPENDED, "2026-03-02T12:20");
    assertThat(clock(SlaStage.RESULT).status()).isEqualTo(ClockStatus.PAUSED);
    assertThat(clock(SlaStage.RESULT).dueAt()).isNull();
    assertThat(clock(SlaStage.RESULT).nextFireAt()).as("a paused clock never fires").isNull();
    assertThat(clock(SlaStage.RESULT).stateAt(bj("2026-03-05T00:00"), POLICY, CHINA)).isEqualTo(BoardState.PAUSED);
    assertThat(clock(SlaStage.RESULT).remainingAt(bj("2026-03-05T00:00"), CHINA)).isEqualTo(Duration.ofHours(22));
    on(RESUMED, "2026-03-02T15:20");
    assertThat(clock(SlaStage.RESULT).dueAt()).isEqualTo(bj("2026-03-03T13:20"));
    assertThat(clock(SlaStage.RESULT).pausedTotal()).isEqualTo(Duration.ofHours(3));
    assertThat(clock(SlaStage.FIRST_CONTACT).dueAt()).isEqualTo(bj("2026-03-02T15:05"));
  }

  @Test
  void workingTimeClocksPauseInWorkingTime() {
    walk(Severity.NORMAL);
    on(SUSPENDED, "2026-03-02T12:20");               // 2 working hours of RESULT used
    on(RESUMED, "2026-03-04T09:00");
    StageClock r = clock(SlaStage.RESULT);
    assertThat(r.consumed()).isEqualTo(Duration.ofHours(2));
    assertThat(r.pausedTotal()).isEqualTo(Duration.ofHours(44).plusMinutes(40));
    assertThat(r.dueAt()).isEqualTo(CHINA.plusWorkingTime(bj("2026-03-04T09:00"), Duration.ofHours(88)));
  }

  @Test
  void aClockStartedWhileSuspendedStartsPaused() {
    clocks = SlaClocks.none(Severity.HIGH);
    on(CREATED, "2026-03-02T10:00");
    on(DISPATCHED, "2026-03-02T10:05");
    on(SUSPENDED, "2026-03-02T10:10");
    on(CLAIMED, "2026-03-02T10:20");
    assertThat(clock(SlaStage.RESULT).status()).isEqualTo(ClockStatus.PAUSED);
    on(RESUMED, "2026-03-02T11:20");
    assertThat(clock(SlaStage.RESULT).status()).isEqualTo(ClockStatus.RUNNING);
    assertThat(clock(SlaStage.CLAIM).status()).isEqualTo(ClockStatus.STOPPED);
  }

  @Test
  void transferKeepsRunningClocksAndRestartsAMetClaim() {
    clocks = SlaClocks.none(Severity.HIGH);
    on(CREATED, "2026-03-02T10:00");
    on(DISPATCHED, "2026-03-02T10:05");
    var contactDue = clock(SlaStage.FIRST_CONTACT).dueAt();
    on(TRANSFERRED, "2026-03-02T11:00");
    assertThat(clock(SlaStage.CLAIM).dueAt()).as("still unclaimed: same clock").isEqualTo(bj("2026-03-02T14:05"));
    assertThat(clock(SlaStage.CLAIM).generation()).isEqualTo(1);
    on(CLAIMED, "2026-03-02T12:00");
    var resultDue = clock(SlaStage.RESULT).dueAt();
    on(TRANSFERRED, "2026-03-02T13:00");
    assertThat(clock(SlaStage.CLAIM).generation()).isEqualTo(2);
    assertThat(clock(SlaStage.CLAIM).dueAt()).isEqualTo(bj("2026-03-02T17:00"));
    assertThat(clock(SlaStage.RESULT).dueAt()).isEqualTo(resultDue);
    assertThat(clock(SlaStage.FIRST_CONTACT).dueAt()).isEqualTo(contactDue);
  }

  @Test
  void aReturnedResultRestartsTheResultClock() {
    walk(Severity.EMERGENCY);
    on(RESULT_SUBMITTED, "2026-03-02T18:00");
    on(RESULT_RETURNED, "2026-03-02T20:00");
    StageClock r = clock(SlaStage.RESULT);
    assertThat(r.generation()).isEqualTo(2);
    assertThat(r.status()).isEqualTo(ClockStatus.RUNNING);
    assertThat(r.dueAt()).isEqualTo(bj("2026-03-03T20:00"));
    assertThat(r.nextMark()).isZero();
  }

  @Test
  void aReopenRestartsResultAndReply() {
    walk(Severity.HIGH);
    on(RESULT_SUBMITTED, "2026-03-03T10:00");
    on(RESULT_ACCEPTED, "2026-03-03T11:00");
    on(REPLIED, "2026-03-03T12:00");
    on(REOPENED, "2026-03-06T09:00");
    assertThat(clock(SlaStage.RESULT).generation()).isEqualTo(2);
    assertThat(clock(SlaStage.RESULT).dueAt()).isEqualTo(bj("2026-03-11T09:00"));
    assertThat(clock(SlaStage.REPLY).status()).isEqualTo(ClockStatus.STOPPED);
    on(RESULT_SUBMITTED, "2026-03-09T10:00");
    on(RESULT_ACCEPTED, "2026-03-09T11:00");
    assertThat(clock(SlaStage.REPLY).generation()).isEqualTo(2);
    assertThat(clock(SlaStage.REPLY).dueAt()).isEqualTo(bj("2026-03-10T11:00"));
  }

  @Test
  void resolvedAtIntakeCancelsDispatch() {
    clocks = SlaClocks.none(Severity.NORMAL);
    on(CREATED, "2026-03-02T10:00");
    on(RESOLVED_AT_INTAKE, "2026-03-02T10:30");
    assertThat(clock(SlaStage.DISPATCH).outcome()).isEqualTo(ClockOutcome.CANCELLED);
  }

  @Test
  void aReclassificationRebudgetsOpenClocksKeepingTheTimeUsed() {
    walk(Severity.HIGH);                              // RESULT runs from 10:20 (3 working days), FIRST_CONTACT from 10:05
    clocks = clocks.reclassified(Severity.EMERGENCY, cn.hotline12349.core.domain.TicketStatus.IN_PROGRESS,
        bj("2026-03-02T10:30"), POLICY, CHINA);
    assertThat(clocks.severity()).isEqualTo(Severity.EMERGENCY);
    assertThat(clock(SlaStage.RESULT).dueAt()).as("24 h from 10:20, ten minutes already used")
        .isEqualTo(bj("2026-03-03T10:20"));
    assertThat(clock(SlaStage.FIRST_CONTACT).dueAt()).isEqualTo(bj("2026-03-02T12:05"));
    assertThat(clock(SlaStage.CLAIM).status()).as("a stopped clock stays as it ended").isEqualTo(ClockStatus.STOPPED);
    assertThat(clock(SlaStage.CLAIM).budget()).isEqualTo(Duration.ofHours(4));
    // lowered to a consultation: the level has no clocks, the running ones are cancelled
    clocks = clocks.reclassified(Severity.CONSULT, cn.hotline12349.core.domain.TicketStatus.IN_PROGRESS,
        bj("2026-03-02T11:00"), POLICY, CHINA);
    assertThat(clock(SlaStage.RESULT).outcome()).isEqualTo(ClockOutcome.CANCELLED);
  }

  @Test
  void aConsultationRaisedStartsTheClocksItsStateWaitsOn() {
    clocks = SlaClocks.none(Severity.CONSULT);
    on(CREATED, "2026-03-02T10:00");
    on(DISPATCHED, "2026-03-02T10:05");
    assertThat(clocks.clocks()).isEmpty();
    clocks = clocks.reclassified(Severity.EMERGENCY, cn.hotline12349.core.domain.TicketStatus.DISPATCHED,
        bj("2026-03-02T11:00"), POLICY, CHINA);
    assertThat(clocks.clocks().keySet()).containsExactlyInAnyOrder(SlaStage.CLAIM, SlaStage.FIRST_CONTACT);
    assertThat(clock(SlaStage.CLAIM).dueAt()).isEqualTo(bj("2026-03-02T11:30"));
  }

  @Test
  void aSuspendedConsultationRaisedStartsTheClocksOfTheStatusItWasSuspendedFromPaused() {
    clocks = SlaClocks.none(Severity.CONSULT);
    on(CREATED, "2026-03-02T10:00");
    on(DISPATCHED, "2026-03-02T10:05");
    on(CLAIMED, "2026-03-02T10:20");
    on(SUSPENDED, "2026-03-02T10:30");
    clocks = clocks.reclassified(Severity.EMERGENCY, cn.hotline12349.core.domain.TicketStatus.CLAIMED,
        bj("2026-03-02T11:00"), POLICY, CHINA);
    assertThat(clocks.clocks().keySet()).containsExactly(SlaStage.RESULT);
    assertThat(clock(SlaStage.RESULT).status()).isEqualTo(ClockStatus.PAUSED);
    on(RESUMED, "2026-03-02T13:00");
    assertThat(clock(SlaStage.RESULT).status()).isEqualTo(ClockStatus.RUNNING);
    assertThat(clock(SlaStage.RESULT).dueAt()).as("24 h from 11:00, plus the two hours it waited suspended")
        .isEqualTo(bj("2026-03-03T13:00"));
  }
}
