package cn.hotline12349.core.domain;

/** The outcome of deciding a command against a ticket's state. */
public sealed interface Decision {
  record Accepted(Transition transition) implements Decision {}

  record Rejected(RuleViolation violation) implements Decision {}
}
