package cn.hotline12349.telephony.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.telephony.config.PbxMappingLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Night service is read in the configured zone, not in the PBX's (or the JVM's) clock zone. */
class NightServiceTest {
  static IntakeRouting.Decision at(String instant, PbxMapping m) {
    return new IntakeRouting(m, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC))
        .decide(new IntakeRouting.Request("PJSIP/trunk-xining-0001", null, "13800000000", null, null));
  }

  @Test
  void beijingNightIsNightWhateverTheServerZone() {
    PbxMapping m = PbxMappingLoader.load(PbxMappingLoader.configDir());
    assertThat(m.nightService().zoneId().getId()).isEqualTo("Asia/Shanghai");
    // 15:30 UTC = 23:30 in Xining: night, though a UTC server's GotoIfTime(22:00-07:59) says day
    assertThat(at("2026-11-23T15:30:00Z", m).night()).isTrue();
    // 23:30 UTC = 07:30 next morning in Xining: still night; 00:30 UTC = 08:30: day
    assertThat(at("2026-11-23T23:30:00Z", m).night()).isTrue();
    assertThat(at("2026-11-24T00:30:00Z", m).night()).isFalse();
    // 13:59 UTC = 21:59: day; 14:00 UTC = 22:00: night
    assertThat(at("2026-11-23T13:59:00Z", m).night()).isFalse();
    assertThat(at("2026-11-23T14:00:00Z", m).night()).isTrue();
  }

  @Test
  void windowInsideOneDayAndBadZonesAreRefused() {
    PbxMapping.NightService lunch = new PbxMapping.NightService("UTC", "12:00", "13:00");
    assertThat(lunch.isNight(Instant.parse("2026-11-23T12:30:00Z"))).isTrue();
    assertThat(lunch.isNight(Instant.parse("2026-11-23T13:00:00Z"))).isFalse();
    assertThatThrownBy(() -> new PbxMapping.NightService("Mars/Olympus", "22:00", "08:00"))
        .isInstanceOf(java.time.DateTimeException.class);
  }
}
