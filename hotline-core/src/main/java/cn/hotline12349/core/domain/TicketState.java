package cn.hotline12349.core.domain;

import java.util.Objects;

/** What the lifecycle rules need to know of a ticket. */
public record TicketState(
    TicketStatus status,
    String intakeOrg,
    String countyCode,
    Long claimedBy,
    TicketStatus suspendedFrom,
    int replyAttempts) {

  public TicketState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(intakeOrg, "intakeOrg");
  }

  /** A suspended ticket's status once resumed (the one it was suspended from; IN_PROGRESS when that is unknown). */
  public TicketStatus resumesTo() { return suspendedFrom == null ? TicketStatus.IN_PROGRESS : suspendedFrom; }

  public static TicketState created(String intakeOrg, String countyCode) {
    return new TicketState(TicketStatus.NEW, intakeOrg, countyCode, null, null, 0);
  }
}
