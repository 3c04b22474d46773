package cn.hotline12349.core.paging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The one codec of every keyset list's opaque {@code next}: the sort key of the last row shown, so the next page
 * starts strictly after it whatever arrived meanwhile. One instance per list (its tag names the list and, where they
 * change the sort key, its order and filters), with the kinds of its key's parts.
 *
 * <p>Wire form: URL-safe Base64 without padding of {@code 1|tag|part|...|crc}: a version (so the form can change
 * later and old cursors are refused cleanly), the tag, the parts ({@code %} and {@code |} escaped in text parts) and a
 * CRC-32 of everything before it. The CRC is not a secret (the keyset query still applies the caller's scope, so an
 * edited cursor can only skip rows the caller may see); it turns a garbled or hand-edited cursor into a clear 422
 * instead of a silently wrong page.
 */
public final class KeysetCursor {
  /** The kind of one part of a key. */
  public enum Part { LONG, TEXT }

  static final String VERSION = "1";
  private final String tag;
  private final List<Part> parts;

  private KeysetCursor(String tag, List<Part> parts) {
    if (tag.isEmpty() || tag.contains("|") || tag.contains("%")) throw new IllegalArgumentException("tag " + tag);
    this.tag = tag;
    this.parts = parts;
  }

  /** The codec of a list whose key has these parts, in sort order. */
  public static KeysetCursor of(String tag, Part... parts) { return new KeysetCursor(tag, List.of(parts)); }

  public String tag() { return tag; }

  /** A decoded key: its parts in the codec's order. */
  public record Key(List<Object> values) {
    public long number(int i) { return (Long) values.get(i); }

    public String text(int i) { return (String) values.get(i); }
  }

  /** The cursor of a key; {@code values} are {@code long}s and {@code String}s as the codec's parts say. */
  public String encode(Object... values) {
    if (values.length != parts.size()) throw new IllegalArgumentException(tag + " takes " + parts.size() + " parts");
    StringBuilder raw = new StringBuilder(VERSION).append('|').append(tag);
    for (int i = 0; i < values.length; i++) {
      raw.append('|');
      switch (parts.get(i)) {
        case LONG -> raw.append(((Number) values[i]).longValue());
        case TEXT -> raw.append(escape((String) values[i]));
      }
    }
    String check = Long.toHexString(crc(raw.toString()));
    raw.append('|').append(check);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The key of a cursor, or null for none (null or blank: the first page). */
  public Key decode(String cursor) {
    if (cursor == null || cursor.isBlank()) return null;
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException("not URL-safe Base64");
    }
    int lastBar = raw.lastIndexOf('|');
    if (lastBar < 0 || !raw.substring(lastBar + 1).equals(Long.toHexString(crc(raw.substring(0, lastBar))))) {
      throw new InvalidCursorException("damaged or edited");
    }
    String[] p = raw.substring(0, lastBar).split("\\|", -1);
    if (!p[0].equals(VERSION)) throw new InvalidCursorException("from another version");
    if (p.length < 2 || !p[1].equals(tag)) throw new InvalidCursorException("from another list");
    if (p.length != parts.size() + 2) throw new InvalidCursorException("wrong number of parts");
    List<Object> values = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      String s = p[i + 2];
      try {
        values.add(switch (parts.get(i)) {
          case LONG -> Long.parseLong(s);
          case TEXT -> unescape(s);
        });
      } catch (IllegalArgumentException e) {
        throw new InvalidCursorException("part " + (i + 1) + " is malformed");
      }
    }
    return new Key(List.copyOf(values));
  }

  private static long crc(String s) {
    CRC32 crc = new CRC32();
    crc.update(s.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  private static String escape(String s) { return s.replace("%", "%25").replace("|", "%7C"); }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') { out.append(c); continue; }
      String code = i + 3 <= s.length() ? s.substring(i + 1, i + 3) : "";
      if (code.equals("25")) out.append('%');
      else if (code.equals("7C")) out.append('|');
      else throw new IllegalArgumentException("escape");
      i += 2;
    }
    return out.toString();
  }
}
