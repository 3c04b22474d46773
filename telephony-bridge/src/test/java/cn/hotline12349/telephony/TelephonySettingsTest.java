package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.ami.AmiConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelephonySettingsTest {
  @Test
  void noPbxAndTheDefaultAgiPortWhenNothingIsSet() {
    TelephonySettings s = TelephonySettings.fromEnv(Map.of());
    assertThat(s.ami()).isEmpty();
    assertThat(s.agiPort()).contains(4573);
  }

  @Test
  void amiNeedsUserAndSecretAndAgiCanBeSwitchedOff() {
    assertThat(TelephonySettings.fromEnv(Map.of("HOTLINE_AMI_USER", "hotline")).ami()).isEmpty();
    TelephonySettings s = TelephonySettings.fromEnv(Map.of("HOTLINE_AMI_USER", "hotline", "HOTLINE_AMI_SECRET", "s3",
        "HOTLINE_AMI_HOST", " pbx.local ", "HOTLINE_AMI_PORT", "5039", "HOTLINE_AGI_PORT", "OFF"));
    assertThat(s.ami()).contains(new AmiConfig("pbx.local", 5039, "hotline", "s3"));
    assertThat(s.ami().orElseThrow().toString()).doesNotContain("s3");
    assertThat(s.agiPort()).isEmpty();
    assertThat(TelephonySettings.fromEnv(Map.of("HOTLINE_AGI_PORT", "4600")).agiPort()).contains(4600);
  }
}
