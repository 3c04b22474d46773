package cn.hotline12349.core.partner;

import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Tier;
import java.util.List;
import java.util.Locale;

/** A directory entry before it is stored (from config/partners.yaml or the admin API), with its validation. */
public record PartnerEntry(String code, PartnerKind kind, String orgCode, String name, List<Partner.Channel> channels,
                           boolean demo) {
  public static final String CODE_PATTERN = "[A-Z0-9][A-Z0-9_-]{2,63}";
  public static final int MAX_TEXT = 200;

  public PartnerEntry {
    channels = channels == null ? List.of() : List.copyOf(channels);
  }

  /** The first problem as {@code field: message}, or null when the entry is valid. */
  public static String problem(String code, String kind, String org, String name, List<Partner.Channel> channels,
                               OrgTree orgs) {
    if (code == null || !code.matches(CODE_PATTERN)) {
      return "code: required, upper-case letters, digits, - and _ (3 to 64), e.g. QH-630100-POLICE";
    }
    PartnerKind k = kind(kind);
    if (k == null) return "kind: must be one of " + List.of(PartnerKind.values());
    if (org == null || orgs.find(org).isEmpty()) return "org: unknown org unit " + org;
    if (k.countyLevel() && orgs.get(org).tier() != Tier.COUNTY) {
      return "org: a " + k + " is recorded at the county that assigns its work, not at " + org;
    }
    if (name == null || name.isBlank() || name.length() > MAX_TEXT) return "name: required, at most " + MAX_TEXT + " characters";
    if (channels == null || channels.isEmpty()) return "channels: at least one contact channel is required";
    for (int i = 0; i < channels.size(); i++) {
      Partner.Channel c = channels.get(i);
      if (c.type() == null || !Partner.Channel.TYPES.contains(c.type())) {
        return "channels[" + i + "].type: must be one of " + Partner.Channel.TYPES;
      }
      if (c.value() == null || c.value().isBlank() || c.value().length() > MAX_TEXT) {
        return "channels[" + i + "].value: required, at most " + MAX_TEXT + " characters";
      }
    }
    return null;
  }

  static PartnerKind kind(String s) {
    if (s == null) return null;
    try {
      return PartnerKind.valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
