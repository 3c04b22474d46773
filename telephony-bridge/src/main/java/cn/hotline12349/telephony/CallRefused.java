package cn.hotline12349.telephony;

/** A telephony request refused before anything reached the PBX; the REST layer maps {@link Reason} to a status. */
public final class CallRefused extends RuntimeException {
  public enum Reason {
    /** No such call (or no caller number on it). */
    UNKNOWN_CALL,
    /** The operator has no phone in pbx-mapping.yaml, so nothing can ring on their desk. */
    NO_EXTENSION,
    /** The number is not one the PBX can dial. */
    NOT_DIALABLE,
    /** Neither a number nor a call to return was given. */
    NO_TARGET,
    /** Pausing an operator who is not in the queue. */
    NOT_IN_QUEUE,
    /** Transfer of a call that is not answered and live (or whose channels are unknown). */
    NOT_TRANSFERABLE,
    /** Hang-up of a call that has already ended. */
    CALL_ENDED
  }

  private final Reason reason;

  public CallRefused(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() { return reason; }
}
