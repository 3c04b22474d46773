package cn.hotline12349.core.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

public final class Pools {
  private Pools() {}

  public static Pool create(Vertx vertx, DatabaseConfig db, int maxSize) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(maxSize).setShared(false))
        .connectingTo(db.connectOptions())
        .using(vertx)
        .build();
  }
}
