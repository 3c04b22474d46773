package cn.hotline12349.core.user;

import cn.hotline12349.core.domain.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The repository of {@code users} and {@code sessions}: their only SQL, one mapper per record. */
final class UserStore {
  private static final String USER_COLUMNS = "u.id, u.username, u.display_name, u.role, u.org_code";

  /** A user with the stored password hash and whether the account is locked, for the login check only. */
  record WithHash(User user, String passwordHash, boolean locked) { }

  Future<Long> insert(SqlClient db, String username, String hash, String displayName, Role role, String orgCode) {
    return db.preparedQuery("""
        insert into users (username, password_hash, display_name, role, org_code) values ($1, $2, $3, $4, $5)
        returning id""").execute(Tuple.of(username, hash, displayName, role.name(), orgCode))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The active user of that name with its hash, or null. */
  Future<WithHash> activeWithHash(SqlClient db, String username) {
    return db.preparedQuery("select " + USER_COLUMNS + ", u.password_hash, u.locked_at from users u"
            + " where u.username = $1 and u.active")
        .execute(Tuple.of(username))
        .map(rows -> {
          if (rows.size() == 0) return null;
          Row r = rows.iterator().next();
          return new WithHash(user(r), r.getString("password_hash"), r.getValue("locked_at") != null);
        });
  }

  /** A good password: the run of failures starts again. */
  Future<Void> resetFailures(SqlClient db, long userId) {
    return db.preparedQuery("update users set failed_logins = 0 where id = $1").execute(Tuple.of(userId)).mapEmpty();
  }

  /** One more failure of a known user; locks the account at {@code lockAfter} in a row. True when it is locked now. */
  Future<Boolean> recordFailure(SqlClient db, long userId, int lockAfter, Instant now) {
    return db.preparedQuery("""
            update users set failed_logins = failed_logins + 1,
              locked_at = case when failed_logins + 1 >= $2 then $3 else locked_at end
            where id = $1 returning locked_at""")
        .execute(Tuple.of(userId, lockAfter, now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getValue(0) != null);
  }

  /** Lifts the lock of {@code username}; false when there is no such user. */
  Future<Boolean> unlock(SqlClient db, String username) {
    return db.preparedQuery("update users set locked_at = null, failed_logins = 0 where username = $1 returning id")
        .execute(Tuple.of(username)).map(rows -> rows.size() > 0);
  }

  Future<Boolean> locked(SqlClient db, String username) {
    return db.preparedQuery("select locked_at from users where username = $1").execute(Tuple.of(username))
        .map(rows -> rows.size() > 0 && rows.iterator().next().getValue(0) != null);
  }

  /** The user of that name, active or not, or null. */
  Future<User> find(SqlClient db, String username) {
    return db.preparedQuery("select " + USER_COLUMNS + " from users u where u.username = $1")
        .execute(Tuple.of(username)).map(rows -> rows.size() == 0 ? null : user(rows.iterator().next()));
  }

  /** The active county handlers of one county, by display name. */
  Future<List<User>> handlersOf(SqlClient db, String countyCode) {
    return db.preparedQuery("select " + USER_COLUMNS + " from users u"
            + " where u.org_code = $1 and u.role = 'COUNTY_HANDLER' and u.active order by u.display_name, u.username")
        .execute(Tuple.of(countyCode)).map(rows -> {
          List<User> out = new ArrayList<>();
          for (Row r : rows) out.add(user(r));
          return out;
        });
  }

  /**
   * A page of the active county handlers of {@code code}'s subtree (itself, its children and grandchildren: the org
   * tree has three tiers), by login name after {@code afterUsername}; at most {@code limit} rows.
   */
  Future<List<User>> handlersUnder(SqlClient db, String code, String afterUsername, int limit) {
    return db.preparedQuery("select " + USER_COLUMNS + " from users u where u.role = 'COUNTY_HANDLER' and u.active"
            + " and u.org_code in (select code from org_units where code = $1 or parent_code = $1"
            + " or parent_code in (select code from org_units where parent_code = $1))"
            + " and ($2::text is null or u.username > $2) order by u.username limit $3")
        .execute(Tuple.of(code, afterUsername, limit)).map(rows -> {
          List<User> out = new ArrayList<>();
          for (Row r : rows) out.add(user(r));
          return out;
        });
  }

  Future<Boolean> exists(SqlClient db, String username) {
    return db.preparedQuery("select 1 from users where username = $1").execute(Tuple.of(username))
        .map(rows -> rows.size() > 0);
  }

  Future<Void> insertSession(SqlClient db, String tokenHash, long userId, String csrf, Instant created,
      Instant expires) {
    return db.preparedQuery("insert into sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
            + "values ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(tokenHash, userId, csrf, created.atOffset(ZoneOffset.UTC), expires.atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  /** The live session of a token hash at {@code now} (its user active), or null. */
  Future<Session> liveSession(SqlClient db, String tokenHash, Instant now) {
    return db.preparedQuery("select " + USER_COLUMNS + """
        , s.csrf_token, s.expires_at
        from sessions s join users u on u.id = s.user_id where s.token_hash = $1 and s.expires_at > $2 and u.active""")
        .execute(Tuple.of(tokenHash, now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.size() == 0 ? null : session(rows.iterator().next()));
  }

  /** Deletes sessions that expired before {@code now}; returns how many. */
  Future<Integer> purgeSessions(SqlClient db, Instant now) {
    return db.preparedQuery("delete from sessions where expires_at < $1")
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).map(r -> r.rowCount());
  }

  Future<Void> deleteSession(SqlClient db, String tokenHash) {
    return db.preparedQuery("delete from sessions where token_hash = $1").execute(Tuple.of(tokenHash)).mapEmpty();
  }

  private static User user(Row r) {
    return new User(r.getLong("id"), r.getString("username"), r.getString("display_name"),
        Role.valueOf(r.getString("role")), r.getString("org_code"));
  }

  private static Session session(Row r) {
    return new Session(user(r), r.getString("csrf_token"), r.getOffsetDateTime("expires_at").toInstant());
  }
}
