package cn.hotline12349.core.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.ReplyPolicy;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.sla.domain.ClockMode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopConfigTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void theShippedConfigurationLoads() {
    LoopConfig c = LoopConfig.load(ConfigDir.resolve());
    assertThat(c.acceptance(Severity.EMERGENCY).duration().toString()).isEqualTo("30m");
    assertThat(c.acceptance(Severity.NORMAL).mode()).isEqualTo(ClockMode.WORKING);
    assertThat(c.mandatoryFeedback().duration().budget(Duration.ZERO)).isEqualTo(Duration.ofDays(3));
    assertThat(c.followUp().duration().budget(Duration.ZERO)).isEqualTo(Duration.ofDays(30));
    assertThat(c.followUpSeverities()).isEqualTo(Set.of(Severity.EMERGENCY, Severity.HIGH));
    assertThat(c.mandatoryRules()).extracting(r -> r.code())
        .containsExactly("SEXUAL_ABUSE", "PHYSICAL_ABUSE", "ABANDONMENT", "TRAFFICKING", "SERIOUS_NEGLECT");
    assertThat(c.reply()).isEqualTo(ReplyPolicy.DEFAULT);
  }

  @Test
  void mistakesNameTheFileAndTheField() {
    assertThatThrownBy(() -> LoopConfig.rules(YAML.readTree("rules: [{code: X1, categories: [WEATHER], keywords: [a]}]")))
        .hasMessageContaining("mandatory-report.yaml rule 1 (X1), field categories: unknown Category WEATHER");
    assertThatThrownBy(() -> LoopConfig.rules(YAML.readTree(
        "rules: [{code: X1, categories: [VIOLATION], keywords: [a]}, {code: X1, categories: [VIOLATION], keywords: [b]}]")))
        .hasMessageContaining("rule 2 (X1), field code: listed twice");
    assertThatThrownBy(() -> LoopConfig.replyPolicy(YAML.readTree("unreachable-after: 0")))
        .hasMessageContaining("reply-policy.yaml, field unreachable-after");
    assertThatThrownBy(() -> LoopConfig.replyPolicy(YAML.readTree("unreachable-after: three")))
        .hasMessageContaining("reply-policy.yaml, field unreachable-after");
  }
}
