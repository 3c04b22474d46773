package cn.hotline12349.core.audit;

/**
 * A read's audit entry could not be written, so the read is withheld: nothing of it may leave unaudited. The HTTP edge
 * answers it like an access audit that failed (503 problem+json, Retry-After, no data).
 */
public final class AuditUnavailableException extends RuntimeException {
  public AuditUnavailableException(Throwable cause) {
    super("the read's audit entry was not written", cause, false, false);
  }
}
