package cn.hotline12349.telephony;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.core.domain.PhoneNumber;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * On answer: looks up the caller's earlier calls and tickets (by normalized number) and pushes
 * them to the answering operator's UI address before they say hello. Body (one shape, read by the
 * operator console and its ticket form): {@code {type: "screen-pop", callId, callerNumber, queue,
 * prefectureCode, operator, earlierCalls: [...], earlierTickets: [...], call: CallJson}}.
 */
public final class ScreenPop {
  /** Earlier contact of a number; {@code excludeLinkedid} is the call being answered. */
  public interface CallerHistory {
    Future<JsonObject> lookup(String normalizedNumber, String excludeLinkedid);
  }

  private final Vertx vertx;
  private final CallerHistory history;

  public ScreenPop(Vertx vertx, CallerHistory history) {
    this.vertx = vertx;
    this.history = history;
  }

  /**
   * Header on the pop: nanoseconds from the answer reaching the bridge to the pop being sent, read by the sending
   * node's meters (the call news that used to mark the answer now waits for the write).
   */
  public static final String LATENCY_HEADER = "hotline-screenpop-nanos";

  /** How long a history looked up ahead (while the caller waits in the queue) may serve the pop. */
  static final long PREFETCH_FRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
  /** Calls waiting at once beyond which nothing more is looked up ahead (the pop then looks up itself). */
  static final int PREFETCH_MAX = 20_000;

  private record Prefetched(Future<JsonObject> history, long at) {}

  /** linkedid -> history looked up when the call joined a queue; gone at the pop or when the call ends. */
  private final java.util.Map<String, Prefetched> prefetched = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Looks the caller's history up while they wait in the queue, so that the pop at the answer needs no database round
   * trip: under CPU contention each round trip waits for a PostgreSQL backend and a core (docs/BENCHMARKS.md, the
   * screen-pop's p99 followed the {@code select 1} yardstick's). A pop more than {@link #PREFETCH_FRESH_NANOS} later
   * looks up again, so a ticket written meanwhile is not missed.
   */
  public void prefetch(Call call) {
    String norm = PhoneNumber.normalize(call.callerNumber());
    if (norm == null || history == null || prefetched.size() >= PREFETCH_MAX) return;
    prefetched.computeIfAbsent(call.linkedid(), id -> new Prefetched(history.lookup(norm, id), System.nanoTime()));
  }

  /** The call ended (or was never answered): its looked-up history is dropped. */
  public void forget(String linkedid) {
    prefetched.remove(linkedid);
  }

  int prefetchedCount() {
    return prefetched.size();
  }

  public void pop(Call call, String username) {
    long seen = System.nanoTime();
    String norm = PhoneNumber.normalize(call.callerNumber());
    Prefetched ahead = prefetched.remove(call.linkedid());
    Future<JsonObject> h = norm == null || history == null
        ? Future.succeededFuture(new JsonObject().put("calls", new JsonArray()).put("tickets", new JsonArray()))
        : ahead != null && seen - ahead.at() < PREFETCH_FRESH_NANOS && !ahead.history().failed() ? ahead.history()
        : history.lookup(norm, call.linkedid());
    h.recover(e -> Future.succeededFuture(new JsonObject().put("error", "history unavailable")
            .put("calls", new JsonArray()).put("tickets", new JsonArray())))
        .onSuccess(hist -> vertx.eventBus().publish(CallEvents.operator(username), body(call, username, hist),
            new DeliveryOptions().addHeader(LATENCY_HEADER, Long.toString(System.nanoTime() - seen))));
  }

  /**
   * The pop of a call already ringing on or answered by {@code username}'s phone, for a console that opens (or reloads)
   * after the pushed pop went by: the same body, looked up now. A prefetched history is left for the pop at the answer.
   */
  public Future<JsonObject> current(Call call, String username) {
    String norm = PhoneNumber.normalize(call.callerNumber());
    Future<JsonObject> h = norm == null || history == null
        ? Future.succeededFuture(new JsonObject()) : history.lookup(norm, call.linkedid());
    return h.recover(e -> Future.succeededFuture(new JsonObject().put("error", "history unavailable")))
        .map(hist -> body(call, username, hist));
  }

  static JsonObject body(Call call, String username, JsonObject hist) {
    JsonObject c = CallJson.toJson(call, username);
    return new JsonObject()
        .put("type", "screen-pop")
        .put("callId", call.linkedid())
        .put("callerNumber", c.getString("callerNumber"))
        .put("queue", c.getString("queue"))
        .put("prefectureCode", c.getString("prefectureCode"))
        .put("operator", username)
        .put("earlierCalls", hist.getJsonArray("calls", new JsonArray()))
        .put("earlierTickets", hist.getJsonArray("tickets", new JsonArray()))
        .put("historyError", hist.getString("error"))
        .put("call", c);
  }
}
