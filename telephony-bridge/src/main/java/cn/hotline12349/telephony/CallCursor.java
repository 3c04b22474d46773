package cn.hotline12349.telephony;

import cn.hotline12349.core.paging.KeysetCursor;
import cn.hotline12349.core.paging.KeysetCursor.Part;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The key of a call list page's last call (start time in epoch microseconds, {@link Long#MIN_VALUE} for a call without
 * one, and linkedid), written by the one cursor codec ({@link KeysetCursor}).
 */
record CallCursor(long micros, String linkedid) {
  private static final KeysetCursor CODEC = KeysetCursor.of("calls", Part.LONG, Part.TEXT);

  String encode() { return CODEC.encode(micros, linkedid); }

  /** The key of {@code cursor}; one that is not a call list's fails with InvalidCursorException (422 on cursor). */
  static CallCursor decode(String cursor) {
    KeysetCursor.Key k = CODEC.decode(cursor);
    return k == null ? null : new CallCursor(k.number(0), k.text(1));
  }

  static long microsOf(String instant) {
    if (instant == null) return Long.MIN_VALUE;
    Instant t = Instant.parse(instant);
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }
}
