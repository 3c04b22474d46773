package cn.hotline12349.core.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates, as the superuser, the two roles the service uses: an owner that runs the migrations and owns the schema,
 * and the application role the running service connects as (no superuser, no CREATEDB/CREATEROLE, no replication).
 * Idempotent: each start re-asserts the attributes and passwords. An operator with an external server does the same
 * by hand (README, "Database roles").
 */
public final class DbRoles {
  private DbRoles() {}

  public static void bootstrap(DatabaseConfig superuser, DbCredentials creds) {
    try (Connection c = DriverManager.getConnection(superuser.jdbcUrl(), superuser.user(), superuser.password());
         Statement s = c.createStatement()) {
      role(c, s, DbCredentials.OWNER_ROLE, creds.ownerPassword());
      role(c, s, DbCredentials.APP_ROLE, creds.appPassword());
      if (!exists(c, "select 1 from pg_database where datname = ?", creds.database())) {
        s.execute("create database " + ident(creds.database()) + " owner " + DbCredentials.OWNER_ROLE);
      }
      s.execute("alter database " + ident(creds.database()) + " owner to " + DbCredentials.OWNER_ROLE);
      // The province-sized generator (scripts/generate-tickets) bulk-loads as the owner with triggers and foreign-key
      // checks off for its session only; the application role never gets this.
      s.execute("grant set on parameter session_replication_role to " + DbCredentials.OWNER_ROLE);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the database roles on " + superuser, e);
    }
    if ("postgres".equals(creds.database())) adoptLegacySchema(superuser.withDatabase(creds.database()));
  }

  private static void role(Connection c, Statement s, String name, String password) throws SQLException {
    if (!exists(c, "select 1 from pg_roles where rolname = ?", name)) s.execute("create role " + name);
    s.execute("alter role " + name + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls "
        + "password '" + password.replace("'", "''") + "'");
  }

  /**
   * Clusters made before roles existed kept their tables in the {@code postgres} database, owned by the superuser:
   * hand every object of schema public to the owner role so migrations and grants work as for a new cluster.
   */
  private static void adoptLegacySchema(DatabaseConfig db) {
    String sql = """
        do $$
        declare r record;
        begin
          execute 'alter schema public owner to hotline_owner';
          for r in select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S')
                     and pg_get_userbyid(c.relowner) <> 'hotline_owner'
                     and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
                                     and d.objid = c.oid and d.deptype in ('a', 'i')) loop
            execute format('alter %s public.%I owner to hotline_owner',
                case r.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view'
                else 'table' end, r.relname);
          end loop;
          for r in select p.oid::regprocedure as sig from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                   where n.nspname = 'public' and pg_get_userbyid(p.proowner) <> 'hotline_owner' loop
            execute format('alter routine %s owner to hotline_owner', r.sig);
          end loop;
        end $$""";
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not hand the existing tables to the owner role on " + db, e);
    }
  }

  private static boolean exists(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static String ident(String name) {
    if (!name.matches("[a-z_][a-z0-9_]{0,62}")) throw new IllegalArgumentException("not a plain identifier: " + name);
    return name;
  }
}
