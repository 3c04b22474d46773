package cn.hotline12349.telephony;

import cn.hotline12349.core.ticket.CallTickets;
import cn.hotline12349.telephony.domain.CallState;
import cn.hotline12349.telephony.domain.QueueMembers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What the REST layer needs from telephony. Every read takes the caller's org scope: a prefecture
 * code limits to calls routed to that prefecture, null means the province (everything). Phone
 * numbers are returned in full; masking by role is the REST layer's job.
 */
public final class CallService {
  /** Filters for {@link #list}; any field may be null. {@code pending} = abandoned and not yet called back. */
  public record Query(CallState state, Boolean pending, String prefecture, Instant from, Instant to, Integer limit,
      Integer offset, String cursor) {
    public Query(CallState state, Boolean pending, String prefecture, Instant from, Instant to, Integer limit,
        Integer offset) {
      this(state, pending, prefecture, from, to, limit, offset, null);
    }

    public static Query abandonedPending() {
      return new Query(CallState.ABANDONED, true, null, null, null, 100, 0);
    }
  }

  /** A keyset page: {@code next} is the cursor of the page after it, null on the last page. */
  public record Page(JsonArray items, String next) { }

  /** Sort key of the call lists: newest first, calls without a start last, then linkedid (V151 indexes). */
  private static final String KEY = "coalesce(c.started_at, '-infinity'::timestamptz)";

  private static final String SELECT = "select c.* from calls c";

  private final Pool pool;
  private final CallBridge bridge;
  private final CallTickets tickets;

  public CallService(Pool pool, CallBridge bridge) { this(pool, bridge, new CallTickets(pool)); }

  public CallService(Pool pool, CallBridge bridge, CallTickets tickets) {
    this.pool = pool;
    this.bridge = bridge;
    this.tickets = tickets;
  }

