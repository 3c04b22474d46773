package cn.hotline12349.core.domain;

import java.util.Map;

/** An accepted command: the event to record and the state that follows. */
public record Transition(
    TicketEventType type, TicketStatus from, TicketStatus to, String reason, Map<String, Object> payload,
    TicketState after) {

  public Transition {
    payload = Map.copyOf(payload);
  }
}
