package cn.hotline12349.core.user;

import cn.hotline12349.core.user.LoginThrottleStore.Count;
import cn.hotline12349.core.user.LoginThrottleStore.Kind;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Back-off for failed logins, per account and per client address, decided before any password is hashed so that
 * guessing costs the attacker time and the server nothing. After {@code free} failures inside the window each further
 * try must wait twice as long as the one before, up to a cap. The counts are rows ({@link LoginThrottleStore}, V160):
 * a restart or another node of the cluster sees the same back-off. The lock after {@link #LOCK_AFTER} failures is on
 * the user row ({@link UserStore}).
 */
public final class LoginThrottle {
  /** Consecutive failures after which an account is locked until an administrator unlocks it. */
  public static final int LOCK_AFTER = 10;
  static final Duration WINDOW = Duration.ofMinutes(15);
  private static final Rule ACCOUNT = new Rule(3, Duration.ofMinutes(5));
  private static final Rule ADDRESS = new Rule(10, Duration.ofMinutes(15));
  private final Pool pool;
  private final Clock clock;
  private final LoginThrottleStore store = new LoginThrottleStore();

  public LoginThrottle(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** How long this try must still wait, or empty if it may go ahead. */
  public Future<Optional<Duration>> waitFor(String username, String addr) {
    Instant now = clock.instant();
    return store.counts(pool, key(username), addr).map(counts -> {
      Duration a = ACCOUNT.wait(counts.get(Kind.ACCOUNT), now);
      Duration b = ADDRESS.wait(counts.get(Kind.ADDRESS), now);
      Duration w = a.compareTo(b) >= 0 ? a : b;
      return w.isZero() ? Optional.<Duration>empty() : Optional.of(w);
    });
  }

  public Future<Void> failed(String username, String addr) {
    Instant now = clock.instant();
    Future<Void> account = store.fail(pool, Kind.ACCOUNT, key(username), now, now.minus(WINDOW));
    return addr == null ? account : account.compose(v -> store.fail(pool, Kind.ADDRESS, addr, now, now.minus(WINDOW)));
  }

  /** A good password (or an administrator's unlock) clears the account's count; the address keeps its own. */
  public Future<Void> succeeded(String username) { return store.clear(pool, Kind.ACCOUNT, key(username)); }

  /** Deletes counts past the window; returns how many. */
  public Future<Integer> purge() { return store.purge(pool, clock.instant().minus(WINDOW)); }

  private static String key(String username) { return username.toLowerCase(Locale.ROOT); }

  /** {@code free} failures within the window cost nothing; then 1, 2, 4 … s after the last one, up to {@code cap}. */
  record Rule(int free, Duration cap) {
    Duration wait(Count c, Instant now) {
      if (c == null || c.failures() < free || c.last().plus(WINDOW).isBefore(now)) return Duration.ZERO;
      Duration backoff = Duration.ofSeconds(1L << Math.min(20, c.failures() - free));
      if (backoff.compareTo(cap) > 0) backoff = cap;
      Duration left = Duration.between(now, c.last().plus(backoff));
      return left.isNegative() ? Duration.ZERO : left;
    }
  }
}
