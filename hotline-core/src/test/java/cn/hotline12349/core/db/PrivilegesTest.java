package cn.hotline12349.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the application role may do to the schema: work on its tables, only append to the audit and the history. */
class PrivilegesTest {
  static TestDb db;

  @BeforeAll
  static void create() { db = TestDatabase.create(); }

  @Test
  void theApplicationRoleIsNoSuperuserAndOwnsNothing() throws SQLException {
    try (Connection c = app()) {
      assertThat(EmbeddedDatabaseTest.show(c, "is_superuser")).isEqualTo("off");
      assertThat(EmbeddedDatabaseTest.one(c, "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
          + "where n.nspname = 'public' and pg_get_userbyid(c.relowner) = current_user")).isEqualTo("0");
      assertThatThrownBy(() -> exec(c, "create table mine (n int)")).hasMessageContaining("permission denied");
      assertThatThrownBy(() -> exec(c, "drop table tickets")).hasMessageContaining("must be owner");
      assertThatThrownBy(() -> exec(c, "select * from flyway_schema_history")).hasMessageContaining("permission denied");
    }
  }

  @Test
  void theAuditLogAndTheTicketHistoryAreAppendOnlyForTheApplication() throws SQLException {
    try (Connection c = app()) {
      exec(c, "insert into audit_log (at, username, action) values (now(), 'x', 'READ')");
      assertThat(EmbeddedDatabaseTest.one(c, "select count(*) from audit_log where username = 'x'")).isEqualTo("1");
      for (String sql : new String[] {"update audit_log set detail = 'y'", "delete from audit_log", "truncate audit_log",
          "update ticket_events set reason = 'y'", "delete from ticket_events", "truncate ticket_events"}) {
        assertThatThrownBy(() -> exec(c, sql)).as(sql).hasMessageContaining("permission denied");
      }
    }
    try (Connection owner = db.jdbc()) {
      assertThatThrownBy(() -> exec(owner, "delete from audit_log")).as("the owner is held by the trigger")
          .hasMessageContaining("append-only");
    }
  }

  /** call_timeline names its call without a foreign key (V290): a call row is never deleted by the application. */
  @Test
  void theApplicationNeverDeletesACall() throws SQLException {
    try (Connection c = app()) {
      exec(c, "insert into calls (linkedid) values ('never-deleted.1')");
      exec(c, "update calls set dialled = '12349' where linkedid = 'never-deleted.1'");
      assertThatThrownBy(() -> exec(c, "delete from calls where linkedid = 'never-deleted.1'"))
          .hasMessageContaining("permission denied");
      assertThat(EmbeddedDatabaseTest.one(c, "select dialled from calls where linkedid = 'never-deleted.1'"))
          .isEqualTo("12349");
    }
  }

  @Test
  void tablesMadeByLaterMigrationsAreUsableByTheApplicationAtOnce() throws SQLException {
    try (Connection owner = db.jdbc()) {
      exec(owner, "create table later_feature (id bigserial primary key, note text)");
    }
    try (Connection c = app()) {
      exec(c, "insert into later_feature (note) values ('a')");
      exec(c, "update later_feature set note = 'b'");
      assertThat(EmbeddedDatabaseTest.one(c, "select note from later_feature")).isEqualTo("b");
    }
  }

  private static Connection app() throws SQLException {
    return java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
