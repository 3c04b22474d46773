package cn.hotline12349.ui;

import cn.hotline12349.core.user.UserService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Periodic clean-up: expired sessions are deleted (a stolen, expired token hash is then not even on disk). */
public final class Housekeeping extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
  private final UserService users;
  private final Duration every;
  private long timer = -1;

  public Housekeeping(UserService users, Duration every) {
    this.users = users;
    this.every = every;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(1_000, every.toMillis(), id -> purge());
    return Future.succeededFuture();
  }

  private void purge() {
    users.purgeExpiredSessions()
        .onSuccess(n -> { if (n > 0) log.info("purged {} expired sessions", n); })
        .onFailure(e -> log.warn("session purge failed, next try in {}: {}", every, e.getMessage()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
