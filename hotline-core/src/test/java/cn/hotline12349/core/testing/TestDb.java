package cn.hotline12349.core.testing;

import cn.hotline12349.core.db.DatabaseConfig;
import cn.hotline12349.core.db.Pools;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Role;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One fresh test database. {@link #config()}, {@link #pool} and {@link #user()} are the application role, with the
 * privileges the running service has; {@link #jdbc()} is the owner role, so fixtures can set up any row directly.
 */
public record TestDb(DatabaseConfig config) {
  public PgConnectOptions pgConnectOptions() { return config.connectOptions(); }

  public String jdbcUrl() { return config.jdbcUrl(); }

  public String user() { return config.user(); }

  public String password() { return config.password(); }

  public Pool pool(Vertx vertx) { return Pools.create(vertx, config, 8); }

  /** A plain JDBC connection, for assertions that look straight at the tables. */
  public Connection jdbc() throws SQLException {
    DatabaseConfig owner = config.migrator();
    return DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password());
  }

  /** Inserts a user (no usable password) and returns them as the actor the services take. */
  public Actor insertUser(String username, Role role, String orgCode) throws SQLException {
    try (Connection c = jdbc(); PreparedStatement ps = c.prepareStatement(
        "insert into users (username, password_hash, display_name, role, org_code) values (?, 'x', ?, ?, ?) returning id")) {
      ps.setString(1, username);
      ps.setString(2, username);
      ps.setString(3, role.name());
      ps.setString(4, orgCode);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Actor(rs.getLong(1), username, role, orgCode);
      }
    }
  }
}
