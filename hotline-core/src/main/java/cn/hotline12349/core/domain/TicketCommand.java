package cn.hotline12349.core.domain;

/** Every action a user may take on an existing ticket; one record per action. */
public sealed interface TicketCommand {
  /** The path segment of the action in the REST API. */
  String action();

  record Dispatch(String countyCode) implements TicketCommand { public String action() { return "dispatch"; } }

  record Claim() implements TicketCommand { public String action() { return "claim"; } }

  record AddNote(String text, boolean childContacted) implements TicketCommand {
    public String action() { return "notes"; }
  }

  record SubmitResult(String summary) implements TicketCommand { public String action() { return "result"; } }

  enum ReviewDecision { ACCEPT, RETURN }

  record Review(ReviewDecision decision, String comment) implements TicketCommand {
    public String action() { return "review"; }
  }

  record Reply(boolean reached, Integer satisfaction, String comment) implements TicketCommand {
    public String action() { return "reply"; }
  }

  record Close() implements TicketCommand { public String action() { return "close"; } }

  record ResolveAtIntake(String answer) implements TicketCommand {
    public String action() { return "resolve-at-intake"; }
  }

  record Transfer(String countyCode, String reason) implements TicketCommand {
    public String action() { return "transfer"; }
  }

  record Suspend(String reason) implements TicketCommand { public String action() { return "suspend"; } }

  record Resume() implements TicketCommand { public String action() { return "resume"; } }

  record Reopen(String reason) implements TicketCommand { public String action() { return "reopen"; } }

  /**
   * A supervisor hands the ticket to a named handler of its county (or takes it from an absent claimer), with a
   * reason. The service resolves the handler; the rules check that the handler belongs to the ticket's county.
   */
  record Assign(long handlerId, Role handlerRole, String handlerOrg, String reason) implements TicketCommand {
    public String action() { return "assign"; }
  }

  /** 并单: this ticket is a duplicate and ends, closed into {@code survivorId}, which carries on. */
  record MergeInto(long survivorId, String survivorRef, String reason) implements TicketCommand {
    public String action() { return "merge"; }
  }
}
