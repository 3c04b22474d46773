package cn.hotline12349.telephony;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.PhoneNumbers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * On answer: looks up the caller's earlier calls and tickets (by normalized number) and pushes
 * them to the answering operator's UI address before they say hello.
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

  public void pop(Call call, String username) {
    String norm = PhoneNumbers.normalize(call.callerNumber()).orElse(null);
    Future<JsonObject> h = norm == null || history == null
        ? Future.succeededFuture(new JsonObject().put("calls", new JsonArray()).put("tickets", new JsonArray()))
        : history.lookup(norm, call.linkedid());
    h.recover(e -> Future.succeededFuture(new JsonObject().put("error", "history unavailable")
            .put("calls", new JsonArray()).put("tickets", new JsonArray())))
        .onSuccess(hist -> vertx.eventBus().publish(CallEvents.operator(username), new JsonObject()
            .put("type", "screen-pop")
            .put("call", CallJson.toJson(call, username))
            .put("history", hist)));
  }
}
