package cn.hotline12349.core.domain;

/** What came of one reply call to the caller (统一回复). */
public enum CallbackOutcome {
  REACHED, NO_ANSWER, WRONG_NUMBER, REFUSED;

  /** Whether the caller was spoken to (the reply is made, even if they declined to rate it). */
  public boolean reached() { return this == REACHED || this == REFUSED; }
}
