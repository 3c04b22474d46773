package cn.hotline12349.core.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The province → prefecture → county tree; immutable once built. */
public final class OrgTree {
  private final Map<String, OrgUnit> byCode;

  public OrgTree(Collection<OrgUnit> units) {
    Map<String, OrgUnit> map = new LinkedHashMap<>();
    for (OrgUnit u : units) {
      if (map.put(u.code(), u) != null) throw new IllegalArgumentException("duplicate org code " + u.code());
    }
    for (OrgUnit u : map.values()) {
      if (u.parentCode() == null) continue;
      OrgUnit parent = map.get(u.parentCode());
      if (parent == null) throw new IllegalArgumentException("unknown parent " + u.parentCode() + " of " + u.code());
      if (parent.tier().ordinal() != u.tier().ordinal() - 1) {
        throw new IllegalArgumentException(u.code() + " (" + u.tier() + ") cannot sit under " + parent.tier());
      }
    }
    this.byCode = Collections.unmodifiableMap(map);
  }

  public Optional<OrgUnit> find(String code) { return Optional.ofNullable(code == null ? null : byCode.get(code)); }

  public OrgUnit get(String code) {
    return find(code).orElseThrow(() -> new IllegalArgumentException("unknown org unit " + code));
  }

  public Collection<OrgUnit> all() { return byCode.values(); }

  public List<OrgUnit> children(String code) {
    List<OrgUnit> out = new ArrayList<>();
    for (OrgUnit u : byCode.values()) if (code.equals(u.parentCode())) out.add(u);
    return out;
  }

  public List<OrgUnit> ofTier(Tier tier) {
    return byCode.values().stream().filter(u -> u.tier() == tier).toList();
  }

  public boolean isCounty(String code) { return find(code).map(u -> u.tier() == Tier.COUNTY).orElse(false); }

  /** True when {@code code} is {@code ancestor} itself or lies below it. */
  public boolean within(String code, String ancestor) {
    for (OrgUnit u = byCode.get(code); u != null; u = u.parentCode() == null ? null : byCode.get(u.parentCode())) {
      if (u.code().equals(ancestor)) return true;
    }
    return false;
  }

  /** The prefecture a county or prefecture belongs to; empty for the province. */
  public Optional<OrgUnit> prefectureOf(String code) {
    for (OrgUnit u = byCode.get(code); u != null; u = u.parentCode() == null ? null : byCode.get(u.parentCode())) {
      if (u.tier() == Tier.PREFECTURE) return Optional.of(u);
    }
    return Optional.empty();
  }
}
