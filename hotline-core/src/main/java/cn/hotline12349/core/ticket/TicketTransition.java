package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketStatus;
import java.time.Instant;
import java.util.Map;

/** One committed (or about to be committed) change of a ticket, as hooks and event-bus consumers see it. */
public record TicketTransition(
    long ticketId, String type, TicketStatus fromStatus, TicketStatus toStatus, Instant at, Actor actor,
    Severity severity, String intakeOrg, String countyCode, int version, String reason, Map<String, Object> payload) {
  /** Payload key: on a change of a suspended ticket that keeps it suspended, the status it was suspended from. */
  public static final String SUSPENDED_FROM = "suspendedFrom";

  public TicketTransition {
    payload = payload == null ? Map.of() : Map.copyOf(payload);
  }
}
