package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Tier;

/**
 * The one place that decides which tickets a user may see and act on (docs/domain.md §10): the province sees all; a
 * prefecture the tickets it took in and those dispatched to its counties; a county the tickets dispatched to it.
 */
public record AccessScope(Tier tier, String orgCode) {

  public static AccessScope of(Actor actor, OrgTree orgs) {
    return new AccessScope(orgs.get(actor.orgCode()).tier(), actor.orgCode());
  }

  public boolean allows(String intakeOrg, String countyCode, OrgTree orgs) {
    return switch (tier) {
      case PROVINCE -> true;
      case PREFECTURE -> orgCode.equals(intakeOrg) || (countyCode != null && orgs.within(countyCode, orgCode));
      case COUNTY -> orgCode.equals(countyCode);
    };
  }

  /**
   * A SQL condition over table alias {@code t} with this scope's org code as parameter {@code $n}; every ticket query
   * carries it.
   */
  public String sql(int n) {
    return switch (tier) {
      case PROVINCE -> "($" + n + "::text is not null)";
      case PREFECTURE -> "(t.intake_org = $" + n
          + " or t.county_code in (select code from org_units where parent_code = $" + n + "))";
      case COUNTY -> "(t.county_code = $" + n + ")";
    };
  }

  /** Whether the scope covers org unit {@code code} (for filters such as {@code ?org=}). */
  public boolean covers(String code, OrgTree orgs) {
    return tier == Tier.PROVINCE || orgs.within(code, orgCode);
  }
}
