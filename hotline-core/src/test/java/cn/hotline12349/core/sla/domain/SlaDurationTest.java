package cn.hotline12349.core.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlaDurationTest {
  private static final Duration DAY = Duration.ofHours(9);

  @Test
  void parsesEachUnit() {
    assertThat(SlaDuration.parse("5s").budget(DAY)).isEqualTo(Duration.ofSeconds(5));
    assertThat(SlaDuration.parse("10m").budget(DAY)).isEqualTo(Duration.ofMinutes(10));
    assertThat(SlaDuration.parse(" 4H ").budget(DAY)).isEqualTo(Duration.ofHours(4));
    assertThat(SlaDuration.parse("2d").budget(DAY)).isEqualTo(Duration.ofHours(48));
    assertThat(SlaDuration.parse("3wd").budget(DAY)).isEqualTo(Duration.ofHours(27));
    assertThat(SlaDuration.parse("3wd").toString()).isEqualTo("3wd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0m", "30min", "1h30m", "1.5h", "-2h", "h", "4", "3 wd", "9999999s"})
  void rejectsAnythingElse(String text) {
    assertThatThrownBy(() -> SlaDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void workingDaysNeedAWorkingClock() {
    assertThatThrownBy(() -> StagePolicy.of("3wd", ClockMode.ALWAYS)).hasMessageContaining("working days");
    assertThatThrownBy(() -> StagePolicy.of("2d", ClockMode.WORKING)).hasMessageContaining("wd");
    assertThat(StagePolicy.of("3wd").mode()).isEqualTo(ClockMode.WORKING);
    assertThat(StagePolicy.of("4h").mode()).isEqualTo(ClockMode.ALWAYS);
  }
}
