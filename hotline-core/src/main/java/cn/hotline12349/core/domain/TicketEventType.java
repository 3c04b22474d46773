package cn.hotline12349.core.domain;

import java.util.Locale;

/** Kinds of ticket event the lifecycle writes; stored as text so other modules may add their own kinds. */
public enum TicketEventType {
  CREATED, DISPATCHED, CLAIMED, NOTE_ADDED, RESULT_SUBMITTED, RESULT_ACCEPTED, RESULT_RETURNED,
  REPLY_ATTEMPTED, REPLIED, CLOSED, RESOLVED_AT_INTAKE, TRANSFERRED, SUSPENDED, RESUMED, REOPENED, ASSIGNED,
  /** Class, sub-class or level corrected after creation ({@link Reclassification}); the state stays. */
  RECLASSIFIED;

  /** The last segment of the event-bus address that carries this kind, e.g. {@code result_submitted}. */
  public String addressSuffix() { return name().toLowerCase(Locale.ROOT); }
}
