package cn.hotline12349.core.sla.domain;

import cn.hotline12349.core.domain.Tier;

/** The stages of docs/domain.md §7, each with its own clock, plus the clock of a supervision order (督办). */
public enum SlaStage {
  DISPATCH(Owner.INTAKE), CLAIM(Owner.COUNTY), FIRST_CONTACT(Owner.COUNTY), RESULT(Owner.COUNTY),
  REPLY(Owner.INTAKE), SUPERVISION(Owner.SUPERVISED);

  /** Whose job the stage is: the intake org, the county, or the target of a supervision order. */
  public enum Owner { INTAKE, COUNTY, SUPERVISED }

  private final Owner owner;

  SlaStage(Owner owner) { this.owner = owner; }

  public Owner owner() { return owner; }

  public static final SlaStage[] POLICY_STAGES = {DISPATCH, CLAIM, FIRST_CONTACT, RESULT, REPLY};

  /** Default tier of the owner when the org tree is not at hand. */
  public Tier ownerTier() { return owner == Owner.COUNTY ? Tier.COUNTY : Tier.PREFECTURE; }
}
