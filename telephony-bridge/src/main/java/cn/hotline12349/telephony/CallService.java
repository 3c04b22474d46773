package cn.hotline12349.telephony;

import cn.hotline12349.core.ticket.CallTickets;
import cn.hotline12349.telephony.domain.CallState;
import cn.hotline12349.telephony.domain.QueueMembers;
import cn.hotline12349.telephony.store.PgCallQueries;
import cn.hotline12349.telephony.store.PgCallStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
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

  private final PgCallQueries calls;
  private final Pool pool;
  private final CallBridge bridge;
  private final CallTickets tickets;

  public CallService(Pool pool, CallBridge bridge) { this(pool, bridge, new CallTickets(pool)); }

  public CallService(Pool pool, CallBridge bridge, CallTickets tickets) {
    this.pool = pool;
    this.calls = new PgCallQueries(pool);
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
   * or, for older clients, by {@code offset}. A cursor that is not one fails the future with
   * {@link cn.hotline12349.core.paging.InvalidCursorException} (a rule violation on {@code cursor}).
   */
  public Future<Page> page(Query q, String scopeOrg) {
    int limit = q.limit() == null ? 50 : Math.max(1, Math.min(500, q.limit()));
    int offset = q.offset() == null ? 0 : Math.max(0, q.offset());
    PgCallQueries.After after = null;
    CallCursor c;
    try {
      c = CallCursor.decode(q.cursor());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (c != null) {
      after = new PgCallQueries.After(c.micros(), c.linkedid());
      offset = 0;
    }
    PgCallQueries.Filter f = new PgCallQueries.Filter(scopeOrg, q.prefecture(),
        q.state() == null ? null : q.state().name(), Boolean.TRUE.equals(q.pending()), q.from(), q.to());
    return calls.page(f, after, limit + 1, offset).compose(rows -> {
      JsonArray out = new JsonArray();
      String next = null;
      for (JsonObject r : rows) {
        if (out.size() == limit) {
          JsonObject last = out.getJsonObject(limit - 1);
          next = new CallCursor(CallCursor.microsOf(last.getString("startedAt")), last.getString("linkedid")).encode();
          break;
        }
        out.add(r);
      }
      String nextPage = next;
      return withTickets(out).map(items -> new Page(items, nextPage));
    });
  }

  /** One call with its timeline, or null when absent or outside the scope. */
  public Future<JsonObject> get(String linkedid, String scopeOrg) {
    return calls.find(linkedid, scopeOrg).compose(call -> call == null ? Future.succeededFuture(null)
        : withTickets(new JsonArray().add(call)).compose(linked -> calls.timeline(linkedid))
            .map(tl -> call.put("timeline", tl)));
  }

  /** Links a ticket created during a call to it (the ticket side stores the linkedid in tickets.call_id). */
  public Future<Void> linkTicket(String linkedid, long ticketId) {
    return PgCallStore.linkTicket(pool, linkedid, ticketId).compose(linked -> linked ? Future.succeededFuture()
        : Future.failedFuture(new CallRefused(CallRefused.Reason.UNKNOWN_CALL, "unknown call")));
  }

  /**
   * The calls linked to a ticket (by calls.ticket_id or the ticket's call_id), oldest first, without numbers:
   * linkedid, state, startedAt, answeredAt, endedAt, operator, talkSeconds, recording, callbackStatus.
   */
  public Future<JsonArray> forTicket(long ticketId, String callId) {
    return calls.forTicket(ticketId, callId);
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
        : calls.callerNumber(linkedid).compose(n -> n == null
            ? Future.failedFuture(new CallRefused(CallRefused.Reason.UNKNOWN_CALL, "unknown call"))
            : Future.succeededFuture(n));
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

  /** QUEUE_PRIO as a number (0 normal, 10 someone in danger now); null before the intake set it. */
  static Integer priority(String p) {
    return PgCallQueries.priority(p);
  }
}
