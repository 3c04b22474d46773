package cn.hotline12349.core.referral.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * A referral's life: SENT → ACCEPTED / RETURNED / WAITING → COMPLETED / FAILED. RETURNED (the agency sent it back),
 * COMPLETED and FAILED are ends; a WAITING referral may still be accepted.
 */
public enum ReferralStatus {
  SENT, ACCEPTED, RETURNED, WAITING, COMPLETED, FAILED;

  public Set<ReferralStatus> next() {
    return switch (this) {
      case SENT -> EnumSet.of(ACCEPTED, RETURNED, WAITING, FAILED);
      case WAITING -> EnumSet.of(ACCEPTED, RETURNED, COMPLETED, FAILED);
      case ACCEPTED -> EnumSet.of(WAITING, COMPLETED, FAILED);
      case RETURNED, COMPLETED, FAILED -> EnumSet.noneOf(ReferralStatus.class);
    };
  }

  public boolean canBecome(ReferralStatus to) { return next().contains(to); }

  public boolean ended() { return next().isEmpty(); }

  /** Whether the agency has answered (the acceptance clock stops): anything but still waiting for them. */
  public boolean answersAcceptance() { return this != SENT && this != WAITING; }

  /** A referral that still counts as the police referral a mandatory report needs. */
  public boolean standing() { return this != RETURNED && this != FAILED; }
}
