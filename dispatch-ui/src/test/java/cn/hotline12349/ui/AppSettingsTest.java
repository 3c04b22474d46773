package cn.hotline12349.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.config.Env;
import cn.hotline12349.core.db.Durability;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings tree is read once, typed, from the variables in the README's table; a bad value names its variable. */
class AppSettingsTest {
  private static final String CONFIG = System.getProperty("hotline.repo.root", "..") + "/config";

  @Test
  void defaultsWithNothingSet() {
    AppSettings s = AppSettings.load(env(Map.of()));
    assertThat(s.httpPort()).isEqualTo(8080);
    assertThat(s.pgUrl()).isNull();
    assertThat(s.database().durability()).isEqualTo(Durability.DURABLE);
    assertThat(s.sessionLength()).isEqualTo(Duration.ofMinutes(480));
    assertThat(s.demo()).isFalse();
    assertThat(s.metricsToken()).isNull();
    assertThat(s.gaugeRefresh()).isEqualTo(Duration.ofSeconds(15));
    assertThat(s.intakeModel()).isTrue();
    assertThat(s.intakeRebuildEvery()).isEqualTo(Duration.ofHours(6));
    assertThat(s.telephony().ami()).isEmpty();
    assertThat(s.cluster().enabled()).isFalse();
    assertThat(s.configDir().toString()).endsWith("config");
  }

  @Test
  void everyPartIsReadFromItsVariables() {
    AppSettings s = AppSettings.load(env(Map.of("HOTLINE_HTTP_PORT", "8107", "HOTLINE_PG_URL",
        "postgresql://a:b@db:5432/h", "HOTLINE_PG_OWNER_URL", "postgresql://o:p@db:5432/h", "HOTLINE_METRICS_TOKEN", "t",
        "HOTLINE_INTAKE_MODEL", "off", "HOTLINE_AMI_USER", "u", "HOTLINE_AMI_SECRET", "s", "HOTLINE_CLUSTER", "true",
        "HOTLINE_GAUGE_REFRESH_MS", "500", "HOTLINE_PG_UNSAFE_NO_FSYNC", "true")));
    assertThat(s.httpPort()).isEqualTo(8107);
    assertThat(s.database().url()).isEqualTo("postgresql://a:b@db:5432/h");
    assertThat(s.database().ownerUrl()).isEqualTo("postgresql://o:p@db:5432/h");
    assertThat(s.database().durability()).isEqualTo(Durability.UNSAFE_NO_FSYNC);
    assertThat(s.metricsToken()).isEqualTo("t");
    assertThat(s.intakeModel()).isFalse();
    assertThat(s.telephony().ami()).isPresent();
    assertThat(s.cluster().enabled()).isTrue();
    assertThat(s.cluster().nodeName()).endsWith(":8107");
    assertThat(s.gaugeRefresh()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aBadValueStopsTheStartNamingTheVariable() {
    assertThatThrownBy(() -> AppSettings.load(env(Map.of("HOTLINE_TRUSTED_PROXIES", "10.0.0.2, proxy.local"))))
        .hasMessageContaining("HOTLINE_TRUSTED_PROXIES");
    assertThat(AppSettings.load(env(Map.of("HOTLINE_TRUSTED_PROXIES", "10.0.0.2, ::1"))).trustedProxies())
        .containsExactlyInAnyOrder("10.0.0.2", "::1");
    assertThat(AppSettings.load(env(Map.of())).trustedProxies()).isEmpty();
    assertThatThrownBy(() -> AppSettings.load(env(Map.of("HOTLINE_HTTP_PORT", "eighty"))))
        .hasMessageContaining("HOTLINE_HTTP_PORT must be a whole number");
    assertThatThrownBy(() -> AppSettings.load(env(Map.of("HOTLINE_SESSION_MINUTES", "0"))))
        .hasMessageContaining("HOTLINE_SESSION_MINUTES");
    assertThatThrownBy(() -> AppSettings.load(env(Map.of("HOTLINE_AMI_USER", "u", "HOTLINE_AMI_SECRET", "s",
        "HOTLINE_AMI_PORT", "x")))).hasMessageContaining("HOTLINE_AMI_PORT");
    assertThatThrownBy(() -> AppSettings.load(env(Map.of("HOTLINE_RECORDING_RETENTION_DAYS", "0"))))
        .hasMessageContaining("HOTLINE_RECORDING_RETENTION_DAYS");
    assertThatThrownBy(() -> AppSettings.load(env(Map.of("HOTLINE_CLUSTER", "ja"))))
        .hasMessageContaining("HOTLINE_CLUSTER must be true or false");
    assertThatThrownBy(() -> AppSettings.load(env(Map.of("HOTLINE_CONFIG_DIR", "/no/such/folder"))))
        .hasMessageContaining("HOTLINE_CONFIG_DIR");
  }

  private static Env env(Map<String, String> vars) {
    Map<String, String> all = new HashMap<>(vars);
    all.putIfAbsent("HOTLINE_CONFIG_DIR", CONFIG);
    return Env.of(all);
  }
}
