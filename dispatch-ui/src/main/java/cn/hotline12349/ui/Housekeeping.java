package cn.hotline12349.ui;

import cn.hotline12349.core.audit.AuditTrail;
import cn.hotline12349.core.draft.IntakeDrafts;
import cn.hotline12349.core.retention.RetentionJob;
import cn.hotline12349.core.retention.RetentionPolicy;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic clean-up: expired sessions are deleted (an expired token hash is then not even on disk), so are intake
 * drafts untouched for a day (they hold what callers said), and the
 * retention job anonymises tickets past their category's retention (config/retention.yaml).
 */
public final class Housekeeping extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
  private final Services services;
  private final Path configDir;
  private final Duration every;
  private long timer = -1;
  private Supplier<Future<RetentionJob>> retention;

  public Housekeeping(Services services, Path configDir, Duration every) {
    this.services = services;
    this.configDir = configDir;
    this.every = every;
  }

  /** The retention job, its policy read once off the event loop. */
  public static Supplier<Future<RetentionJob>> retention(Vertx vertx, Services services, Path configDir) {
    Future<RetentionJob> job = vertx.executeBlocking(() -> new RetentionJob(services.pool(),
        RetentionPolicy.load(configDir), new AuditTrail(services.pool(), services.clock()), services.clock(), 500));
    return () -> job;
  }

  @Override
  public Future<?> start() {
    retention = retention(vertx, services, configDir);
    timer = vertx.setPeriodic(1_000, every.toMillis(), id -> clean());
    return retention.get();
  }

  private void clean() {
    services.users().purgeExpiredSessions()
        .onSuccess(n -> { if (n > 0) log.info("purged {} expired sessions", n); })
        .onFailure(e -> log.warn("session purge failed, next try in {}: {}", every, e.getMessage()));
    new IntakeDrafts(services.pool(), services.clock()).purge()
        .onSuccess(n -> { if (n > 0) log.info("purged {} intake drafts untouched for {}", n, IntakeDrafts.KEEP); })
        .onFailure(e -> log.warn("draft purge failed, next try in {}: {}", every, e.getMessage()));
    retention.get().compose(RetentionJob::run)
        .onSuccess(n -> { if (n > 0) log.info("retention: anonymised {} closed tickets", n); })
        .onFailure(e -> log.warn("retention run failed, next try in {}: {}", every, e.getMessage()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
