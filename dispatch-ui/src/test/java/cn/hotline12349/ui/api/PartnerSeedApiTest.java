package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.ui.AppSettings;
import cn.hotline12349.ui.HotlineApp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A production start (no demo data) seeds no partner with fictional contact details. */
class PartnerSeedApiTest {
  @Test
  void fictionalPartnersStayOutOfAProductionInstallation() throws Exception {
    TestDb db = TestDatabase.create();
    Vertx vertx = Vertx.vertx();
    AppSettings settings = new AppSettings(Path.of("target/unused-data"), null, 0, ConfigDir.resolve(), false, "x",
        Duration.ofHours(1), false, Map.of("HOTLINE_AGI_PORT", "off"));
    HotlineApp app = HotlineApp.start(vertx, settings, db.config(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        Clock.systemUTC()).await();
    try (Connection c = db.jdbc(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select count(*), count(*) filter (where demo) from partners")) {
      rs.next();
      assertThat(rs.getLong(2)).isZero();
      assertThat(rs.getLong(1)).isZero(); // the shipped file holds demo entries only
    } finally {
      app.close().await();
      vertx.close().await();
    }
  }
}
