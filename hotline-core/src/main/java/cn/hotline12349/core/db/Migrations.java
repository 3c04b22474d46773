package cn.hotline12349.core.db;

import org.flywaydb.core.Flyway;

/** Brings the schema up to date with Flyway. Blocking (JDBC): call it off the event loop. */
public final class Migrations {
  private Migrations() {}

  public static int migrate(DatabaseConfig db) {
    return Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations("classpath:db/migration")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
