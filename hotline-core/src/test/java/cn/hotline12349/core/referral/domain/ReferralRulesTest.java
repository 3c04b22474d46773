package cn.hotline12349.core.referral.domain;

import static cn.hotline12349.core.referral.domain.ReferralStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.domain.Category;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferralRulesTest {
  @Test
  void everyStatusHasItsNextStepsAndTheEndsHaveNone() {
    assertThat(SENT.next()).containsExactlyInAnyOrder(ACCEPTED, RETURNED, WAITING, FAILED);
    assertThat(WAITING.next()).containsExactlyInAnyOrder(ACCEPTED, RETURNED, COMPLETED, FAILED);
    assertThat(ACCEPTED.next()).containsExactlyInAnyOrder(WAITING, COMPLETED, FAILED);
    for (ReferralStatus end : EnumSet.of(RETURNED, COMPLETED, FAILED)) {
      assertThat(end.ended()).isTrue();
      for (ReferralStatus s : values()) assertThat(end.canBecome(s)).isFalse();
    }
    assertThat(SENT.canBecome(COMPLETED)).as("completion needs acceptance first").isFalse();
    assertThat(List.of(values()).stream().filter(ReferralStatus::answersAcceptance))
        .containsExactlyInAnyOrder(ACCEPTED, RETURNED, COMPLETED, FAILED);
    assertThat(List.of(values()).stream().filter(ReferralStatus::standing))
        .containsExactlyInAnyOrder(SENT, ACCEPTED, WAITING, COMPLETED);
  }

  @Test
  void aRuleMatchesItsCategoryBySubcategoryOrByFacts() {
    MandatoryRule abuse = new MandatoryRule("SEXUAL_ABUSE", "疑似遭受性侵害", "Suspected sexual abuse",
        Set.of(Category.VIOLATION), Set.of("SEXUAL_ABUSE"), List.of("猥亵"));
    MandatoryRule injury = new MandatoryRule("PHYSICAL_ABUSE", "严重暴力伤害", "Serious physical abuse",
        Set.of(Category.VIOLATION), Set.of(), List.of("骨折"));
    assertThat(abuse.matches(Category.VIOLATION, "SEXUAL_ABUSE", "")).isTrue();
    assertThat(abuse.matches(Category.VIOLATION, "VIOLATION_OTHER", "有人猥亵孩子")).isTrue();
    assertThat(abuse.matches(Category.CONSULTATION, "SEXUAL_ABUSE", "猥亵")).as("category first").isFalse();
    assertThat(injury.matches(Category.VIOLATION, "PHYSICAL_ABUSE", "孩子常被打")).isFalse();
    assertThat(injury.matches(Category.VIOLATION, "PHYSICAL_ABUSE", "孩子手臂骨折")).isTrue();
    assertThat(MandatoryRule.firstMatch(List.of(injury, abuse), Category.VIOLATION, "SEXUAL_ABUSE", "骨折"))
        .get().extracting(MandatoryRule::code).isEqualTo("PHYSICAL_ABUSE");
    assertThatThrownBy(() -> new MandatoryRule("X1", null, null, Set.of(Category.VIOLATION), Set.of(), List.of()))
        .hasMessageContaining("at least one fact");
  }
}
