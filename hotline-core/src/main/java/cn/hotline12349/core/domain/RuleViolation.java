package cn.hotline12349.core.domain;

/** Why a command was refused. {@code field} names the input at fault, or is null for a state or role rule. */
public record RuleViolation(Kind kind, String rule, String field, String message) {
  public enum Kind {
    /** The input is malformed or names something unknown. */
    INVALID,
    /** The actor's role or org unit may not do this. */
    FORBIDDEN,
    /** The ticket's current state does not allow it, or another change came first. */
    CONFLICT,
    /** No such ticket (or none the actor may know of). */
    NOT_FOUND
  }

  public static RuleViolation invalid(String field, String message) {
    return new RuleViolation(Kind.INVALID, "invalid-input", field, message);
  }

  public static RuleViolation forbidden(String rule, String message) {
    return new RuleViolation(Kind.FORBIDDEN, rule, null, message);
  }

  public static RuleViolation notFound(String message) {
    return new RuleViolation(Kind.NOT_FOUND, "not-found", null, message);
  }

  public static RuleViolation conflict(String rule, String message) {
    return new RuleViolation(Kind.CONFLICT, rule, null, message);
  }
}
