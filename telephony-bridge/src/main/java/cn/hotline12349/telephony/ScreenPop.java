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

  public void pop(Call call, String username) {
    long seen = System.nanoTime();
    String norm = PhoneNumber.normalize(call.callerNumber());
    Future<JsonObject> h = norm == null || history == null
        ? Future.succeededFuture(new JsonObject().put("calls", new JsonArray()).put("tickets", new JsonArray()))
        : history.lookup(norm, call.linkedid());
    h.recover(e -> Future.succeededFuture(new JsonObject().put("error", "history unavailable")
            .put("calls", new JsonArray()).put("tickets", new JsonArray())))
        .onSuccess(hist -> vertx.eventBus().publish(CallEvents.operator(username), body(call, username, hist),
            new DeliveryOptions().addHeader(LATENCY_HEADER, Long.toString(System.nanoTime() - seen))));
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
