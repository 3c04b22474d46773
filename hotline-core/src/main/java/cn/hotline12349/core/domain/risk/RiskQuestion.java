package cn.hotline12349.core.domain.risk;

/** The structured risk check asked on every call (labels, order and keys in config/risk-check.yaml). */
public enum RiskQuestion {
  /** the child is in danger right now */
  IN_DANGER_NOW,
  /** injured and needing medical care */
  INJURED_NEEDS_CARE,
  /** alone or without a caregiver */
  ALONE_NO_CAREGIVER,
  /** talking about suicide or self-harm */
  SUICIDE_SELF_HARM,
  /** the person who harms the child has access to them now */
  ABUSER_HAS_ACCESS,
  /** under 6 years old or with a disability */
  UNDER6_OR_DISABILITY
}
