package cn.hotline12349.telephony.store;

import cn.hotline12349.telephony.domain.CallState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The read side of {@code calls} and {@code call_timeline} for the REST layer (through {@code CallService}), with its
 * row mapping; the writes are {@link PgCallStore}'s. Phone numbers are returned in full: masking by role is the REST
 * layer's job.
 */
public final class PgCallQueries {
  /** Filters of a call list page; any may be null. {@code pending} = abandoned and not yet called back. */
  public record Filter(String scopeOrg, String prefecture, String state, boolean pending, Instant from, Instant to) { }

  /** Where a keyset page starts: strictly after this sort key (start in epoch microseconds, Long.MIN_VALUE = none). */
  public record After(long micros, String linkedid) { }

  /** Sort key of the call lists: newest first, calls without a start last, then linkedid (V151 indexes). */
  private static final String KEY = "coalesce(c.started_at, '-infinity'::timestamptz)";
  private static final String SELECT = "select c.* from calls c";

  private final Pool pool;

  public PgCallQueries(Pool pool) { this.pool = pool; }

  /** Up to {@code limit} calls newest first, after {@code after} (keyset) or skipping {@code offset}. */
  public Future<List<JsonObject>> page(Filter f, After after, int limit, int offset) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" where true");
    if (f.scopeOrg() != null) where.append(" and prefecture_code = $").append(arg(args, f.scopeOrg()));
    if (f.prefecture() != null) where.append(" and prefecture_code = $").append(arg(args, f.prefecture()));
    if (f.state() != null) where.append(" and state = $").append(arg(args, f.state()));
    if (f.pending()) where.append(" and abandoned_at is not null and callback_status is distinct from 'DONE'");
    if (f.from() != null) where.append(" and started_at >= $").append(arg(args, f.from().atOffset(ZoneOffset.UTC)));
    if (f.to() != null) where.append(" and started_at < $").append(arg(args, f.to().atOffset(ZoneOffset.UTC)));
    if (after != null) {
      where.append(" and (").append(KEY).append(", c.linkedid) < (").append(micros(arg(args, after.micros())))
          .append(", $").append(arg(args, after.linkedid())).append("::text)");
    }
    String sql = SELECT + where + " order by " + KEY + " desc, c.linkedid desc limit " + limit
        + (offset > 0 ? " offset " + offset : "");
    return pool.preparedQuery(sql).execute(Tuple.from(args)).map(rs -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row r : rs) out.add(json(r));
      return out;
    });
  }

  /** One call, or null when absent or outside {@code scopeOrg} (null = the province). */
  public Future<JsonObject> find(String linkedid, String scopeOrg) {
    return pool.preparedQuery(SELECT + " where linkedid = $1 and ($2::text is null or prefecture_code = $2)")
        .execute(Tuple.of(linkedid, scopeOrg)).map(rs -> rs.size() == 0 ? null : json(rs.iterator().next()));
  }

  /** The call's timeline, in order: type, at, detail. */
  public Future<JsonArray> timeline(String linkedid) {
    return pool.preparedQuery("select type, at, detail from call_timeline where linkedid = $1 order by at nulls last, id")
        .execute(Tuple.of(linkedid)).map(t -> {
          JsonArray tl = new JsonArray();
          for (Row r : t) tl.add(new JsonObject().put("type", r.getString("type"))
              .put("at", str(r.getOffsetDateTime("at"))).put("detail", r.getString("detail")));
          return tl;
        });
  }

  /** The calls linked to a ticket (by calls.ticket_id or the ticket's call_id), oldest first, without numbers. */
  public Future<JsonArray> forTicket(long ticketId, String callId) {
    return pool.preparedQuery("select linkedid, state, started_at, answered_at, ended_at, operator_username, recording, "
            + "callback_status, extract(epoch from ended_at - answered_at)::int as talk_seconds from calls "
            + "where ticket_id = $1 or linkedid = $2 order by started_at nulls last, linkedid")
        .execute(Tuple.of(ticketId, callId)).map(rs -> {
          JsonArray out = new JsonArray();
          for (Row r : rs) out.add(new JsonObject().put("linkedid", r.getString("linkedid")).put("state", r.getString("state"))
              .put("startedAt", str(r.getOffsetDateTime("started_at"))).put("answeredAt", str(r.getOffsetDateTime("answered_at")))
              .put("endedAt", str(r.getOffsetDateTime("ended_at"))).put("operator", r.getString("operator_username"))
              .put("talkSeconds", r.getInteger("talk_seconds")).put("recording", r.getString("recording"))
              .put("callbackStatus", r.getString("callback_status")));
          return out;
        });
  }

  /** The caller's number of a call, or null when the call or its number is unknown. */
  public Future<String> callerNumber(String linkedid) {
    return pool.preparedQuery("select caller_number from calls where linkedid = $1").execute(Tuple.of(linkedid))
        .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getString("caller_number"));
  }

  private static JsonObject json(Row r) {
    return new JsonObject().put("linkedid", r.getString("linkedid")).put("direction", r.getString("direction"))
        .put("state", r.getString("state")).put("callerNumber", r.getString("caller_number"))
        .put("callerNumberNorm", r.getString("caller_number_norm")).put("dialled", r.getString("dialled"))
        .put("prefectureCode", r.getString("prefecture_code")).put("queue", r.getString("queue"))
        .put("queuePosition", r.getInteger("queue_position")).put("priority", priority(r.getString("priority")))
        .put("abandonStage", r.getString("abandon_stage")).put("unanswered", r.getString("unanswered"))
        .put("callbackResult", r.getString("callback_result"))
        .put("language", r.getString("language")).put("danger", r.getBoolean("danger"))
        .put("startedAt", str(r.getOffsetDateTime("started_at"))).put("answeredAt", str(r.getOffsetDateTime("answered_at")))
        .put("abandonedAt", str(r.getOffsetDateTime("abandoned_at"))).put("endedAt", str(r.getOffsetDateTime("ended_at")))
        .put("endCause", r.getString("end_cause")).put("endedDuringDisconnect", r.getBoolean("ended_during_disconnect"))
        .put("operator", r.getString("operator_username")).put("holdSeconds", r.getInteger("hold_seconds"))
        .put("held", Boolean.TRUE.equals(r.getBoolean("held")) && !terminal(r.getString("state"))) // as Call#onHold
        .put("holdChangedAt", str(r.getOffsetDateTime("hold_changed_at")))
        .put("recording", r.getString("recording")).put("ticketId", r.getLong("ticket_id"))
        .put("callbackStatus", r.getString("callback_status")).put("callbackAttempts", r.getInteger("callback_attempts"))
        .put("talkMillis", between(r.getOffsetDateTime("answered_at"), r.getOffsetDateTime("ended_at")))
        .put("waitMillis", between(r.getOffsetDateTime("queued_at"), r.getOffsetDateTime("answered_at") != null
            ? r.getOffsetDateTime("answered_at") : r.getOffsetDateTime("abandoned_at")));
  }

  private static boolean terminal(String state) {
    return state != null && CallState.valueOf(state).terminal();
  }

  /** QUEUE_PRIO as a number (0 normal, 10 someone in danger now); null before the intake set it. */
  public static Integer priority(String p) {
    if (p == null || p.isBlank()) return null;
    try {
      return Integer.valueOf(p.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The SQL for argument {@code $n}: the timestamptz of those microseconds, '-infinity' for none. */
  private static String micros(int n) {
    return "(case when $" + n + "::bigint = " + Long.MIN_VALUE + " then '-infinity'::timestamptz else timestamptz 'epoch' + $"
        + n + "::bigint * interval '1 microsecond' end)";
  }

  private static Long between(OffsetDateTime a, OffsetDateTime b) {
    return a == null || b == null ? null : Duration.between(a, b).toMillis();
  }

  private static int arg(List<Object> args, Object value) {
    args.add(value);
    return args.size();
  }

  private static String str(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
