package cn.hotline12349.core.db;

import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with Flyway, as the owner role, then grants the application role what it needs
 * (also on tables the new migrations created). Blocking (JDBC): call it off the event loop.
 */
public final class Migrations {
  private Migrations() {}

  public static int migrate(DatabaseConfig db) {
    DatabaseConfig owner = db.migrator();
    int executed = Flyway.configure()
        .dataSource(owner.jdbcUrl(), owner.user(), owner.password())
        .locations("classpath:db/migration")
        .load()
        .migrate()
        .migrationsExecuted;
    if (!owner.user().equals(db.user())) Privileges.grant(owner, db.user());
    return executed;
  }
}
