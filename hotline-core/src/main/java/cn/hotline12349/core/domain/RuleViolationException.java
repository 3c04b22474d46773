package cn.hotline12349.core.domain;

/** Carries a refused command to the edge, where it becomes an HTTP problem. */
public class RuleViolationException extends RuntimeException {
  private final RuleViolation violation;

  public RuleViolationException(RuleViolation violation) {
    super(violation.message(), null, false, false);
    this.violation = violation;
  }

  public RuleViolation violation() { return violation; }
}
