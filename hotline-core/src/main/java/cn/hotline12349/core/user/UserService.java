package cn.hotline12349.core.user;

import cn.hotline12349.core.audit.AuditTrail;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.HexFormat;

/**
 * Users, password checks and sessions. Hashing is slow by design, so it runs on a worker thread. SQL lives in the
 * stores ({@link UserStore}, {@link LoginThrottleStore}); security events go to the audit ({@link AuditTrail}).
 */
public final class UserService {
  private static final SecureRandom random = new SecureRandom();
  private final Vertx vertx;
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;
  private final Duration sessionLength;
  private final UserStore store = new UserStore();
  private final LoginThrottle throttle;
  private final AuditTrail audit;
  /** Password hashes running now; more tries than this at once are turned away before hashing. */
  public static final int MAX_HASHING = 8;
  private final java.util.concurrent.atomic.AtomicInteger hashing = new java.util.concurrent.atomic.AtomicInteger();

  public UserService(Vertx vertx, Pool pool, OrgTree orgs, Clock clock, Duration sessionLength) {
    this.vertx = vertx;
    this.pool = pool;
    this.orgs = orgs;
    this.clock = clock;
    this.sessionLength = sessionLength;
    this.throttle = new LoginThrottle(pool, clock);
    this.audit = new AuditTrail(pool, clock);
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
   * One login try from {@code address} (null when unknown). Throttled tries are refused before any password is hashed
   * (a locked account's tries are hashed, for an equal time); at most {@link #MAX_HASHING} hashes run at once, so floods of tries cannot take the workers.
   * Every outcome is audited (username as typed, never the password).
   */
  public Future<LoginOutcome> attempt(String username, String password, String address) {
    String who = username.length() > 64 ? username.substring(0, 64) : username;
    String from = address == null ? null : "from " + address;
    return throttle.waitFor(who, address).compose(wait -> wait.isPresent()
        ? securityAudit(null, who, "login-throttled", from).map(new LoginOutcome.Throttled(wait.get()))
        : store.activeWithHash(pool, who).compose(u -> check(u, who, password, address, from)));
  }

  private Future<LoginOutcome> check(UserStore.WithHash u, String who, String password, String address, String from) {
    if (hashing.incrementAndGet() > MAX_HASHING) {
      hashing.decrementAndGet();
      return Future.succeededFuture(new LoginOutcome.Throttled(Duration.ofSeconds(1)));
    }
    // A locked account's try is hashed too: answered at once it would take less time than an unknown user's, and the
    // difference would tell which names exist (the answer itself is the same, SessionRoutes).
    return vertx.executeBlocking(() -> Passwords.matches(password, u == null ? Dummy.HASH : u.passwordHash()), false)
        .eventually(() -> {
          hashing.decrementAndGet();
          return Future.succeededFuture();
        })
        .compose(ok -> u != null && u.locked()
            ? throttle.failed(who, address).compose(v -> securityAudit(u.user().id(), who, "login-locked", from))
                .map(new LoginOutcome.Locked()) // counted like any failure: the back-off, too, must not differ
            : ok && u != null ? succeeded(u.user(), from) : failed(u == null ? null : u.user(), who, address, from));
  }

  private Future<LoginOutcome> succeeded(User user, String from) {
    return throttle.succeeded(user.username())
        .compose(v -> store.resetFailures(pool, user.id()))
        .compose(v -> securityAudit(user.id(), user.username(), "login", from))
        .compose(v -> startSession(user))
        .map(LoginOutcome.Success::new);
  }

  private Future<LoginOutcome> failed(User user, String who, String address, String from) {
    Future<Void> counted = throttle.failed(who, address);
    if (user == null) {
      return counted.compose(v -> securityAudit(null, who, "login-failed", from)).map(new LoginOutcome.BadCredentials());
    }
    return counted.compose(v -> store.recordFailure(pool, user.id(), LoginThrottle.LOCK_AFTER, clock.instant()))
        .compose(locked -> securityAudit(user.id(), who, "login-failed", from)
            .compose(v -> locked ? securityAudit(user.id(), who, "account-locked", from) : Future.succeededFuture())
            .map(locked ? new LoginOutcome.Locked() : new LoginOutcome.BadCredentials()));
  }

  /** Lifts a lock and the back-off of {@code username}; false when there is no such user. Audited as the admin. */
  public Future<Boolean> unlock(User admin, String username) {
    return store.unlock(pool, username).compose(found -> !found ? Future.succeededFuture(false)
        : throttle.succeeded(username)
            .compose(v -> securityAudit(admin.id(), admin.username(), "account-unlocked", "user " + username))
            .map(true));
  }

  /** Whether {@code username} is locked now (for the admin's user list and tests). */
  public Future<Boolean> locked(String username) {
    return store.locked(pool, username);
  }

  private Future<Void> securityAudit(Long userId, String username, String action, String detail) {
    return audit.record(userId, username, action, null, detail);
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

  /** Deletes sessions that expired before now (and login-failure counts past their window); returns the sessions. */
  public Future<Integer> purgeExpiredSessions() {
    return store.purgeSessions(pool, clock.instant()).compose(n -> throttle.purge().map(n));
  }

  public Future<Void> logout(String token) {
    return store.deleteSession(pool, sha256(token));
  }

  /** The user of that name (active or not: past actions stay theirs), or null when there is none. */
  public Future<User> find(String username) {
    return store.find(pool, username);
  }

  /** The active county handlers of one county, by display name: whom a supervisor may assign a ticket to. */
  /** A page of the active county handlers of an org unit's subtree, by login name (the caller checks the scope). */
  public Future<List<User>> handlersUnder(String code, String afterUsername, int limit) {
    return store.handlersUnder(pool, code, afterUsername, limit);
  }

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
