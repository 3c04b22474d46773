package cn.hotline12349.ui.faults;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.db.Durability;
import cn.hotline12349.core.db.EmbeddedDatabase;
import cn.hotline12349.core.db.Pools;
import cn.hotline12349.ui.api.RunningApp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL killed under load (kill -9 of the postmaster): the API answers 503 with Retry-After, never 500, /ready
 * turns false, the supervisor brings the server back with no manual step, and every acknowledged ticket is there
 * exactly once. Pool exhaustion answers 503 with Retry-After within the bounded wait. docs/RELIABILITY.md.
 */
@Tag("fault")
@Timeout(240)
class DatabaseOutageFaultTest {

  @Test
  void postgresKilledUnderLoadThenBackByItselfWithNothingLost() throws Exception {
    EmbeddedDatabase pg = EmbeddedDatabase.start(Files.createTempDirectory("hotline-outage").resolve("pg"), 0,
        Durability.UNSAFE_NO_FSYNC);
    try (pg; RunningApp app = RunningApp.start(pg.config())) {
      String token = app.login("op-xining");
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      AtomicLong slowest503 = new AtomicLong();
      AtomicBoolean go = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(4);
      for (int c = 0; c < 4; c++) {
        int client = c;
        clients.submit(() -> {
          for (int i = 0; go.get(); i++) {
            String marker = "outage-" + client + "-" + i;
            long t0 = System.nanoTime();
            RunningApp.Response r = app.sendWith("POST", "/api/tickets",
                CrashRecoveryFaultTest.ticket(marker).encode(), Map.of("Authorization", "Bearer " + token));
            statuses.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
            if (r.status() == 201) acknowledged.add(marker);
            if (r.status() == 503) {
              slowest503.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                return;
              }
            }
          }
        });
      }
      while (acknowledged.size() < 50) Thread.sleep(20);
      int beforeKill = acknowledged.size();
      long pid = pg.pid();
      new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
      boolean sawNotReady = false;
      Instant until = Instant.now().plusSeconds(60);
      while (pg.restarts() == 0 && Instant.now().isBefore(until)) {
        if (SecurityProbe.status(app, "/ready") == 503) sawNotReady = true;
        Thread.sleep(50);
      }
      assertThat(pg.restarts()).as("the supervisor restarted PostgreSQL").isEqualTo(1);
      int afterRestart = acknowledged.size();
      Instant recovered = Instant.now().plusSeconds(30);
      while (acknowledged.size() < afterRestart + 50 && Instant.now().isBefore(recovered)) Thread.sleep(20);
      go.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      assertThat(acknowledged.size()).as("creates succeed again after the restart").isGreaterThanOrEqualTo(afterRestart + 50);
      assertThat(SecurityProbe.status(app, "/ready")).isEqualTo(200);

      Map<String, Integer> stored = stored(pg, "outage-%");
      System.out.printf("db outage: statuses %s, acknowledged %d (%d before the kill), stored %d, slowest 503 %d ms, "
          + "not-ready seen %s%n", statuses, acknowledged.size(), beforeKill, stored.size(), slowest503.get(), sawNotReady);
      assertThat(statuses.keySet()).as("only 201 and 503, never 500").isSubsetOf(Set.of(201, 503));
      assertThat(statuses.get(503)).as("the outage was seen").isNotNull();
      assertThat(slowest503.get()).as("503 answered quickly").isLessThan(5_000);
      assertThat(sawNotReady).as("/ready said false while the database was down").isTrue();
      assertThat(stored.keySet()).containsAll(acknowledged);
      assertThat(stored.values()).allMatch(n -> n == 1);

      // Pool exhaustion: every connection held, a request waits the bounded time and gets 503 with Retry-After.
      String prov = app.login("prov");
      List<SqlConnection> held = new ArrayList<>();
      try {
        for (int i = 0; i < 16; i++) held.add(app.app.services().pool().getConnection().await());
        long t0 = System.nanoTime();
        RunningApp.Response busy = app.get("prov", "/api/tickets?size=1");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.contentType()).startsWith("application/problem+json");
        assertThat(ms).as("bounded wait, not a time-out").isBetween(Pools.WAIT_SECONDS * 1000L - 500, Pools.WAIT_SECONDS * 1000L + 5_000);
        assertThat(SecurityProbe.header(app, "/api/tickets?size=1", prov, "Retry-After")).isEqualTo("5");
      } finally {
        held.forEach(SqlConnection::close);
      }
      assertThat(app.get("prov", "/api/tickets?size=1").status()).isEqualTo(200);
    }
  }

  static Map<String, Integer> stored(EmbeddedDatabase pg, String like) throws Exception {
    var owner = pg.config().migrator();
    Map<String, Integer> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password());
         var ps = c.prepareStatement("select narrative, count(*) from tickets where narrative like ? group by narrative")) {
      ps.setString(1, like);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }
}
