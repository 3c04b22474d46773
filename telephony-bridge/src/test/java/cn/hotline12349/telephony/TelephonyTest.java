package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The launcher's entry point: no PBX configured, and a PBX configured through the environment. */
@ExtendWith(VertxExtension.class)
class TelephonyTest {
  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void withoutAmiSettingsItRunsWithoutAPbxAndSaysSo(Vertx vertx, VertxTestContext t) throws Exception {
    var db = TestDatabase.create();
    Telephony tel = Telephony.start(vertx, db.pool(vertx), Map.of("HOTLINE_AGI_PORT", "off"),
        PbxMappingLoader.configDir(), Clock.systemUTC()).await(30, TimeUnit.SECONDS);

    JsonObject health = tel.health();
    assertThat(health.getJsonObject("pbx").getBoolean("enabled")).isFalse();
    assertThat(health.getJsonObject("pbx").getString("status")).isEqualTo("DISABLED");
    assertThat(health.getJsonObject("pbx").getString("detail")).contains("no PBX");
    assertThat(health.getValue("agiPort")).isNull();
    assertThatThrownBy(() -> tel.calls().queueLogin("op-xining", "630100").await(5, TimeUnit.SECONDS))
        .hasMessageContaining("no PBX");
    assertThat(tel.calls().list(CallService.Query.abandonedPending(), null).await(5, TimeUnit.SECONDS)).isEmpty();
    tel.stop().await(10, TimeUnit.SECONDS);
    t.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void withAmiSettingsItLogsInAndReportsConnected(Vertx vertx, VertxTestContext t) throws Exception {
    var db = TestDatabase.create();
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "hotline", "s3cret")) {
      Telephony tel = Telephony.start(vertx, db.pool(vertx), Map.of("HOTLINE_AMI_PORT", Integer.toString(pbx.port()),
          "HOTLINE_AMI_USER", "hotline", "HOTLINE_AMI_SECRET", "s3cret", "HOTLINE_AGI_PORT", "off"),
          PbxMappingLoader.configDir(), Clock.systemUTC()).await(30, TimeUnit.SECONDS);
      assertThat(pbx.awaitLogins(1, 20, TimeUnit.SECONDS)).isTrue();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!"CONNECTED".equals(tel.health().getJsonObject("pbx").getString("status")) && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertThat(tel.health().getJsonObject("pbx").getString("status")).isEqualTo("CONNECTED");
      assertThat(tel.health().encode()).doesNotContain("s3cret");
      // the login used the MD5 challenge, as Asterisk-Java does
      assertThat(pbx.received("Challenge")).hasSize(1);
      assertThat(pbx.received("Login").get(0).get("AuthType")).isEqualTo("MD5");
      tel.stop().await(10, TimeUnit.SECONDS);
    }
    t.completeNow();
  }
}
