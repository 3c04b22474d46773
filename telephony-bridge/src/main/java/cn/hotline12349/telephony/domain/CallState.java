package cn.hotline12349.telephony.domain;

/** Lifecycle of one call; derived from the facts a {@link Call} holds, never stored independently. */
public enum CallState {
  RINGING, IVR, QUEUED, OFFERED, ANSWERED, TRANSFERRED, ENDED, ABANDONED;

  public boolean terminal() {
    return this == ENDED || this == ABANDONED;
  }
}