  /**
   * calls.ticket_id is set by linkTicket; a call stored after its ticket was created (write-behind) is not linked
   * yet, so the ticket side ({@link CallTickets}, tickets.call_id) fills those in.
   */
  private Future<JsonArray> withTickets(JsonArray calls) {
    List<String> unlinked = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      JsonObject c = calls.getJsonObject(i);
      if (c.getLong("ticketId") == null) unlinked.add(c.getString("linkedid"));
    }
    if (unlinked.isEmpty()) return Future.succeededFuture(calls);
    return tickets.firstTicketOfCalls(unlinked).map(found -> {
      for (int i = 0; i < calls.size(); i++) {
        JsonObject c = calls.getJsonObject(i);
        if (c.getLong("ticketId") == null) c.put("ticketId", found.get(c.getString("linkedid")));
      }
      return calls;
    });
  }

  /** Newest first; each item as {@link CallJson} plus ticketId, callbackStatus, callbackAttempts. */
  public Future<JsonArray> list(Query q, String scopeOrg) { return page(q, scopeOrg).map(Page::items); }

  /**
   * A page newest first: by {@code cursor} (the {@code next} of the page before; keyset, stable while calls arrive)
   * or, for older clients, by {@code offset}. Throws {@link IllegalArgumentException} for a cursor that is not one.
   */
  public Future<Page> page(Query q, String scopeOrg) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" where true");
    if (scopeOrg != null) where.append(" and prefecture_code = $").append(arg(args, scopeOrg));
    if (q.prefecture() != null) where.append(" and prefecture_code = $").append(arg(args, q.prefecture()));
    if (q.state() != null) where.append(" and state = $").append(arg(args, q.state().name()));
    if (Boolean.TRUE.equals(q.pending())) where.append(" and abandoned_at is not null and callback_status is distinct from 'DONE'");
    if (q.from() != null) where.append(" and started_at >= $").append(arg(args, q.from().atOffset(ZoneOffset.UTC)));
    if (q.to() != null) where.append(" and started_at < $").append(arg(args, q.to().atOffset(ZoneOffset.UTC)));
    int limit = q.limit() == null ? 50 : Math.max(1, Math.min(500, q.limit()));
    int offset = q.offset() == null ? 0 : Math.max(0, q.offset());
    if (q.cursor() != null) {
      CallCursor c = CallCursor.decode(q.cursor());
      where.append(" and (").append(KEY).append(", c.linkedid) < (").append(CallCursor.sql(arg(args, c.micros())))
          .append(", $").append(arg(args, c.linkedid())).append("::text)");
      offset = 0;
    }
    String sql = SELECT + where + " order by " + KEY + " desc, c.linkedid desc limit " + (limit + 1)
        + (offset > 0 ? " offset " + offset : "");
    return pool.preparedQuery(sql).execute(Tuple.from(args)).compose(rs -> {
      JsonArray out = new JsonArray();
      String next = null;
      for (Row r : rs) {
        if (out.size() == limit) {
          JsonObject last = out.getJsonObject(limit - 1);
          next = new CallCursor(CallCursor.microsOf(last.getString("startedAt")), last.getString("linkedid")).encode();
          break;
        }
        out.add(json(r));
      }
      String nextPage = next;
      return withTickets(out).map(items -> new Page(items, nextPage));
    });
  }

  /** One call with its timeline, or null when absent or outside the scope. */
  public Future<JsonObject> get(String linkedid, String scopeOrg) {
    return pool.preparedQuery(SELECT + " where linkedid = $1 and ($2::text is null or prefecture_code = $2)")
        .execute(Tuple.of(linkedid, scopeOrg)).compose(rs -> {
          if (rs.size() == 0) return Future.succeededFuture(null);
          JsonObject call = json(rs.iterator().next());
          return withTickets(new JsonArray().add(call)).compose(linked -> pool.preparedQuery("select type, at, detail from call_timeline where linkedid = $1 order by at nulls last, id")
              .execute(Tuple.of(linkedid)).map(t -> {
                JsonArray tl = new JsonArray();
                for (Row r : t) tl.add(new JsonObject().put("type", r.getString("type"))
                    .put("at", str(r.getOffsetDateTime("at"))).put("detail", r.getString("detail")));
                return call.put("timeline", tl);
              }));
        });
  }

  /** Links a ticket created during a call to it (the ticket side stores the linkedid in tickets.call_id). */
  public Future<Void> linkTicket(String linkedid, long ticketId) {
    return pool.preparedQuery("update calls set ticket_id = $2, updated_at = now() where linkedid = $1")
        .execute(Tuple.of(linkedid, ticketId)).compose(rs -> rs.rowCount() == 1 ? Future.succeededFuture()
            : Future.failedFuture(new CallRefused(CallRefused.Reason.UNKNOWN_CALL, "unknown call")));
  }

  /**
   * The calls linked to a ticket (by calls.ticket_id or the ticket's call_id), oldest first, without numbers:
   * linkedid, state, startedAt, answeredAt, endedAt, operator, talkSeconds, recording, callbackStatus.
   */
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

  /**
   * Reply call from the operator's phone. {@code number} may be null when {@code linkedid} names the call to return.
   * Completes with the callback id once the PBX accepted it; the outcome follows on {@link CallEvents#CALLBACK}.
   */
  public Future<String> callback(String operatorUsername, String number, String linkedid, Long ticketId) {
    return callback(operatorUsername, number, linkedid, ticketId, null);
  }

  /** @param orgCode the org unit of the operator placing it: the callback's own call record is scoped to it */
  public Future<String> callback(String operatorUsername, String number, String linkedid, Long ticketId,
      String orgCode) {
    Future<String> target = number != null ? Future.succeededFuture(number)
        : linkedid == null ? Future.failedFuture(new CallRefused(CallRefused.Reason.NO_TARGET, "number or linkedid required"))
        : pool.preparedQuery("select caller_number from calls where linkedid = $1").execute(Tuple.of(linkedid))
            .compose(rs -> rs.size() == 0 || rs.iterator().next().getString("caller_number") == null
                ? Future.failedFuture(new CallRefused(CallRefused.Reason.UNKNOWN_CALL, "unknown call"))
                : Future.succeededFuture(rs.iterator().next().getString("caller_number")));
    return target.compose(n -> bridge.placeCallback(operatorUsername, n, linkedid, ticketId, orgCode));
  }

  public Future<Void> queueLogin(String username, String orgCode) {
    return control().compose(c -> c.login(username, orgCode));
  }

  public Future<Void> queueLogout(String username, String orgCode) {
    return control().compose(c -> c.logout(username, orgCode));
  }

  public Future<Void> queuePause(String username, String orgCode, boolean paused, String reason) {
    return control().compose(c -> c.pause(username, orgCode, paused, reason));
  }

  /** Current queue members as the PBX reports them. */
  public Future<List<QueueMembers.Member>> agents() {
    return bridge.queueMembers();
  }

  /** For /health: {enabled, status, lastError, detail}. */
  public JsonObject pbxStatus() {
    return bridge.status();
  }

  private Future<QueueControl> control() {
    return bridge.queueControl().map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new IllegalStateException("no PBX configured")));
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
        .put("recording", r.getString("recording")).put("ticketId", r.getLong("ticket_id"))
        .put("callbackStatus", r.getString("callback_status")).put("callbackAttempts", r.getInteger("callback_attempts"))
        .put("talkMillis", between(r.getOffsetDateTime("answered_at"), r.getOffsetDateTime("ended_at")))
        .put("waitMillis", between(r.getOffsetDateTime("queued_at"), r.getOffsetDateTime("answered_at") != null
            ? r.getOffsetDateTime("answered_at") : r.getOffsetDateTime("abandoned_at")));
  }

  /** QUEUE_PRIO as a number (0 normal, 10 someone in danger now); null before the intake set it. */
  static Integer priority(String p) {
    if (p == null || p.isBlank()) return null;
    try {
      return Integer.valueOf(p.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long between(OffsetDateTime a, OffsetDateTime b) {
    return a == null || b == null ? null : java.time.Duration.between(a, b).toMillis();
  }

  private static int arg(List<Object> args, Object value) {
    args.add(value);
    return args.size();
  }

  private static String str(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
