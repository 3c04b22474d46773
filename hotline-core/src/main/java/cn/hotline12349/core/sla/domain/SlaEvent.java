package cn.hotline12349.core.sla.domain;

import cn.hotline12349.core.domain.TicketEventType;
import java.time.Instant;
import java.util.Objects;

/** The part of a ticket event the clocks care about. */
public record SlaEvent(TicketEventType type, Instant at, boolean childContacted) {
  public SlaEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
  }

  public static SlaEvent of(TicketEventType type, Instant at) { return new SlaEvent(type, at, false); }
}
