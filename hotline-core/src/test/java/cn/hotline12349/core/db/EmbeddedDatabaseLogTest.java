package cn.hotline12349.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded server's own log keeps no personal data: a failing row's values are not written with its error. */
@Timeout(300)
class EmbeddedDatabaseLogTest {

  @Test
  void aConstraintErrorDoesNotWriteTheFailingRowToTheServerLog() throws Exception {
    Path dir = Files.createTempDirectory("hotline-edb-log").resolve("pg");
    String name = "王审计" + System.nanoTime();
    String number = "13987654321";
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0, Durability.UNSAFE_NO_FSYNC)) {
      DatabaseConfig app = db.config();
      try (Connection c = DriverManager.getConnection(app.jdbcUrl(), app.user(), app.password());
           Statement s = c.createStatement()) {
        s.execute("create temp table kids (name text unique, number text check (length(number) < 5))");
        try (PreparedStatement p = c.prepareStatement("insert into kids values (?, ?)")) {
          p.setString(1, name);
          p.setString(2, number);
          assertThatThrownBy(p::executeUpdate).isInstanceOf(SQLException.class).hasMessageContaining("check constraint");
        }
      }
      String log = serverLog(dir);
      for (int i = 0; i < 50 && !log.contains("violates check constraint"); i++) { // the log collector writes on its own
        Thread.sleep(100);
        log = serverLog(dir);
      }
      assertThat(log).as("the error itself is logged").contains("violates check constraint");
      assertThat(log).doesNotContain(name).doesNotContain(number).doesNotContain("Failing row");
    }
  }

  private static String serverLog(Path dir) throws Exception {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dir.resolve("log"))) {
      for (Path f : files.toList()) all.append(Files.readString(f, StandardCharsets.UTF_8));
    }
    return all.toString();
  }
}
