package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A test's GET /api/events as a plain HTTP client: what it received, and whether the server has ended it. */
final class EventStreamClient {
  private EventStreamClient() {}

  /**
   * Opens the stream of {@code token} (asserting 200); its data lines collect in {@code frames}; the future completes
   * when the stream ends.
   */
  static CompletableFuture<Void> open(RunningApp app, String token, List<String> frames) {
    HttpRequest req = HttpRequest.newBuilder(URI.create(app.base() + "/api/events"))
        .header("Authorization", "Bearer " + token).build();
    HttpResponse<Stream<String>> r = HttpClient.newHttpClient()
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
    }, "test-sse");
    t.setDaemon(true);
    t.start();
    return ended;
  }
}
