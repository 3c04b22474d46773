package cn.hotline12349.core.domain;

import java.util.Objects;

/** An administrative division (GB/T 2260 code) that is also an org unit of the hotline. */
public record OrgUnit(String code, String nameZh, String nameEn, Tier tier, String parentCode) {
  public OrgUnit {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(nameZh, "nameZh");
    Objects.requireNonNull(tier, "tier");
    if (!code.matches("\\d{6}")) throw new IllegalArgumentException("org code must be 6 digits: " + code);
    if ((tier == Tier.PROVINCE) != (parentCode == null)) {
      throw new IllegalArgumentException("only the province has no parent: " + code);
    }
  }
}
