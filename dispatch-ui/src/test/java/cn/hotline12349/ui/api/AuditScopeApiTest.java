package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Findings of the pre-go-live security audit (docs/security.md "Audit of the routes"), each proven in the running system. */
class AuditScopeApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @Test
  void theCallerHistoryShowsOnlyCallsRoutedToTheReadersPrefecture() throws Exception {
    String number = "13909719876";
    try (Connection c = app.db.jdbc(); PreparedStatement ps = c.prepareStatement(
        "insert into calls (linkedid, caller_number, caller_number_norm, prefecture_code, started_at) values (?, ?, ?, ?, now())")) {
      for (String[] call : List.of(new String[] {"audit-xining.1", "630100"}, new String[] {"audit-haixi.1", "632800"})) {
        ps.setString(1, call[0]);
        ps.setString(2, number);
        ps.setString(3, number);
        ps.setString(4, call[1]);
        ps.executeUpdate();
      }
    }
    assertThat(callsSeenBy("op-xining", number)).containsExactly("audit-xining.1");
    assertThat(callsSeenBy("op-haixi", number)).containsExactly("audit-haixi.1");
  }

  private static List<String> callsSeenBy(String user, String number) {
    RunningApp.Response r = app.post(user, "/api/intake/caller-history", new JsonObject().put("number", number));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonArray calls = r.json().getJsonArray("calls");
    return calls.stream().map(c -> ((JsonObject) c).getString("linkedid")).toList();
  }

  @Test
  void aLoggedOutSessionsEventStreamClosesAndCarriesNothingMore() throws Exception {
    String gone = freshLogin("sup-xining");
    String kept = freshLogin("sup-xining");
    List<String> goneFrames = new CopyOnWriteArrayList<>();
    List<String> keptFrames = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> goneEnded = stream(gone, goneFrames);
    stream(kept, keptFrames);
    RunningApp.Response out = app.send("POST", "/api/logout", gone, "");
    assertThat(out.status()).as(out.body()).isEqualTo(204);
    goneEnded.get(10, TimeUnit.SECONDS); // the stream of the logged-out session is closed by the server
    int before = goneFrames.size();
    long id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")).json().getLong("id");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (keptFrames.stream().noneMatch(f -> f.contains("\"ticketId\":" + id)) && System.nanoTime() < until) Thread.sleep(50);
    assertThat(keptFrames).as("the other session's stream still gets the news").anyMatch(f -> f.contains("\"ticketId\":" + id));
    assertThat(goneFrames).hasSize(before).noneMatch(f -> f.contains("\"ticketId\":" + id));
    assertThat(app.send("GET", "/api/events", gone, null).status()).as("a reconnect").isEqualTo(401);
  }

  private static String freshLogin(String user) {
    RunningApp.Response r = app.sendWith("POST", "/api/login",
        new JsonObject().put("username", user).put("password", RunningApp.PASSWORD).encode(), Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getString("token");
  }

  /** Opens /api/events with {@code token}; data lines collect in {@code frames}; the future completes when it ends. */
  private static CompletableFuture<Void> stream(String token, List<String> frames) {
    HttpRequest req = HttpRequest.newBuilder(URI.create(app.base() + "/api/events"))
        .header("Authorization", "Bearer " + token).build();
    HttpResponse<java.util.stream.Stream<String>> r = HttpClient.newHttpClient()
        .sendAsync(req, HttpResponse.BodyHandlers.ofLines()).orTimeout(10, TimeUnit.SECONDS).join();
    assertThat(r.statusCode()).isEqualTo(200);
    CompletableFuture<Void> ended = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        r.body().filter(l -> l.startsWith("data: ")).forEach(frames::add);
      } catch (RuntimeException e) {
        // a reset connection ends the stream with an I/O error: ended all the same
      }
      ended.complete(null);
    }, "audit-sse");
    t.setDaemon(true);
    t.start();
    return ended;
  }
}
