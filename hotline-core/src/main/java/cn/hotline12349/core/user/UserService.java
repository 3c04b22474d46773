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
import java.util.ArrayList;
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
        .compose(hash -> pool.preparedQuery("""
            insert into users (username, password_hash, display_name, role, org_code) values ($1, $2, $3, $4, $5)
            returning id""").execute(Tuple.of(username, hash, displayName, role.name(), orgCode)))
        .map(rows -> new User(rows.iterator().next().getLong(0), username, displayName, role, orgCode));
  }

  /** A new session token when the password matches an active user; an empty result otherwise. */
  public Future<LoginResult> login(String username, String password) {
    return pool.preparedQuery("select id, username, display_name, role, org_code, password_hash from users "
            + "where username = $1 and active").execute(Tuple.of(username))
        .compose(rows -> {
          Row r = rows.size() == 0 ? null : rows.iterator().next();
          String stored = r == null ? Passwords.hash("timing-equaliser") : r.getString(5);
          return vertx.executeBlocking(() -> Passwords.matches(password, stored))
              .compose(ok -> ok && r != null ? startSession(user(r)) : Future.succeededFuture(null));
        });
  }

  private Future<LoginResult> startSession(User user) {
    String token = randomToken();
    String csrf = randomToken();
    Instant now = clock.instant();
    Instant expires = now.plus(sessionLength);
    return pool.preparedQuery("insert into sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
            + "values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(sha256(token), user.id(), csrf, now.atOffset(ZoneOffset.UTC), expires.atOffset(ZoneOffset.UTC)))
        .map(v -> new LoginResult(token, new Session(user, csrf, expires)));
  }

  /** The live session of a token, or null when it is unknown or expired. */
  public Future<Session> authenticate(String token) {
    return pool.preparedQuery("""
        select u.id, u.username, u.display_name, u.role, u.org_code, s.csrf_token, s.expires_at
        from sessions s join users u on u.id = s.user_id where s.token_hash = $1 and s.expires_at > $2 and u.active""")
        .execute(Tuple.of(sha256(token), clock.instant().atOffset(ZoneOffset.UTC)))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new Session(user(r), r.getString(5), r.getOffsetDateTime(6).toInstant());
        });
  }

  public Future<Void> logout(String token) {
    return pool.preparedQuery("delete from sessions where token_hash = $1").execute(Tuple.of(sha256(token))).mapEmpty();
  }

  /** The user of that name (active or not: past actions stay theirs), or null when there is none. */
  public Future<User> find(String username) {
    return pool.preparedQuery("select id, username, display_name, role, org_code from users where username = $1")
        .execute(Tuple.of(username)).map(rows -> rows.size() == 0 ? null : user(rows.iterator().next()));
  }

  /** The active county handlers of one county, by display name: whom a supervisor may assign a ticket to. */
  public Future<List<User>> handlersOf(String countyCode) {
    return pool.preparedQuery("select id, username, display_name, role, org_code from users"
            + " where org_code = $1 and role = 'COUNTY_HANDLER' and active order by display_name, username")
        .execute(Tuple.of(countyCode)).map(rows -> {
          List<User> out = new ArrayList<>();
          for (Row r : rows) out.add(user(r));
          return out;
        });
  }

  public Future<Boolean> exists(String username) {
    return pool.preparedQuery("select 1 from users where username = $1").execute(Tuple.of(username))
        .map(rows -> rows.size() > 0);
  }

  private static User user(Row r) {
    return new User(r.getLong(0), r.getString(1), r.getString(2), Role.valueOf(r.getString(3)), r.getString(4));
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
