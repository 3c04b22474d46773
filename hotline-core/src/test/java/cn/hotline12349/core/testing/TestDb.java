package cn.hotline12349.core.testing;

import cn.hotline12349.core.db.DatabaseConfig;
import cn.hotline12349.core.db.Pools;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** One fresh test database. */
public record TestDb(DatabaseConfig config) {
  public PgConnectOptions pgConnectOptions() { return config.connectOptions(); }

  public String jdbcUrl() { return config.jdbcUrl(); }

  public String user() { return config.user(); }

  public String password() { return config.password(); }

  public Pool pool(Vertx vertx) { return Pools.create(vertx, config, 8); }

  /** A plain JDBC connection, for assertions that look straight at the tables. */
  public Connection jdbc() throws SQLException { return DriverManager.getConnection(jdbcUrl(), user(), password()); }
}
