package cn.hotline12349.ui;

import cn.hotline12349.core.config.Env;
import cn.hotline12349.core.db.DatabaseConfig;
import cn.hotline12349.core.db.EmbeddedDatabase;
import cn.hotline12349.ui.cluster.ClusterSettings;
import cn.hotline12349.ui.cluster.ClusteredVertx;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the whole system: the database (embedded unless HOTLINE_PG_URL is set), then every verticle. */
public final class Launcher {
  private static final Logger log = LoggerFactory.getLogger(Launcher.class);

  private Launcher() {}

  public static void main(String[] args) {
    AppSettings settings;
    try {
      settings = AppSettings.load(Env.process());
    } catch (IllegalArgumentException | IllegalStateException e) {
      log.error("configuration: {}", e.getMessage()); // names the variable and what it must be
      System.exit(2);
      return;
    }
    EmbeddedDatabase embedded = settings.pgUrl() == null ? EmbeddedDatabase.start(settings.dataDir().resolve("pg"), 0,
        settings.database().durability()) : null;
    DatabaseConfig db = embedded != null ? embedded.config()
        : DatabaseConfig.fromUrls(settings.pgUrl(), settings.database().ownerUrl());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    ClusterSettings cluster = settings.cluster();
    Vertx vertx = cluster.enabled()
        ? ClusteredVertx.build(Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry)), options, cluster).await()
        : Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
    HotlineApp app;
    try {
      app = HotlineApp.start(vertx, settings, db, registry, Clock.systemUTC()).await();
    } catch (RuntimeException e) {
      log.error("start-up failed", e);
      vertx.close().await();
      if (embedded != null) embedded.close();
      System.exit(1);
      return;
    }
    log.info("12349 hotline is up: http://localhost:{}/ (database {}{})", app.httpPort(), embedded != null ? "embedded" : db,
        cluster.enabled() ? ", cluster node " + cluster.nodeName() : "");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        app.close().await();
      } catch (RuntimeException e) {
        log.warn("shutdown: {}", e.getMessage());
      }
      vertx.close().await();
      if (embedded != null) embedded.close();
    }, "shutdown"));
  }
}
