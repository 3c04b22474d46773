package cn.hotline12349.core.domain;

/** Ticket states of docs/domain.md §6. Escalation is a flag, transfer an event: neither is a state. */
public enum TicketStatus {
  NEW, DISPATCHED, CLAIMED, IN_PROGRESS, RESULT_SUBMITTED, REVIEWED, REPLIED, CLOSED,
  RESOLVED_AT_INTAKE, SUSPENDED;

  /** States in which a county is acting on the ticket and may be suspended or transferred. */
  public boolean atCounty() {
    return this == DISPATCHED || this == CLAIMED || this == IN_PROGRESS;
  }

  public boolean isOpen() { return this != CLOSED && this != RESOLVED_AT_INTAKE; }
}
