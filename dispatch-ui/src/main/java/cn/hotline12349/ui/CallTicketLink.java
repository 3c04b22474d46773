package cn.hotline12349.ui;

import cn.hotline12349.core.ticket.CallTickets;
import cn.hotline12349.core.ticket.TicketEvents;
import cn.hotline12349.telephony.Callbacks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins calls and tickets: a ticket created with a {@code callId} is linked to that call, and callbacks placed for a
 * ticket are recorded on it as CALLBACK_REQUESTED / CALLBACK_OUTCOME events by the operator who placed them.
 * Payloads and logs carry ids and statuses only, never the number.
 */
final class CallTicketLink {
  static final String REQUESTED = "CALLBACK_REQUESTED";
  static final String OUTCOME = "CALLBACK_OUTCOME";
  private static final Logger log = LoggerFactory.getLogger(CallTicketLink.class);

  private final Services services;

  private CallTicketLink(Services services) {
    this.services = services;
  }

  static void wire(Vertx vertx, Services services) {
    CallTicketLink link = new CallTicketLink(services);
    vertx.eventBus().<JsonObject>consumer(TicketEvents.CREATED, m -> link.created(m.body().getLong("ticketId")));
    services.pbx().onActive(t -> t.bridge().callbacks().ifPresent(cb -> cb.addListener(link::callback)));
  }

  private void created(Long ticketId) {
    if (ticketId == null) return;
    new CallTickets(services.pool()).callIdOf(ticketId)
        .compose(callId -> {
          // Reads also join on tickets.call_id, so a call stored after the ticket (write-behind) still shows the link.
          return callId == null ? Future.succeededFuture() : services.telephony().calls().linkTicket(callId, ticketId);
        })
        .onFailure(e -> log.debug("ticket {} not linked to its call yet: {}", ticketId, e.getMessage()));
  }

  private void callback(Callbacks.Outcome o) {
    if (o.ticketId() == null) return;
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("linkedid", o.linkedid());
    payload.put("callbackId", o.callbackId());
    payload.put("status", o.status());
    String type = "REQUESTED".equals(o.status()) ? REQUESTED : OUTCOME;
    inTurn(o.ticketId(), () -> services.users().find(o.operatorUsername())
        .compose(user -> user == null ? Future.failedFuture("unknown operator")
            : services.tickets().annotate(user.actor(), o.ticketId(), type, null, payload))
        .onFailure(e -> log.warn("callback {} not recorded on ticket {}: {}", o.callbackId(), o.ticketId(), e.getMessage()))
        .mapEmpty());
  }

  /** The last annotation started per ticket; removed when it is still the last one once it ends. */
  private final Map<Long, Future<Void>> tails = new HashMap<>();

  /**
   * Runs the ticket's annotations one after another in the order the bridge told them. Started side by side, an
   * outcome that follows its request by a few milliseconds (the loopback PBX answers at once) could commit first, so
   * the history showed the outcome before the request, or only the outcome to whoever read it in between.
   */
  private synchronized void inTurn(long ticketId, java.util.function.Supplier<Future<Void>> next) {
    Future<Void> prev = tails.getOrDefault(ticketId, Future.succeededFuture());
    Future<Void> mine = prev.transform(ignored -> next.get());
    tails.put(ticketId, mine);
    mine.onComplete(ar -> {
      synchronized (this) {
        tails.remove(ticketId, mine);
      }
    });
  }
}
