package cn.hotline12349.core.user;

import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.HexFormat;

/** Users, password checks and sessions. Hashing is slow by design, so it runs on a worker thread. */
public final class UserService {
  private static final SecureRandom random = new SecureRandom();
  private final Vertx vertx;
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;
  private final Duration sessionLength;
  private final UserStore store = new UserStore();
  private final LoginThrottle throttle;
  /** Password hashes running now; more tries than this at once are turned away before hashing. */
  public static final int MAX_HASHING = 8;
  private final java.util.concurrent.atomic.AtomicInteger hashing = new java.util.concurrent.atomic.AtomicInteger();

  public UserService(Vertx vertx, Pool pool, OrgTree orgs, Clock clock, Duration sessionLength) {
    this.vertx = vertx;
    this.pool = pool;
    this.orgs = orgs;
    this.clock = clock;
    this.sessionLength = sessionLength;
    this.throttle = new LoginThrottle(clock);
  }

  public Future<User> create(String username, String password, String displayName, Role role, String orgCode) {
    if (orgs.get(orgCode).tier() != role.tier()) {
      return Future.failedFuture(new IllegalArgumentException(role + " belongs at " + role.tier() + " level"));
    }
    return vertx.executeBlocking(() -> Passwords.hash(password))
        .compose(hash -> store.insert(pool, username, hash, displayName, role, orgCode))
        .map(id -> new User(id, username, displayName, role, orgCode));
  }

  /** A new session token when the password matches an active user; an empty result otherwise. */
  public Future<LoginResult> login(String username, String password) {
    return attempt(username, password, null)
        .map(o -> o instanceof LoginOutcome.Success s ? s.result() : null);
  }

  /**
   * One login try from {@code address} (null when unknown). Throttled and locked tries are refused before any
   * password is hashed; at most {@link #MAX_HASHING} hashes run at once, so floods of tries cannot take the workers.
   * Every outcome is audited (username as typed, never the password).
   */
  public Future<LoginOutcome> attempt(String username, String password, String address) {
    String who = username.length() > 64 ? username.substring(0, 64) : username;
    String from = address == null ? null : "from " + address;
    var wait = throttle.waitFor(who, address);
    if (wait.isPresent()) {
      return securityAudit(null, who, "login-throttled", from).map(new LoginOutcome.Throttled(wait.get()));
    }
    return pool.preparedQuery("select id, username, display_name, role, org_code, password_hash, locked_at from users "
            + "where username = $1 and active").execute(Tuple.of(who))
        .compose(rows -> {
          Row r = rows.size() == 0 ? null : rows.iterator().next();
          if (r != null && r.getValue(6) != null) {
            return securityAudit(r.getLong(0), who, "login-locked", from).map(new LoginOutcome.Locked());
          }
          if (hashing.incrementAndGet() > MAX_HASHING) {
            hashing.decrementAndGet();
            return Future.succeededFuture(new LoginOutcome.Throttled(Duration.ofSeconds(1)));
          }
          return vertx.executeBlocking(() -> Passwords.matches(password, r == null ? Dummy.HASH : r.getString(5)), false)
              .eventually(() -> {
                hashing.decrementAndGet();
                return Future.succeededFuture();
              })
              .compose(ok -> ok && r != null ? succeeded(user(r), from) : failed(r, who, address, from));
        });
  }

  private Future<LoginOutcome> succeeded(User user, String from) {
    throttle.succeeded(user.username());
    return pool.preparedQuery("update users set failed_logins = 0 where id = $1").execute(Tuple.of(user.id()))
        .compose(v -> securityAudit(user.id(), user.username(), "login", from))
        .compose(v -> startSession(user))
        .map(LoginOutcome.Success::new);
  }

  private Future<LoginOutcome> failed(Row r, String who, String address, String from) {
    throttle.failed(who, address);
    if (r == null) return securityAudit(null, who, "login-failed", from).map(new LoginOutcome.BadCredentials());
    return pool.preparedQuery("""
            update users set failed_logins = failed_logins + 1,
              locked_at = case when failed_logins + 1 >= $2 then $3 else locked_at end
            where id = $1 returning locked_at""")
        .execute(Tuple.of(r.getLong(0), LoginThrottle.LOCK_AFTER, clock.instant().atOffset(ZoneOffset.UTC)))
        .compose(rows -> {
          boolean locked = rows.iterator().next().getValue(0) != null;
          return securityAudit(r.getLong(0), who, "login-failed", from)
              .compose(v -> locked ? securityAudit(r.getLong(0), who, "account-locked", from) : Future.succeededFuture())
              .map(locked ? new LoginOutcome.Locked() : new LoginOutcome.BadCredentials());
        });
  }

  /** Lifts a lock and the back-off of {@code username}; false when there is no such user. Audited as the admin. */
  public Future<Boolean> unlock(User admin, String username) {
    return pool.preparedQuery("update users set locked_at = null, failed_logins = 0 where username = $1 returning id")
        .execute(Tuple.of(username))
        .compose(rows -> {
          if (rows.size() == 0) return Future.succeededFuture(false);
          throttle.succeeded(username);
          return securityAudit(admin.id(), admin.username(), "account-unlocked", "user " + username).map(true);
        });
  }

  /** Whether {@code username} is locked now (for the admin's user list and tests). */
  public Future<Boolean> locked(String username) {
    return pool.preparedQuery("select locked_at from users where username = $1").execute(Tuple.of(username))
        .map(rows -> rows.size() > 0 && rows.iterator().next().getValue(0) != null);
  }

  private Future<Void> securityAudit(Long userId, String username, String action, String detail) {
    return pool.preparedQuery("insert into audit_log (at, user_id, username, action, detail) values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC), userId, username, action, detail)).mapEmpty();
  }

  private static User user(Row r) {
    return new User(r.getLong(0), r.getString(1), r.getString(2), Role.valueOf(r.getString(3)), r.getString(4));
  }

  /** Hashed once, off the event loop, on the first login of an unknown user: equalises the time of both answers. */
  private static final class Dummy {
    static final String HASH = Passwords.hash("timing-equaliser");
  }

  private Future<LoginResult> startSession(User user) {
    String token = randomToken();
    String csrf = randomToken();
    Instant now = clock.instant();
    Instant expires = now.plus(sessionLength);
    return store.insertSession(pool, sha256(token), user.id(), csrf, now, expires)
        .map(v -> new LoginResult(token, new Session(user, csrf, expires)));
  }

  /** The live session of a token, or null when it is unknown or expired. */
  public Future<Session> authenticate(String token) {
    return store.liveSession(pool, sha256(token), clock.instant());
  }

  /** Deletes sessions that expired before now; returns how many. */
  public Future<Integer> purgeExpiredSessions() {
    return pool.preparedQuery("delete from sessions where expires_at < $1")
        .execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC))).map(r -> r.rowCount());
  }

  public Future<Void> logout(String token) {
    return store.deleteSession(pool, sha256(token));
  }

  /** The user of that name (active or not: past actions stay theirs), or null when there is none. */
  public Future<User> find(String username) {
    return store.find(pool, username);
  }

  /** The active county handlers of one county, by display name: whom a supervisor may assign a ticket to. */
  public Future<List<User>> handlersOf(String countyCode) {
    return store.handlersOf(pool, countyCode);
  }

  public Future<Boolean> exists(String username) {
    return store.exists(pool, username);
  }

  private static String randomToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public record LoginResult(String token, Session session) {}
}
