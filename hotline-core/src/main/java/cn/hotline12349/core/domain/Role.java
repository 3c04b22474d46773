package cn.hotline12349.core.domain;

public enum Role {
  OPERATOR(Tier.PREFECTURE),
  INTAKE_SUPERVISOR(Tier.PREFECTURE),
  COUNTY_HANDLER(Tier.COUNTY),
  PROVINCE_SUPERVISOR(Tier.PROVINCE),
  ADMIN(Tier.PROVINCE);

  private final Tier tier;

  Role(Tier tier) { this.tier = tier; }

  /** The tier of org unit a user with this role must belong to. */
  public Tier tier() { return tier; }

  public boolean isIntake() { return this == OPERATOR || this == INTAKE_SUPERVISOR; }

  /**
   * Whether this role calls people back and so may ask for a caller's full number (an audited reveal with a purpose,
   * {@link NumberReveal}). No role sees full numbers in lists, details or pushed events.
   */
  public boolean mayRevealCallerNumbers() { return isIntake(); }
}
