package cn.hotline12349.telephony;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * The opaque {@code next} of a call list page: the sort key of its last call (start time in epoch microseconds,
 * {@link Long#MIN_VALUE} for a call without one, and linkedid), so the next page starts strictly after it.
 */
record CallCursor(long micros, String linkedid) {
  String encode() {
    String raw = "C|" + micros + "|" + linkedid;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static CallCursor decode(String cursor) {
    try {
      String[] p = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
      if (p.length != 3 || !p[0].equals("C") || p[2].isEmpty()) throw new IllegalArgumentException("cursor");
      return new CallCursor(Long.parseLong(p[1]), p[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cursor is not a 'next' of the call list", e);
    }
  }

  static long microsOf(String instant) {
    if (instant == null) return Long.MIN_VALUE;
    Instant t = Instant.parse(instant);
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }
}
