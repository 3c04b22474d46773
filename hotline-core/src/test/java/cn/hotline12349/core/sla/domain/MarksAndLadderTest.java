package cn.hotline12349.core.sla.domain;

import static cn.hotline12349.core.sla.domain.TestCalendars.CHINA;
import static cn.hotline12349.core.sla.domain.TestCalendars.bj;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Tier;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MarksAndLadderTest {
  private static final SlaPolicy POLICY = SlaPolicy.defaults();

  @Test
  void warnsAtEightyPercentThenEscalatesAtOneHundredAndOneHundredFifty() {
    StageClock c = StageClock.start(SlaStage.CLAIM, 1, StagePolicy.of("30m"), bj("2026-03-02T10:00"), false, POLICY, CHINA);
    assertThat(c.nextFireAt()).isEqualTo(bj("2026-03-02T10:24"));
    assertThat(c.stateAt(bj("2026-03-02T10:23:59"), POLICY, CHINA)).isEqualTo(BoardState.ON_TIME);
    assertThat(c.stateAt(bj("2026-03-02T10:24"), POLICY, CHINA)).isEqualTo(BoardState.WARNED);
    c = c.markFired(0, POLICY, CHINA);
    assertThat(c.nextFireAt()).isEqualTo(bj("2026-03-02T10:30"));
    assertThat(c.stateAt(bj("2026-03-02T10:30"), POLICY, CHINA)).isEqualTo(BoardState.OVERDUE);
    c = c.markFired(1, POLICY, CHINA);
    assertThat(c.nextFireAt()).isEqualTo(bj("2026-03-02T10:45"));
    c = c.markFired(2, POLICY, CHINA);
    assertThat(c.nextFireAt()).as("ladder exhausted").isNull();
    assertThat(c.markFired(1, POLICY, CHINA)).as("a repeated firing changes nothing").isEqualTo(c);
  }

  @Test
  void workingTimeMarksNeverFallOutsideWorkingHoursEarly() {
    StageClock c = StageClock.start(SlaStage.CLAIM, 1, StagePolicy.of("1wd"), bj("2026-03-02T10:05"), false, POLICY, CHINA);
    assertThat(c.nextFireAt()).isEqualTo(bj("2026-03-02T17:17"));
    assertThat(c.dueAt()).isEqualTo(bj("2026-03-03T10:05"));
    c = c.markFired(0, POLICY, CHINA).markFired(1, POLICY, CHINA);
    assertThat(c.nextFireAt()).isEqualTo(bj("2026-03-03T14:35"));
  }

  @Test
  void marksAlreadyReachedBeforeAPauseFireOnResume() {
    Instant t0 = bj("2026-03-02T10:00");
    StageClock c = StageClock.start(SlaStage.CLAIM, 1, StagePolicy.of("10m"), t0, false, POLICY, CHINA);
    c = c.pause(bj("2026-03-02T10:09"), POLICY, CHINA).resume(bj("2026-03-02T11:00"), POLICY, CHINA);
    assertThat(c.nextFireAt()).as("warning unfired, 90 % used").isEqualTo(bj("2026-03-02T11:00"));
    assertThat(c.dueAt()).isEqualTo(bj("2026-03-02T11:01"));
  }

  @Test
  void ladderClimbsCountyPrefectureProvinceAndStops() {
    assertThat(EscalationLadder.target(Tier.COUNTY, 1)).contains(Tier.PREFECTURE);
    assertThat(EscalationLadder.target(Tier.COUNTY, 2)).contains(Tier.PROVINCE);
    assertThat(EscalationLadder.target(Tier.PREFECTURE, 1)).contains(Tier.PROVINCE);
    assertThat(EscalationLadder.target(Tier.PREFECTURE, 2)).isEmpty();
    assertThat(EscalationLadder.target(Tier.PROVINCE, 1)).isEmpty();
    assertThat(EscalationLadder.idempotencyKey(7, "RESULT", 2, 1)).isEqualTo("sla:7:RESULT:g2:m1");
  }
}
