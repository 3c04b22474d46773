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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.asteriskjava.manager.action.OriginateAction;

/**
 * Reply calls, two legs: Originate rings the operator's own phone; once they answer (OriginateResponse success, which
 * says nothing about the child), the dialplan context {@value #CONTEXT} dials the called party and its hangup handler
 * reports {@code HOTLINE_CALLBACK_RESULT=<DIALSTATUS>:<answered seconds>} on the operator's channel. A callback is
 * {@value #DONE} only when the called party answered and talked at least {@code callbackMinTalkSeconds}; anything
 * else is an attempt with its outcome and the call stays on the pending list.
 */
public final class Callbacks {
  public static final String CONTEXT = "hotline-callback";
  public static final String REQUESTED = "REQUESTED";
  public static final String OPERATOR_ANSWERED = "OPERATOR_ANSWERED";
  public static final String DONE = "DONE";

  /**
   * What a listener is told; {@code status} is REQUESTED, then one outcome: DONE, NOT_TALKED (answered, hung up at
   * once), NO_ANSWER, BUSY, FAILED (called party), OPERATOR_NO_ANSWER, OPERATOR_BUSY, OPERATOR_FAILED (operator's
   * phone), NOT_DIALLED (the operator hung up before the number was dialled).
   */
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
   *
   * @param orgCode the org unit placing it (the callback's call record belongs to it); may be null
   */
  public Future<String> place(String operatorUsername, String number, String linkedid, Long ticketId, String orgCode) {
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
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put(CallVariables.CALLBACK, id);
    if (orgCode != null) vars.put(CallVariables.PREFECTURE, orgCode);
    o.setVariables(vars);
    o.setActionId(id);
    Attempt a = new Attempt(id, linkedid, ticketId, operatorUsername);
    inFlight.put(id, a);
    Future<Void> recorded = store == null ? Future.succeededFuture()
        : store.callbackRequested(id, linkedid, ticketId, operatorUsername, target, clock.instant());
    return recorded.compose(v -> {
      notify(a, REQUESTED); // before sending: the PBX's outcome event may overtake the action's response
      return ami.send(o);
    }).map(r -> id).recover(e -> {
      inFlight.remove(id);
      finish(id, a, "OPERATOR_FAILED", "Originate refused: " + e.getMessage(), null);
      return Future.failedFuture(e);
    });
  }

  /** OriginateResponse: the operator's leg. Success only means their phone answered; the outcome comes later. */
  void originateResult(String actionId, boolean success, Integer reason) {
    Attempt a = inFlight.get(actionId);
    if (a == null) return; // not ours (another client's Originate), or the called party's result came first
    if (success) {
      if (store != null) store.callbackOperatorAnswered(a.callbackId, clock.instant());
      publish(a, OPERATOR_ANSWERED);
      return;
    }
    inFlight.remove(actionId);
    finish(actionId, a, "OPERATOR_" + dialStatus(reason), "OriginateResponse reason " + reason, null);
  }

  /** The called party's leg as the dialplan reported it: {@code <DIALSTATUS>:<answered seconds>}. */
  void calledPartyResult(String callbackId, String result) {
    Attempt a = inFlight.remove(callbackId); // null after a bridge restart: the store still knows the attempt
    String[] p = result.split(":", 2);
    String dial = p[0].strip();
    Integer seconds = null;
    try {
      seconds = p.length > 1 && !p[1].isBlank() ? Integer.parseInt(p[1].strip()) : null;
    } catch (NumberFormatException e) {
      seconds = null;
    }
    finish(callbackId, a, status(dial, seconds, mapping.callbackMinTalkSeconds()), "DIALSTATUS=" + dial, seconds);
  }

  /** DONE only when answered and talked; otherwise what happened to the called party. */
  static String status(String dialStatus, Integer answeredSeconds, int minTalkSeconds) {
    return switch (dialStatus) {
      case "ANSWER" -> answeredSeconds != null && answeredSeconds >= minTalkSeconds ? DONE : "NOT_TALKED";
      case "BUSY" -> "BUSY";
      case "NOANSWER", "CANCEL" -> "NO_ANSWER";
      case "" -> "NOT_DIALLED";
      default -> "FAILED"; // CONGESTION, CHANUNAVAIL, DONTCALL, TORTURE, INVALIDARGS
    };
  }

  private void finish(String callbackId, Attempt known, String status, String detail, Integer talkSeconds) {
    boolean done = DONE.equals(status);
    Future<CallStore.Attempt> stored = store == null ? Future.succeededFuture(null)
        : store.callbackOutcome(callbackId, status, done, detail, talkSeconds, clock.instant());
    stored.onComplete(ar -> {
      Attempt a = known;
      if (a == null && ar.succeeded() && ar.result() != null) {
        CallStore.Attempt s = ar.result();
        a = new Attempt(s.callbackId(), s.linkedid(), s.ticketId(), s.operatorUsername());
      }
      if (a != null && (known != null || ar.result() != null)) notify(a, status);
    });
  }

  private void notify(Attempt a, String status) {
    Outcome o = new Outcome(a.callbackId, a.linkedid, a.ticketId, a.operatorUsername, status);
    publish(a, status);
    listeners.forEach(l -> l.accept(o));
  }

  private void publish(Attempt a, String status) {
    vertx.eventBus().publish(CallEvents.CALLBACK, new JsonObject().put("callbackId", a.callbackId)
        .put("linkedid", a.linkedid).put("ticketId", a.ticketId).put("operator", a.operatorUsername)
        .put("status", status));
  }

  /** Originate Reason codes for the operator's phone: 5 busy, 1/3 no answer, 8 congestion, 0 failed. */
  static String dialStatus(Integer reason) {
    if (reason == null) return "FAILED";
    return switch (reason) {
      case 5 -> "BUSY";
      case 1, 3 -> "NO_ANSWER";
      default -> "FAILED";
    };
  }
}
