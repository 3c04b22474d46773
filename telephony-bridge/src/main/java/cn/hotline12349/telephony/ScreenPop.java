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

  /**
   * History look-ups running at once at most (each is two queries on the shared pool); the rest wait here in order. A
   * burst of calls joining queues put thousands of them into the shared pool's wait queue, which then refused the SLA
   * firer, the board compaction and HTTP requests (ConnectionPoolTooBusyException, docs/BENCHMARKS.md).
   */
  static final int MAX_LOOKUPS = 4;
  /** Look-ups waiting at most; beyond, a pop goes without history ("history unavailable") rather than pile up. */
  static final int MAX_WAITING = 20_000;

  private final java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.Queue<Runnable> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger waitingCount = new java.util.concurrent.atomic.AtomicInteger();

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
    prefetched.computeIfAbsent(call.linkedid(), id -> new Prefetched(lookup(norm, id), System.nanoTime()));
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
        : lookup(norm, call.linkedid());
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
        ? Future.succeededFuture(new JsonObject()) : lookup(norm, call.linkedid());
    return h.recover(e -> Future.succeededFuture(new JsonObject().put("error", "history unavailable")))
        .map(hist -> body(call, username, hist));
  }

  /** {@link CallerHistory#lookup} through the bound of {@link #MAX_LOOKUPS} running at once. */
  private Future<JsonObject> lookup(String norm, String linkedid) {
    io.vertx.core.Promise<JsonObject> p = io.vertx.core.Promise.promise();
    if (waitingCount.get() >= MAX_WAITING) { // (the queue's own size() walks it)
      p.fail("too many caller history look-ups waiting");
      return p.future();
    }
    waitingCount.incrementAndGet();
    waiting.add(() -> {
      Future<JsonObject> f;
      try {
        f = history.lookup(norm, linkedid);
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        lookups.decrementAndGet();
        p.handle(ar);
        vertx.runOnContext(v -> drain()); // not from here: a look-up answered at once would recurse through the queue
      });
    });
    drain();
    return p.future();
  }

  /** Starts waiting look-ups while fewer than {@link #MAX_LOOKUPS} run (any thread; no start is lost). */
  private void drain() {
    while (!waiting.isEmpty()) {
      if (lookups.incrementAndGet() > MAX_LOOKUPS) {
        lookups.decrementAndGet();
        return; // a running look-up's end drains again
      }
      Runnable next = waiting.poll();
      if (next == null) {
        lookups.decrementAndGet();
        continue;
      }
      waitingCount.decrementAndGet();
      next.run();
    }
  }

  int lookupsRunning() {
    return lookups.get();
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
