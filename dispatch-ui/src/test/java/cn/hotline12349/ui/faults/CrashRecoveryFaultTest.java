package cn.hotline12349.ui.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of the server in the middle of a burst of ticket creates: the restart comes up by itself (the orphaned
 * PostgreSQL is stopped, not waited on) and every acknowledged ticket is there exactly once. docs/RELIABILITY.md.
 */
@Tag("fault")
@Timeout(300)
class CrashRecoveryFaultTest {
  static final int CLIENTS = 4;

  @Test
  void killDashNineMidBurstLosesNothingAndRestartsByItself() throws Exception {
    Path dir = Files.createTempDirectory("hotline-crash");
    int port = ChildServer.freePort();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> sent = ConcurrentHashMap.newKeySet();
    long orphanPid;
    try (ChildServer first = ChildServer.start(dir, port, Map.of())) {
      first.awaitUp(Duration.ofSeconds(150));
      String token = first.login("op-xining");
      AtomicBoolean go = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        pool.submit(() -> {
          for (int i = 0; go.get(); i++) {
            String marker = "crash-" + client + "-" + i;
            sent.add(marker);
            try {
              HttpResponse<String> r = first.send("POST", "/api/tickets", token, ticket(marker).encode(), Map.of());
              if (r.statusCode() == 201) acknowledged.add(marker);
            } catch (Exception e) {
              return; // the server is gone
            }
          }
        });
      }
      while (acknowledged.size() < 150 * Integer.getInteger("faults.scale", 1)) Thread.sleep(20);
      orphanPid = Long.parseLong(Files.readAllLines(dir.resolve("pg/postmaster.pid")).get(0).trim());
      first.kill();
      go.set(false);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("kill -9 leaves PostgreSQL running")
        .contains(true);

    try (ChildServer second = ChildServer.start(dir, port, Map.of())) {
      Duration upIn = second.awaitUp(Duration.ofSeconds(90));
      assertThat(upIn).as("restart after the crash, by itself").isLessThan(Duration.ofSeconds(60));
      Map<String, Integer> stored = new HashMap<>();
      try (Connection c = ChildServer.ownerConnection(dir);
           ResultSet rs = c.createStatement().executeQuery(
               "select narrative, count(*) from tickets where narrative like 'crash-%' group by narrative")) {
        while (rs.next()) stored.put(rs.getString(1), rs.getInt(2));
      }
      System.out.printf("crash fault: sent %d, acknowledged %d, stored %d, restart in %d ms%n",
          sent.size(), acknowledged.size(), stored.size(), upIn.toMillis());
      assertThat(stored.keySet()).as("every acknowledged ticket survives").containsAll(acknowledged);
      assertThat(stored.values()).as("none twice").allMatch(n -> n == 1);
      assertThat(sent).containsAll(stored.keySet());
      assertThat(second.send("GET", "/api/tickets?size=1", second.login("prov"), null, Map.of()).statusCode())
          .isEqualTo(200);
    }
  }

  static JsonObject ticket(String narrative) {
    return new JsonObject()
        .put("callerNumber", "13897012345").put("callerRelation", "邻居")
        .put("children", new JsonArray().add(new JsonObject().put("name", "小红").put("age", 7).put("gender", "FEMALE")
            .put("countyCode", "630102").put("address", "某小区")))
        .put("category", "VIOLATION").put("subcategory", "PHYSICAL_ABUSE").put("severity", "HIGH")
        .put("narrative", narrative);
  }
}
