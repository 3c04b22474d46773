package cn.hotline12349.core.ticket;

import cn.hotline12349.core.paging.KeysetCursor;
import cn.hotline12349.core.paging.KeysetCursor.Part;
import java.util.Map;

/**
 * The key of a ticket list page's last row ({@code kind} Q: queue order, R: newest first, S: search), written by the
 * one cursor codec ({@link KeysetCursor}, one tag per kind, so a cursor of one order is refused by another). Times are
 * epoch microseconds (PostgreSQL's precision), 'infinity' as {@link Long#MAX_VALUE}.
 */
record ListCursor(String kind, long a, long b, long id) {
  private static final Map<String, KeysetCursor> CODECS = Map.of(
      "Q", KeysetCursor.of("tickets-queue", Part.LONG, Part.LONG, Part.LONG),
      "R", KeysetCursor.of("tickets-recent", Part.LONG, Part.LONG, Part.LONG),
      "S", KeysetCursor.of("tickets-search", Part.LONG, Part.LONG, Part.LONG));

  String encode() { return CODECS.get(kind).encode(a, b, id); }

  /** The key of {@code cursor} (null: none); a cursor that is not one of this kind's fails with InvalidCursorException. */
  static ListCursor decode(String cursor, String expectedKind) {
    KeysetCursor.Key k = CODECS.get(expectedKind).decode(cursor);
    return k == null ? null : new ListCursor(expectedKind, k.number(0), k.number(1), k.number(2));
  }
}
