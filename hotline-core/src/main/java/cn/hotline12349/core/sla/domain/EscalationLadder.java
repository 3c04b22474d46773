package cn.hotline12349.core.sla.domain;

import cn.hotline12349.core.domain.Tier;
import java.util.Optional;

/**
 * Who hears about a late clock. Mark 0 warns the owner; mark k ≥ 1 escalates k tiers above the base (the owner of a
 * stage clock, the issuer of a supervision order), so county → prefecture → province. Once the province has been
 * reached there is nobody above: later marks are recorded as breaches without a new target.
 */
public final class EscalationLadder {
  private EscalationLadder() { }

  public static Optional<Tier> target(Tier base, int level) {
    if (level < 1) throw new IllegalArgumentException("escalation levels start at 1");
    Tier t = base;
    for (int i = 0; i < level; i++) {
      if (t == Tier.PROVINCE) return Optional.empty();
      t = t.above();
    }
    return Optional.of(t);
  }

  /** The stable key of one mark of one clock generation: the unique index that makes firing exactly once. */
  public static String idempotencyKey(long ticketId, String clockKey, int generation, int mark) {
    return "sla:" + ticketId + ":" + clockKey + ":g" + generation + ":m" + mark;
  }
}
