package cn.hotline12349.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded server as a system of record: durable settings, passwords, no superuser app, crash and orphan handling. */
@Timeout(300)
class EmbeddedDatabaseTest {

  @Test
  void durableByDefaultWithPasswordsAndANonSuperuserApplicationRole() throws Exception {
    Path dir = Files.createTempDirectory("hotline-edb").resolve("pg");
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0)) {
      DatabaseConfig app = db.config();
      try (Connection c = connect(app)) {
        assertThat(show(c, "fsync")).isEqualTo("on");
        assertThat(show(c, "synchronous_commit")).isEqualTo("on");
        assertThat(show(c, "full_page_writes")).isEqualTo("on");
        assertThat(show(c, "is_superuser")).isEqualTo("off");
        assertThat(one(c, "select rolcreatedb or rolcreaterole or rolreplication or rolbypassrls from pg_roles "
            + "where rolname = current_user")).isEqualTo("f");
      }
      assertThat(app.migrator().user()).isEqualTo(DbCredentials.OWNER_ROLE);
      try (Connection c = connect(app.migrator())) {
        assertThat(show(c, "is_superuser")).isEqualTo("off");
      }
      String hba = Files.readString(dir.resolve("pg_hba.conf"));
      assertThat(hba.lines().filter(l -> !l.isBlank() && !l.startsWith("#")))
          .allMatch(l -> l.endsWith("scram-sha-256"))
          .noneMatch(l -> l.contains("replication") || l.startsWith("local"));
      assertThat(Files.getPosixFilePermissions(dir.resolve(DbCredentials.FILE)))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      DatabaseConfig su = db.superuserConfig();
      assertThatThrownBy(() -> DriverManager.getConnection(su.jdbcUrl(), "postgres", "")).isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> DriverManager.getConnection(su.jdbcUrl(), "postgres", "wrong"))
          .hasMessageContaining("password authentication failed");
    }
  }

  @Test
  void unsafeModeOnlyWhenAskedFor() throws Exception {
    assertThat(Durability.fromEnv(null)).isEqualTo(Durability.DURABLE);
    assertThat(Durability.fromEnv("")).isEqualTo(Durability.DURABLE);
    assertThat(Durability.fromEnv("yes")).isEqualTo(Durability.DURABLE);
    assertThat(Durability.fromEnv("true")).isEqualTo(Durability.UNSAFE_NO_FSYNC);
  }

  @Test
  void anOrphanedServerIsStoppedAndAStalePidFileIgnored() throws Exception {
    Path dir = Files.createTempDirectory("hotline-orphan").resolve("pg");
    EmbeddedDatabase first = EmbeddedDatabase.start(dir, 0, Durability.UNSAFE_NO_FSYNC);
    long orphan = first.pid();
    first.abandon(); // what kill -9 of the service leaves: the server runs on, nobody watches it
    Instant t0 = Instant.now();
    try (EmbeddedDatabase second = EmbeddedDatabase.start(dir, 0, Durability.UNSAFE_NO_FSYNC)) {
      assertThat(Duration.between(t0, Instant.now())).isLessThan(Duration.ofSeconds(30));
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).as("orphan stopped").isFalse();
      assertThat(second.pid()).isNotEqualTo(orphan).isPositive();
      try (Connection c = connect(second.config())) {
        assertThat(one(c, "select 1")).isEqualTo("1");
      }
    }
    // After a reboot the file can name a pid that now belongs to anything: that process is left alone.
    Process stranger = new ProcessBuilder("sleep", "120").start();
    try {
      Files.writeString(dir.resolve("postmaster.pid"), stranger.pid() + "\n" + dir + "\n");
      try (EmbeddedDatabase third = EmbeddedDatabase.start(dir, 0, Durability.UNSAFE_NO_FSYNC);
           Connection c = connect(third.config())) {
        assertThat(one(c, "select 1")).isEqualTo("1");
      }
      assertThat(stranger.isAlive()).as("an unrelated process with the old pid is not signalled").isTrue();
    } finally {
      stranger.destroyForcibly();
    }
  }

  @Test
  void aSecondStartOnADirectoryInUseFailsAndLeavesTheRunningServerAlone() throws Exception {
    Path dir = Files.createTempDirectory("hotline-twice").resolve("pg");
    try (EmbeddedDatabase first = EmbeddedDatabase.start(dir, 0, Durability.UNSAFE_NO_FSYNC)) {
      long pid = first.pid();
      // scripts/start run twice: the second once took the first's live server for an orphan and stopped it
      assertThatThrownBy(() -> EmbeddedDatabase.start(dir, 0, Durability.UNSAFE_NO_FSYNC))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use by another running hotline service")
          .hasMessageContaining(DataDirLock.file(dir).toString());
      assertThat(first.pid()).as("the first service's server was not touched").isEqualTo(pid);
      assertThat(first.restarts()).isZero();
      try (Connection c = connect(first.config())) {
        assertThat(one(c, "select 1")).isEqualTo("1");
      }
    }
    // once the first service is gone the directory is free again
    try (EmbeddedDatabase again = EmbeddedDatabase.start(dir, 0, Durability.UNSAFE_NO_FSYNC);
         Connection c = connect(again.config())) {
      assertThat(one(c, "select 1")).isEqualTo("1");
    }
  }

  @Test
  void aKilledServerIsRestartedByTheSupervisorWithItsData() throws Exception {
    Path dir = Files.createTempDirectory("hotline-supervise").resolve("pg");
    // the fast mode still hands each commit to the kernel: a killed server process loses nothing in it either
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, Durability.UNSAFE_NO_FSYNC)) {
      try (Connection c = connect(db.config().migrator()); Statement s = c.createStatement()) {
        s.execute("create table kept (n int)");
        s.execute("insert into kept values (42)");
      }
      long before = db.pid();
      new ProcessBuilder("kill", "-9", Long.toString(before)).start().waitFor();
      Instant deadline = Instant.now().plusSeconds(60);
      while (db.restarts() == 0 && Instant.now().isBefore(deadline)) Thread.sleep(200);
      assertThat(db.restarts()).isEqualTo(1);
      assertThat(db.pid()).isPositive().isNotEqualTo(before);
      try (Connection c = connect(db.config().migrator())) {
        assertThat(one(c, "select n from kept")).isEqualTo("42");
      }
    }
  }

  @Test
  void aClusterFromBeforePasswordsIsUpgradedAndKeepsItsTables() throws Exception {
    Path dir = Files.createTempDirectory("hotline-legacy").resolve("pg");
    // how earlier versions made their clusters: zonky's trust authentication, tables in "postgres" as the superuser
    try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres old = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
        .builder().setDataDirectory(dir).setCleanDataDirectory(false).setServerConfig("unix_socket_directories", "")
        .start();
         Connection c = old.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      Migrations.migrate(new DatabaseConfig("localhost", old.getPort(), "postgres", "postgres", ""));
      s.execute("insert into org_units (code, name_zh, name_en, tier) values ('990000', '旧', 'old', 'PROVINCE')");
    }
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, Durability.UNSAFE_NO_FSYNC)) {
      assertThat(db.config().database()).isEqualTo("postgres");
      Migrations.migrate(db.config().withDatabase("postgres"));
      try (Connection c = connect(db.config())) {
        assertThat(one(c, "select name_en from org_units where code = '990000'")).isEqualTo("old");
        assertThat(one(c, "select count(*) from tickets")).isEqualTo("0");
        assertThat(show(c, "is_superuser")).isEqualTo("off");
      }
      assertThat(Files.readString(dir.resolve("pg_hba.conf"))).doesNotContain("trust");
      assertThatThrownBy(() -> DriverManager.getConnection(db.superuserConfig().jdbcUrl(), "postgres", ""))
          .isInstanceOf(SQLException.class);
    }
  }

  static Connection connect(DatabaseConfig db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  static String show(Connection c, String setting) throws SQLException { return one(c, "show " + setting); }

  static String one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
