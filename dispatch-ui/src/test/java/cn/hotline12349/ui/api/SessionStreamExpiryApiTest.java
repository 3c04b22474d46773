package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
    CompletableFuture<Void> ended = EventStreamClient.open(app, token, new ArrayList<>());
    Thread.sleep(6_000); // one sweep while the session is live: the stream stays open
    assertThat(ended).isNotDone();
    CLOCK.advance(Duration.ofMinutes(481)); // past the default 480-minute session
    ended.get(15, TimeUnit.SECONDS);
    assertThat(app.send("GET", "/api/events", token, null).status()).isEqualTo(401);
  }
}
