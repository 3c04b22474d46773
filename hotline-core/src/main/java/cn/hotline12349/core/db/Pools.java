package cn.hotline12349.core.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

public final class Pools {
  private Pools() {}

  /** Seconds a request waits for a connection (opening one included, slow on a loaded host) before it is answered 503. */
  public static final int WAIT_SECONDS = 10;

  /**
   * A pool whose waiting is bounded: at most {@link #WAIT_SECONDS} for a connection and a queue of 32 per connection;
   * beyond that the request fails at once and the HTTP layer answers 503 with Retry-After.
   */
  public static Pool create(Vertx vertx, DatabaseConfig db, int maxSize) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize).setShared(false)
            .setConnectionTimeout(WAIT_SECONDS).setConnectionTimeoutUnit(TimeUnit.SECONDS)
            .setMaxWaitQueueSize(maxSize * 32))
        .connectingTo(db.connectOptions())
        .using(vertx)
        .build();
  }
}
