package cn.hotline12349.core.testing;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.db.DatabaseConfig;
import cn.hotline12349.core.db.DbCredentials;
import cn.hotline12349.core.db.DbRoles;
import cn.hotline12349.core.db.Durability;
import cn.hotline12349.core.db.EmbeddedDatabase;
import cn.hotline12349.core.db.Migrations;
import cn.hotline12349.core.db.ReferenceData;
import cn.hotline12349.core.org.OrgUnitsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one way tests get a real PostgreSQL: a Testcontainers container when a Docker engine is present, otherwise the
 * embedded server. One server per JVM; each {@link #create()} is a fresh database cloned from a migrated template.
 */
public final class TestDatabase {
  private static final String TEMPLATE = "hotline_template";
  private static final AtomicInteger counter = new AtomicInteger();
  private static DatabaseConfig server;
  private static DatabaseConfig app;

  private TestDatabase() {}

  /** A new, migrated database holding the org tree, and nothing else. */
  public static synchronized TestDb create() {
    DatabaseConfig admin = server();
    String name = "test_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
    execute(admin, "create database " + name + " template " + TEMPLATE + " owner " + DbCredentials.OWNER_ROLE);
    return new TestDb(app.withDatabase(name));
  }

  /**
   * The superuser of the test server; databases are owned by the owner role and tests connect as the application
   * role (see {@link TestDb}), as the running service does.
   */
  private static DatabaseConfig server() {
    if (server == null) {
      DatabaseConfig admin;
      if (dockerAvailable()) {
        admin = startContainer();
        DbCredentials creds = DbCredentials.generate("hotline");
        DbRoles.bootstrap(admin, creds);
        DatabaseConfig owner = new DatabaseConfig(admin.host(), admin.port(), creds.database(),
            DbCredentials.OWNER_ROLE, creds.ownerPassword());
        app = new DatabaseConfig(admin.host(), admin.port(), creds.database(), DbCredentials.APP_ROLE,
            creds.appPassword(), owner);
      } else {
        EmbeddedDatabase db = startEmbedded();
        admin = db.superuserConfig();
        app = db.config();
      }
      execute(admin, "drop database if exists " + TEMPLATE);
      execute(admin, "create database " + TEMPLATE + " owner " + DbCredentials.OWNER_ROLE);
      DatabaseConfig template = app.withDatabase(TEMPLATE);
      Migrations.migrate(template);
      ReferenceData.sync(template, OrgUnitsCsv.load(ConfigDir.resolve()));
      server = admin;
    }
    return server;
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @SuppressWarnings("resource") // lives for the JVM; Testcontainers' reaper removes it
  private static DatabaseConfig startContainer() {
    PostgreSQLContainer pg = new PostgreSQLContainer("postgres:17");
    pg.start();
    return new DatabaseConfig(pg.getHost(), pg.getMappedPort(5432), pg.getDatabaseName(), pg.getUsername(),
        pg.getPassword());
  }

  // A throw-away server: the one place the unsafe no-fsync mode is used. A benchmark measuring durable writes asks for
  // the production settings with -Dhotline.test.pg.durable=true (scripts/bench/cluster: BENCH_JAVA_OPTS).
  private static EmbeddedDatabase startEmbedded() {
    try {
      EmbeddedDatabase db = EmbeddedDatabase.start(Files.createTempDirectory("hotline-test-pg"), 0,
          Boolean.getBoolean("hotline.test.pg.durable") ? Durability.DURABLE : Durability.UNSAFE_NO_FSYNC);
      Runtime.getRuntime().addShutdownHook(new Thread(db::close));
      return db;
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a data directory for the test database", e);
    }
  }

  /**
   * Runs statements as the test server's superuser in {@code database} (roles are server-wide: e.g. the PBX's
   * insert-only CDR login of the real-PBX suite, which the owner role may not create).
   */
  public static synchronized void asSuperuser(String database, String... sql) {
    for (String s : sql) execute(server().withDatabase(database), s);
  }

  static void execute(DatabaseConfig db, String sql) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database: " + sql, e);
    }
  }
}
