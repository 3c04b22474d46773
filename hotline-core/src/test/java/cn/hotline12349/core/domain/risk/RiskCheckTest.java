package cn.hotline12349.core.domain.risk;

import static cn.hotline12349.core.domain.risk.RiskAnswer.NO;
import static cn.hotline12349.core.domain.risk.RiskAnswer.UNKNOWN;
import static cn.hotline12349.core.domain.risk.RiskAnswer.YES;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Severity;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskCheckTest {
  private static RiskCheck check(Object... qa) {
    Map<RiskQuestion, RiskAnswer> m = new EnumMap<>(RiskQuestion.class);
    for (int i = 0; i < qa.length; i += 2) m.put((RiskQuestion) qa[i], (RiskAnswer) qa[i + 1]);
    return new RiskCheck(m);
  }

  @Test
  void lifeFirstAnyImmediateDangerInjuryOrSuicideTalkIsAnEmergency() {
    for (RiskQuestion q : new RiskQuestion[] {RiskQuestion.IN_DANGER_NOW, RiskQuestion.INJURED_NEEDS_CARE,
        RiskQuestion.SUICIDE_SELF_HARM}) {
      RiskCheck c = check(q, YES);
      assertThat(c.assess().floor()).as(q.name()).isEqualTo(Severity.EMERGENCY);
      assertThat(c.assess().why()).anyMatch(w -> w.startsWith("生命优先"));
      assertThat(c.combine(Severity.CONSULT)).isEqualTo(Severity.EMERGENCY);
    }
  }

  @Test
  void vulnerableFirstAYoungOrDisabledChildAloneOrWithTheAbuserIsAnEmergency() {
    assertThat(check(RiskQuestion.UNDER6_OR_DISABILITY, YES, RiskQuestion.ALONE_NO_CAREGIVER, YES).assess().floor())
        .isEqualTo(Severity.EMERGENCY);
    assertThat(check(RiskQuestion.UNDER6_OR_DISABILITY, YES, RiskQuestion.ABUSER_HAS_ACCESS, YES).assess().why())
        .anyMatch(w -> w.startsWith("弱势优先"));
    // on its own, under 6 lifts the text's level one step, never above HIGH
    RiskCheck young = check(RiskQuestion.UNDER6_OR_DISABILITY, YES);
    assertThat(young.combine(Severity.NORMAL)).isEqualTo(Severity.HIGH);
    assertThat(young.combine(Severity.CONSULT)).isEqualTo(Severity.NORMAL);
    assertThat(young.combine(Severity.HIGH)).isEqualTo(Severity.HIGH);
  }

  @Test
  void urgentFirstAloneOrAbuserAccessIsAtLeastHigh() {
    assertThat(check(RiskQuestion.ALONE_NO_CAREGIVER, YES).combine(Severity.CONSULT)).isEqualTo(Severity.HIGH);
    assertThat(check(RiskQuestion.ABUSER_HAS_ACCESS, YES).combine(Severity.NORMAL)).isEqualTo(Severity.HIGH);
    assertThat(check(RiskQuestion.ABUSER_HAS_ACCESS, YES).combine(Severity.EMERGENCY)).isEqualTo(Severity.EMERGENCY);
  }

  @Test
  void noUnknownOrNothingAnsweredLeavesTheTextLevel() {
    RiskCheck c = check(RiskQuestion.IN_DANGER_NOW, NO, RiskQuestion.SUICIDE_SELF_HARM, UNKNOWN);
    assertThat(c.assess().why()).isEmpty();
    assertThat(c.combine(Severity.NORMAL)).isEqualTo(Severity.NORMAL);
    assertThat(RiskCheck.none().combine(Severity.EMERGENCY)).isEqualTo(Severity.EMERGENCY);
  }

  @Test
  void anEmergencyIsLoweredOnlyWithARecordedReason() {
    RiskCheck danger = check(RiskQuestion.IN_DANGER_NOW, YES);
    assertThat(danger.checkDowngrade(Severity.HIGH, null)).get()
        .satisfies(v -> assertThat(v.field()).isEqualTo("riskCheck.downgradeReason"));
    assertThat(danger.checkDowngrade(Severity.HIGH, "  ")).isPresent();
    assertThat(danger.checkDowngrade(Severity.HIGH, "孩子已被送到外婆家，安全")).isEmpty();
    assertThat(danger.checkDowngrade(Severity.EMERGENCY, null)).isEmpty();
    // answers that do not call for EMERGENCY need no reason
    assertThat(check(RiskQuestion.ALONE_NO_CAREGIVER, YES).checkDowngrade(Severity.NORMAL, null)).isEmpty();
    assertThat(RiskCheck.none().checkDowngrade(Severity.NORMAL, null)).isEmpty();
  }
}
