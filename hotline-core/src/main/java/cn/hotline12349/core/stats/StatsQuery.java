package cn.hotline12349.core.stats;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A statistics request: tickets created in [from, to), grouped by one dimension, within {@code org}'s subtree. */
public record StatsQuery(Instant from, Instant to, By by, String org) {
  public enum By { CATEGORY, SEVERITY, COUNTY, MONTH;
    public static By parse(String s) {
      if (s == null || s.isBlank()) return CATEGORY;
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    public static List<String> names() { return List.of("category", "severity", "county", "month"); }
  }
}
