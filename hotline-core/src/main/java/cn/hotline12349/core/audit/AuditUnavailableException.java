package cn.hotline12349.core.audit;

/**
 * A read's or a control action's audit entry could not be written, so the read is withheld or the action not done:
 * nothing of it may happen unaudited. The HTTP edge answers it like an access audit that failed (503 problem+json,
 * Retry-After, no data).
 */
public final class AuditUnavailableException extends RuntimeException {
  public AuditUnavailableException(Throwable cause) {
    super("the audit entry was not written", cause, false, false);
  }
}
