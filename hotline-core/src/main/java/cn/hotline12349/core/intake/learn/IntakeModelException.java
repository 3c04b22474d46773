package cn.hotline12349.core.intake.learn;

/** The learned intake model or its native runtime could not be loaded or used; the message says what is missing. */
public final class IntakeModelException extends RuntimeException {
  public IntakeModelException(String message, Throwable cause) { super(message, cause); }

  public IntakeModelException(String message) { super(message); }
}
