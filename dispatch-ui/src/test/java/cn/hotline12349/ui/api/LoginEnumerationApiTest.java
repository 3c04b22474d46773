package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.MutableClock;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Logins are no account-enumeration oracle: an existing account and an unknown name get the same answers through a
 * run of wrong passwords, the lock included, and a locked account's answer costs the same password hash.
 */
class LoginEnumerationApiTest {
  static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

  @RegisterExtension
  static final RunningApp app = RunningApp.perClass().clock(CLOCK);

  private static RunningApp.Response login(String user, String password) {
    return app.sendWith("POST", "/api/login",
        new JsonObject().put("username", user).put("password", password).encode(), Map.of());
  }

  /** Status and body of each of 12 wrong tries, 16 minutes apart (past every back-off and address window). */
  private static List<String> wrongTries(String user) {
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      CLOCK.advance(Duration.ofMinutes(16));
      RunningApp.Response r = login(user, "guess-" + i);
      answers.add(r.status() + " " + r.body());
    }
    return answers;
  }

  @Test
  void anExistingAccountAndAnUnknownNameAnswerAlikeThroughTheLock() {
    List<String> real = wrongTries("h-golmud");
    List<String> unknown = wrongTries("h-nobody-here");
    assertThat(real).isEqualTo(unknown.stream().map(a -> a.replace("h-nobody-here", "h-golmud")).toList());
    CLOCK.advance(Duration.ofMinutes(16));
    RunningApp.Response locked = login("h-golmud", RunningApp.PASSWORD);
    CLOCK.advance(Duration.ofMinutes(16));
    RunningApp.Response none = login("h-nobody-here", RunningApp.PASSWORD);
    assertThat(locked.status()).as("locked, even with the right password").isEqualTo(none.status()).isEqualTo(401);
    assertThat(locked.body()).isEqualTo(none.body());
    assertThat(app.get("admin", "/api/admin/users/h-golmud/lock").json().getBoolean("locked"))
        .as("the account is locked all the same").isTrue();
  }

  @Test
  void aLockedAccountsAnswerTakesAPasswordHashLikeAnUnknownNames() {
    for (int i = 0; i < 10; i++) {
      CLOCK.advance(Duration.ofMinutes(16));
      login("h-yushu", "lock-me-" + i);
    }
    long locked = Long.MAX_VALUE;
    long unknown = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) { // the fastest of five: the hash's cost, not the machine's noise
      CLOCK.advance(Duration.ofMinutes(16));
      long t0 = System.nanoTime();
      assertThat(login("h-yushu", "x").status()).isEqualTo(401);
      locked = Math.min(locked, System.nanoTime() - t0);
      CLOCK.advance(Duration.ofMinutes(16));
      t0 = System.nanoTime();
      assertThat(login("h-nobody-" + i, "x").status()).isEqualTo(401);
      unknown = Math.min(unknown, System.nanoTime() - t0);
    }
    assertThat(locked).as("locked %d ms, unknown %d ms", locked / 1_000_000, unknown / 1_000_000).isGreaterThan(unknown / 3);
  }
}
