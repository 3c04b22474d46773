package cn.hotline12349.core.user;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/** The repository of {@code login_failures} (V160): failed-login counts per account and per client address. */
final class LoginThrottleStore {
  enum Kind { ACCOUNT, ADDRESS }

  record Count(int failures, Instant last) {}

  /** The counts of one account key and one address (null: none), as stored. */
  Future<Map<Kind, Count>> counts(SqlClient db, String account, String address) {
    return db.preparedQuery("select kind, failures, last_at from login_failures "
            + "where (kind = 'ACCOUNT' and key = $1) or (kind = 'ADDRESS' and key = $2)")
        .execute(Tuple.of(account, address)).map(rows -> {
          Map<Kind, Count> out = new EnumMap<>(Kind.class);
          for (Row r : rows) {
            out.put(Kind.valueOf(r.getString(0)), new Count(r.getInteger(1), r.getOffsetDateTime(2).toInstant()));
          }
          return out;
        });
  }

  /** One more failure at {@code now}; a count whose last failure is before {@code windowStart} starts again at 1. */
  Future<Void> fail(SqlClient db, Kind kind, String key, Instant now, Instant windowStart) {
    return db.preparedQuery("""
        insert into login_failures (kind, key, failures, last_at) values ($1, $2, 1, $3)
        on conflict (kind, key) do update set
          failures = case when login_failures.last_at < $4 then 1 else login_failures.failures + 1 end,
          last_at = greatest(login_failures.last_at, excluded.last_at)""")
        .execute(Tuple.of(kind.name(), key, now.atOffset(ZoneOffset.UTC), windowStart.atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  Future<Void> clear(SqlClient db, Kind kind, String key) {
    return db.preparedQuery("delete from login_failures where kind = $1 and key = $2")
        .execute(Tuple.of(kind.name(), key)).mapEmpty();
  }

  /** Deletes counts whose last failure is before {@code before}; returns how many. */
  Future<Integer> purge(SqlClient db, Instant before) {
    return db.preparedQuery("delete from login_failures where last_at < $1")
        .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).map(r -> r.rowCount());
  }
}
