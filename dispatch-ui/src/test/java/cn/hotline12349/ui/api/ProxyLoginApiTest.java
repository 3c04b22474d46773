package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.MutableClock;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind the TLS proxy every connection comes from the proxy: one guesser must not make every user's login wait
 * (the per-address back-off takes the client the trusted proxy names).
 */
class ProxyLoginApiTest {
  static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

  @RegisterExtension
  static final RunningApp app = RunningApp.perClass().clock(CLOCK)
      .env(Map.of("HOTLINE_TRUSTED_PROXIES", "127.0.0.1,0:0:0:0:0:0:0:1"));

  private static int login(String user, String password, String client) {
    return app.sendWith("POST", "/api/login", new JsonObject().put("username", user).put("password", password).encode(),
        Map.of("X-Forwarded-For", client)).status();
  }

  @Test
  void oneGuessingClientBehindTheProxyDoesNotSlowDownTheOthers() {
    int last = 0;
    for (int i = 0; i < 11; i++) last = login("no-such-user-" + i, "pw", "203.0.113.7");
    assertThat(last).as("the guesser's 11th failure within 15 min").isEqualTo(429);
    assertThat(login("op-xining", RunningApp.PASSWORD, "203.0.113.8")).as("another client through the same proxy")
        .isEqualTo(200);
    assertThat(login("op-haixi", RunningApp.PASSWORD, "203.0.113.7")).as("the guesser itself still waits").isEqualTo(429);
  }
}
