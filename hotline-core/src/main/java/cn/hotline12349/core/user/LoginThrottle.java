package cn.hotline12349.core.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Back-off for failed logins, per account and per client address, decided before any password is hashed so that
 * guessing costs the attacker time and the server nothing. After {@code free} failures inside the window each further
 * try must wait twice as long as the one before, up to a cap. Kept in memory: a restart forgets the back-off, not the
 * lock (that is on the user row, {@link UserService}).
 */
public final class LoginThrottle {
  /** Consecutive failures after which an account is locked until an administrator unlocks it. */
  public static final int LOCK_AFTER = 10;
  private static final Duration WINDOW = Duration.ofMinutes(15);
  private static final int MAX_KEYS = 50_000;
  private final Clock clock;
  private final Rule account = new Rule(3, Duration.ofMinutes(5));
  private final Rule address = new Rule(10, Duration.ofMinutes(15));

  public LoginThrottle(Clock clock) { this.clock = clock; }

  /** How long this try must still wait, or empty if it may go ahead. */
  public Optional<Duration> waitFor(String username, String addr) {
    Instant now = clock.instant();
    Duration a = account.wait(key(username), now);
    Duration b = address.wait(addr, now);
    Duration w = a.compareTo(b) >= 0 ? a : b;
    return w.isZero() ? Optional.empty() : Optional.of(w);
  }

  public void failed(String username, String addr) {
    Instant now = clock.instant();
    account.fail(key(username), now);
    address.fail(addr, now);
  }

  public void succeeded(String username) { account.counts.remove(key(username)); }

  private static String key(String username) { return username.toLowerCase(java.util.Locale.ROOT); }

  private record Count(int failures, Instant last) {}

  private static final class Rule {
    final int free;
    final Duration cap;
    final Map<String, Count> counts = new ConcurrentHashMap<>();

    Rule(int free, Duration cap) {
      this.free = free;
      this.cap = cap;
    }

    Duration wait(String key, Instant now) {
      Count c = key == null ? null : counts.get(key);
      if (c == null || c.failures() < free || c.last().plus(WINDOW).isBefore(now)) return Duration.ZERO;
      Duration backoff = Duration.ofSeconds(1L << Math.min(20, c.failures() - free));
      if (backoff.compareTo(cap) > 0) backoff = cap;
      Duration left = Duration.between(now, c.last().plus(backoff));
      return left.isNegative() ? Duration.ZERO : left;
    }

    void fail(String key, Instant now) {
      if (key == null) return;
      if (counts.size() > MAX_KEYS) counts.values().removeIf(c -> c.last().plus(WINDOW).isBefore(now));
      counts.merge(key, new Count(1, now), (old, one) -> old.last().plus(WINDOW).isBefore(now)
          ? one : new Count(old.failures() + 1, now));
    }
  }
}
