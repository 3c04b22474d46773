package cn.hotline12349.core.ticket;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** Owns the {@code hotline.ticket.*} address family: news of committed ticket changes, published after commit. */
public final class TicketEvents {
  public static final String PREFIX = "hotline.ticket.";
  /** Every committed change of any ticket. */
  public static final String CHANGED = PREFIX + "changed";
  public static final String CREATED = PREFIX + "created";
  public static final String ESCALATED = PREFIX + "escalated";

  private TicketEvents() {}

  /** The address of one kind of change, e.g. {@code hotline.ticket.claimed}. */
  public static String address(String eventType) { return PREFIX + eventType.toLowerCase(Locale.ROOT); }

  public static void publish(EventBus bus, TicketTransition t) {
    JsonObject body = toJson(t);
    bus.publish(CHANGED, body);
    bus.publish(address(t.type()), body);
  }

  /**
   * As {@link #publish(EventBus, TicketTransition)} with extra codes in the body (e.g. an SLA event's stage and
   * target org); the standard fields win over same-named extras.
   */
  public static void publish(EventBus bus, TicketTransition t, JsonObject extra) {
    JsonObject body = extra.copy().mergeIn(toJson(t));
    bus.publish(CHANGED, body);
    bus.publish(address(t.type()), body);
  }

  /** The message body: ids, codes and states only; never names, numbers or note text. */
  public static JsonObject toJson(TicketTransition t) {
    JsonObject body = new JsonObject()
        .put("ticketId", t.ticketId())
        .put("type", t.type())
        .put("fromStatus", t.fromStatus() == null ? null : t.fromStatus().name())
        .put("toStatus", t.toStatus() == null ? null : t.toStatus().name())
        .put("at", t.at().toString())
        .put("countyCode", t.countyCode())
        .put("intakeOrg", t.intakeOrg())
        .put("severity", t.severity().name())
        .put("version", t.version());
    // A transfer is news for the county the ticket left too (its screens must drop the ticket).
    if (t.payload().get("fromCounty") instanceof String from && !from.equals(t.countyCode())) body.put("fromCountyCode", from);
    return body;
  }
}
