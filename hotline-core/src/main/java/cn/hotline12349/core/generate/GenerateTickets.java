package cn.hotline12349.core.generate;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.db.DatabaseConfig;
import cn.hotline12349.core.db.DbCredentials;
import cn.hotline12349.core.db.EmbeddedDatabase;
import cn.hotline12349.core.db.Migrations;
import cn.hotline12349.core.db.ReferenceData;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.intake.Taxonomy;
import cn.hotline12349.core.org.OrgUnitsCsv;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * {@code scripts/generate-tickets [N]}: loads N (default 1,000,000) generated tickets into the database that
 * {@code scripts/start} uses: HOTLINE_PG_URL when set, else the embedded server of HOTLINE_DATA_DIR (default ./data),
 * reusing it when the app is running and starting it for the load otherwise. Prints how many and how long.
 */
public final class GenerateTickets {
  private GenerateTickets() {}

  public static void main(String[] args) throws Exception {
    long n = args.length > 0 ? Long.parseLong(args[0].replace("_", "").replace(",", "")) : 1_000_000L;
    if (n < 1) throw new IllegalArgumentException("N must be at least 1");
    cn.hotline12349.core.config.Env env = cn.hotline12349.core.config.Env.process();
    String url = env.string("HOTLINE_PG_URL");
    Path dataDir = env.path("HOTLINE_DATA_DIR", "data");
    EmbeddedDatabase started = null;
    DatabaseConfig db;
    if (url != null && !url.isBlank()) {
      db = DatabaseConfig.fromUrl(url);
    } else {
      Integer running = EmbeddedPort.ofRunning(dataDir.resolve("pg"));
      if (running != null) {
        // The running service's server: log in as the owner role with the password kept beside its data.
        DbCredentials creds = DbCredentials.read(dataDir.resolve("pg")).orElseThrow(() ->
            new IllegalStateException("no " + DbCredentials.FILE + " in " + dataDir.resolve("pg")));
        db = new DatabaseConfig("localhost", running, creds.database(), DbCredentials.OWNER_ROLE, creds.ownerPassword());
      } else {
        started = EmbeddedDatabase.start(dataDir.resolve("pg"), 0);
        db = started.config();
      }
    }
    try {
      System.out.println(load(db, n, Instant.now()));
    } finally {
      if (started != null) started.close();
    }
  }

  /** Migrates, loads and analyses; returns the line printed. Used by tests and benchmarks too. */
  public static String load(DatabaseConfig db, long n, Instant now) throws Exception {
    Path config = ConfigDir.resolve();
    OrgTree orgs = OrgUnitsCsv.load(config);
    Taxonomy taxonomy = Taxonomy.loadFrom(config);
    Migrations.migrate(db);
    ReferenceData.sync(db, orgs);
    long t0 = System.nanoTime();
    // Bulk loading drops and rebuilds indexes and skips triggers: the owner role's work, never the application's.
    DatabaseConfig owner = db.migrator();
    try (Connection c = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password())) {
      BulkIndexes indexes = n >= BulkIndexes.THRESHOLD ? BulkIndexes.drop(c) : BulkIndexes.NONE;
      try {
        new TicketLoader(c, orgs, taxonomy).load(n, now, 0.42);
      } finally {
        indexes.restore(c);
      }
      try (var s = c.createStatement()) {
        s.execute("vacuum analyze tickets, ticket_children, ticket_events, sla_deadlines, users");
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    return String.format(Locale.ROOT, "generated %,d tickets in %.1f s into %s", n, took.toMillis() / 1000.0, db);
  }
}
