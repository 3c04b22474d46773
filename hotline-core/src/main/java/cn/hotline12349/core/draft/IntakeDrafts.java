package cn.hotline12349.core.draft;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The one owner of {@code intake_drafts}: what an operator has typed for a linked call, before the ticket exists.
 * Scoped to the operator (no one else reads another's draft); the body is the form's own JSON, opaque here.
 */
public final class IntakeDrafts {
  /** Characters of the JSON body (the table checks twice this, as a backstop). */
  public static final int MAX_CHARS = 64 * 1024;
  /** Open drafts per operator: one per call on the desk, a few left over from crashes. */
  public static final int MAX_PER_USER = 20;
  /** A draft no one touched for this long is deleted: the call is long over. */
  public static final Duration KEEP = Duration.ofHours(24);

  public record Draft(String body, Instant updatedAt) {}

  private final Pool pool;
  private final Clock clock;

  public IntakeDrafts(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  public Future<Optional<Draft>> find(long userId, String callId) {
    return pool.preparedQuery("""
        select body::text, updated_at from intake_drafts where user_id = $1 and call_id = $2 and updated_at > $3""")
        .execute(Tuple.of(userId, callId, utc(clock.instant().minus(KEEP))))
        .map(rows -> {
          if (rows.size() == 0) return Optional.empty();
          Row r = rows.iterator().next();
          return Optional.of(new Draft(r.getString(0), r.getOffsetDateTime(1).toInstant()));
        });
  }

  /** Stores or replaces the draft; false when the operator already has {@link #MAX_PER_USER} other live drafts. */
  public Future<Boolean> save(long userId, String callId, String json) {
    if (json.length() > MAX_CHARS) throw new IllegalArgumentException("draft over " + MAX_CHARS + " characters");
    Instant now = clock.instant();
    return pool.preparedQuery("""
        insert into intake_drafts (user_id, call_id, body, updated_at) -- text: a String bound as jsonb is a JSON string
        select $1, $2, $3::text::jsonb, $4
        where (select count(*) from intake_drafts where user_id = $1 and call_id <> $2 and updated_at > $5) < $6
        on conflict (user_id, call_id) do update set body = excluded.body, updated_at = excluded.updated_at""")
        .execute(Tuple.of(userId, callId, json, utc(now), utc(now.minus(KEEP)), MAX_PER_USER))
        .map(r -> r.rowCount() == 1);
  }

  public Future<Boolean> delete(long userId, String callId) {
    return pool.preparedQuery("delete from intake_drafts where user_id = $1 and call_id = $2")
        .execute(Tuple.of(userId, callId)).map(r -> r.rowCount() > 0);
  }

  /** Deletes drafts untouched for {@link #KEEP}; returns how many. */
  public Future<Integer> purge() {
    return pool.preparedQuery("delete from intake_drafts where updated_at <= $1")
        .execute(Tuple.of(utc(clock.instant().minus(KEEP)))).map(r -> r.rowCount());
  }

  private static OffsetDateTime utc(Instant at) { return at.atOffset(ZoneOffset.UTC); }
}
