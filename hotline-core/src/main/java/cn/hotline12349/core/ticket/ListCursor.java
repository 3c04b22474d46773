package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code next} of a keyset page: the sort key of the last row shown ({@code kind|a|b|id}), so the next
 * page starts strictly after it whatever was inserted meanwhile. Times are epoch microseconds (PostgreSQL's
 * precision), 'infinity' as {@link Long#MAX_VALUE}.
 */
record ListCursor(String kind, long a, long b, long id) {
  String encode() {
    String raw = kind + "|" + a + "|" + b + "|" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static ListCursor decode(String cursor, String expectedKind) {
    if (cursor == null) return null;
    try {
      String[] p = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      if (p.length != 4 || !p[0].equals(expectedKind)) throw new IllegalArgumentException("kind");
      return new ListCursor(p[0], Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]));
    } catch (IllegalArgumentException e) {
      throw new RuleViolationException(RuleViolation.invalid("cursor",
          "cursor is not a 'next' of this list (filters and order must stay the same)"));
    }
  }
}
