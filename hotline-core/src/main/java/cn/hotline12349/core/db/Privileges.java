package cn.hotline12349.core.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the application role may do, granted by the owner after every migration run: read and write the tables it
 * works on, append to (never rewrite) the audit log and the ticket history. Default privileges make tables that
 * later migrations create usable at once; the run after each migration re-asserts both.
 */
public final class Privileges {
  /** Tables the application only appends to and reads. */
  public static final String[] APPEND_ONLY = {"audit_log", "ticket_events"};
  /**
   * Tables whose rows the application never deletes: call_timeline's rows name their call without a foreign key
   * (V290), so a call row must not go away.
   */
  public static final String[] NEVER_DELETED = {"calls"};

  private Privileges() {}

  public static void grant(DatabaseConfig owner, String appRole) {
    String app = DbRoles.ident(appRole);
    String me = DbRoles.ident(owner.user());
    try (Connection c = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password());
         Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("grant usage on schema public to " + app);
      s.execute("grant select, insert, update, delete on all tables in schema public to " + app);
      s.execute("grant usage, select, update on all sequences in schema public to " + app);
      s.execute("grant execute on all functions in schema public to " + app);
      s.execute("alter default privileges for role " + me + " in schema public grant select, insert, update, delete on tables to " + app);
      s.execute("alter default privileges for role " + me + " in schema public grant usage, select, update on sequences to " + app);
      s.execute("revoke all on table flyway_schema_history from " + app);
      s.execute("revoke truncate, references, trigger on all tables in schema public from " + app);
      for (String t : APPEND_ONLY) s.execute("revoke update, delete on table " + t + " from " + app);
      for (String t : NEVER_DELETED) s.execute("revoke delete on table " + t + " from " + app);
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("could not grant the application role its privileges on " + owner, e);
    }
  }
}
