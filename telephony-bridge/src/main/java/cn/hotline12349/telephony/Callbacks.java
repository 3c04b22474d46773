package cn.hotline12349.telephony;

import cn.hotline12349.telephony.ami.AmiClient;
import cn.hotline12349.telephony.domain.CallVariables;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.core.domain.PhoneNumber;
import cn.hotline12349.telephony.store.CallStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.asteriskjava.manager.action.OriginateAction;

/**
 * Reply calls: Originate from the operator's own phone (it rings first), then the dialplan context
 * {@value #CONTEXT} dials the caller. The attempt is stored when sent, the outcome when the PBX's
 * OriginateResponse arrives; listeners (e.g. the ticket service) hear about both.
 */
public final class Callbacks {
  public static final String CONTEXT = "hotline-callback";

  /** What a listener is told; {@code status} is REQUESTED, ANSWERED, NO_ANSWER, BUSY, FAILED. */
  public record Outcome(String callbackId, String linkedid, Long ticketId, String operatorUsername, String status) {}

  private record Attempt(String callbackId, String linkedid, Long ticketId, String operatorUsername) {}

  private final Vertx vertx;
  private final AmiClient ami;
  private final PbxMapping mapping;
  private final CallStore store;
  private final Clock clock;
  private final Map<String, Attempt> inFlight = new HashMap<>();
  private final CopyOnWriteArrayList<Consumer<Outcome>> listeners = new CopyOnWriteArrayList<>();

  Callbacks(Vertx vertx, AmiClient ami, PbxMapping mapping, CallStore store, Clock clock) {
    this.vertx = vertx;
    this.ami = ami;
    this.mapping = mapping;
    this.store = store;
    this.clock = clock;
  }

  /** The lead wires the ticket side here (record the attempt/outcome on the ticket). */
  public void addListener(Consumer<Outcome> listener) {
    listeners.add(listener);
  }

  /**
   * Places a callback; completes with the callback id once the PBX accepted the Originate.
   * Must be called on the bridge's context (CallService does so).
   */
  public Future<String> place(String operatorUsername, String number, String linkedid, Long ticketId) {
    String iface = mapping.phoneOf(operatorUsername).orElse(null);
    if (iface == null) return Future.failedFuture(new CallRefused(CallRefused.Reason.NO_EXTENSION, "operator has no phone extension"));
    String target = PhoneNumber.parse(number).flatMap(PhoneNumber::dialable).orElse(null);
    if (target == null) return Future.failedFuture(new CallRefused(CallRefused.Reason.NOT_DIALABLE, "number is not dialable"));
    String id = "cb-" + UUID.randomUUID();
    OriginateAction o = new OriginateAction();
    o.setChannel(iface);
    o.setContext(CONTEXT);
    o.setExten(target);
    o.setPriority(1);
    o.setCallerId("12349");
    o.setTimeout(30_000L);
    o.setAsync(true);
    o.setVariable(CallVariables.CALLBACK, id);
    o.setActionId(id);
    Attempt a = new Attempt(id, linkedid, ticketId, operatorUsername);
    inFlight.put(id, a);
    Future<Void> recorded = store == null ? Future.succeededFuture()
        : store.callbackRequested(id, linkedid, ticketId, operatorUsername, target, clock.instant());
    return recorded.compose(v -> {
      notify(a, "REQUESTED"); // before sending: the PBX's outcome event may overtake the action's response
      return ami.send(o);
    }).map(r -> id).recover(e -> {
      inFlight.remove(id);
      outcomeStored(a, false, "FAILED: " + e.getMessage());
      return Future.failedFuture(e);
    });
  }

  void outcome(String actionId, boolean success, Integer reason) {
    Attempt a = inFlight.remove(actionId);
    if (a == null) return; // not ours (another client's Originate) or already handled
    outcomeStored(a, success, status(success, reason));
  }

  private void outcomeStored(Attempt a, boolean success, String status) {
    (store == null ? Future.<Void>succeededFuture() : store.callbackOutcome(a.callbackId, success, status, clock.instant()))
        .onComplete(ar -> notify(a, status));
  }

  private void notify(Attempt a, String status) {
    Outcome o = new Outcome(a.callbackId, a.linkedid, a.ticketId, a.operatorUsername, status.split(":")[0]);
    vertx.eventBus().publish(CallEvents.CALLBACK, new JsonObject().put("callbackId", o.callbackId())
        .put("linkedid", o.linkedid()).put("ticketId", o.ticketId()).put("operator", o.operatorUsername())
        .put("status", o.status()));
    listeners.forEach(l -> l.accept(o));
  }

  /** Originate Reason codes: 4 answered, 5 busy, 3/1 no answer, 8 congestion, 0 failed. */
  static String status(boolean success, Integer reason) {
    if (success || (reason != null && reason == 4)) return "ANSWERED";
    if (reason == null) return "FAILED";
    return switch (reason) {
      case 5 -> "BUSY";
      case 1, 3 -> "NO_ANSWER";
      default -> "FAILED";
    };
  }
}
