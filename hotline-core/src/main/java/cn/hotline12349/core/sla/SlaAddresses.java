package cn.hotline12349.core.sla;

/** Owns the {@code hotline.sla.*} address family: news of committed SLA facts, published after commit. */
public final class SlaAddresses {
  public static final String PREFIX = "hotline.sla.";
  /** A clock reached its warning fraction: body {ticketId, stage, clockKey, ownerOrg, dueAt, ...}. */
  public static final String WARNED = PREFIX + "warned";
  /** A clock passed an escalation mark: body adds {level, targetTier, targetOrg}. */
  public static final String ESCALATED = PREFIX + "escalated";
  /** A supervision order (督办) was issued or closed. */
  public static final String SUPERVISION = PREFIX + "supervision";

  /**
   * Local, after a ticket change committed: the earliest next firing its clocks got (epoch millis). The scheduler
   * re-arms only if that is earlier than its timer.
   */
  public static final String WAKE = PREFIX + "wake";

  private SlaAddresses() { }
}
