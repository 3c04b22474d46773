package cn.hotline12349.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
  @Test
  void unsetOrBlankGivesTheDefaultAndValuesAreTrimmed() {
    Env env = Env.of(Map.of("A", "  ", "B", " 42 ", "C", " on "));
    assertThat(env.string("A")).isNull();
    assertThat(env.string("A", "d")).isEqualTo("d");
    assertThat(env.integer("B", 1, 0, 100)).isEqualTo(42);
    assertThat(env.integer("MISSING", 7, 0, 100)).isEqualTo(7);
    assertThat(env.bool("C", false)).isTrue();
    assertThat(env.bool("MISSING", true)).isTrue();
    assertThat(env.millis("B", 0, 0, 100)).isEqualTo(Duration.ofMillis(42));
  }

  @Test
  void aMalformedValueIsAnErrorNamingTheVariableAndWhatItMustBe() {
    Env env = Env.of(Map.of("HOTLINE_HTTP_PORT", "80a", "HOTLINE_DEMO", "maybe", "BIG", "70000"));
    assertThatThrownBy(() -> env.port("HOTLINE_HTTP_PORT", 8080))
        .hasMessage("HOTLINE_HTTP_PORT must be a whole number from 0 to 65535, not '80a'");
    assertThatThrownBy(() -> env.port("BIG", 1)).hasMessageContaining("BIG must be a whole number from 0 to 65535");
    assertThatThrownBy(() -> env.bool("HOTLINE_DEMO", false)).hasMessage("HOTLINE_DEMO must be true or false, not 'maybe'");
  }

  @Test
  void aSecretKeepsItsSpaces() {
    assertThat(Env.of(Map.of("S", " pass ")).secret("S")).isEqualTo(" pass ");
    assertThat(Env.of(Map.of("S", "")).secret("S")).isNull();
  }
}
