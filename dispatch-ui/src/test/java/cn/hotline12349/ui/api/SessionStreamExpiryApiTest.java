package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An open event stream does not outlive its session's expiry (it was authenticated only when it opened). */
class SessionStreamExpiryApiTest {
  static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

  @RegisterExtension
  static final RunningApp app = RunningApp.perClass().clock(CLOCK);

  @Test
  void theStreamClosesOnceItsSessionHasExpired() throws Exception {
    String token = app.login("h-chengdong");
    HttpRequest req = HttpRequest.newBuilder(URI.create(app.base() + "/api/events"))
        .header("Authorization", "Bearer " + token).build();
    HttpResponse<java.util.stream.Stream<String>> r = HttpClient.newHttpClient()
        .sendAsync(req, HttpResponse.BodyHandlers.ofLines()).orTimeout(10, TimeUnit.SECONDS).join();
    assertThat(r.statusCode()).isEqualTo(200);
    CompletableFuture<Void> ended = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        r.body().forEach(l -> { });
      } catch (RuntimeException e) {
        // a reset connection ends the stream with an I/O error
      }
      ended.complete(null);
    }, "expiry-sse");
    t.setDaemon(true);
    t.start();
    Thread.sleep(6_000); // one sweep while the session is live: the stream stays open
    assertThat(ended).isNotDone();
    CLOCK.advance(Duration.ofMinutes(481)); // past the default 480-minute session
    ended.get(15, TimeUnit.SECONDS);
    assertThat(app.send("GET", "/api/events", token, null).status()).isEqualTo(401);
  }
}
