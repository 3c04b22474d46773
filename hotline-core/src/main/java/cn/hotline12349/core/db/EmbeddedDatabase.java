package cn.hotline12349.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 server started from the zonky bundle, keeping its data in a directory across restarts. As root,
 * zonky itself starts the binaries through {@code unshare -U}, since PostgreSQL refuses to run as root.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) { this.postgres = postgres; }

  /** Starts (initialising on first use) a server on {@code dataDir}; {@code port} 0 picks a free one. */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("max_connections", "200")
          .setServerConfig("unix_socket_directories", "")
          .setLocaleConfig("locale", "C.UTF-8")
          .setLocaleConfig("encoding", "UTF8");
      if (port > 0) builder.setPort(port);
      EmbeddedPostgres pg = builder.start();
      log.info("embedded PostgreSQL started on port {} with data in {}", pg.getPort(), dataDir);
      return new EmbeddedDatabase(pg);
    } catch (IOException e) {
      throw new IllegalStateException("could not start embedded PostgreSQL in " + dataDir, e);
    }
  }

  public DatabaseConfig config() {
    return new DatabaseConfig("localhost", postgres.getPort(), "postgres", "postgres", "postgres");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
