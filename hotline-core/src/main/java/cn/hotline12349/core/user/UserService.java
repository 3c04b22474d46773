package cn.hotline12349.core.user;

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

/** Users, password checks and sessions. Hashing is slow by design, so it runs on a worker thread. */
public final class UserService {
  private static final SecureRandom random = new SecureRandom();
  private final Vertx vertx;
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;
  private final Duration sessionLength;
  private final UserStore store = new UserStore();

  public UserService(Vertx vertx, Pool pool, OrgTree orgs, Clock clock, Duration sessionLength) {
    this.vertx = vertx;
    this.pool = pool;
    this.orgs = orgs;
    this.clock = clock;
    this.sessionLength = sessionLength;
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
    return store.activeWithHash(pool, username)
        .compose(u -> {
          String stored = u == null ? Passwords.hash("timing-equaliser") : u.passwordHash();
          return vertx.executeBlocking(() -> Passwords.matches(password, stored))
              .compose(ok -> ok && u != null ? startSession(u.user()) : Future.succeededFuture(null));
        });
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
