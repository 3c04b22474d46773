package cn.hotline12349.core.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of file a ticket may carry, recognised by their first bytes, never by the name or the type the browser
 * claims: a file served back to another user's browser must be what it says (an HTML page named .png would run as a
 * page). Photos and the documents counties exchange; nothing executable, no macro-bearing formats.
 */
public enum AttachmentKind {
  JPEG("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, null),
  PNG("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, null),
  PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}, null),
  // A .docx is a zip; the name tells it from other zips, and Word opens it without macros (that is .docm).
  DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", new byte[] {'P', 'K', 3, 4}, ".docx");

  /** Large enough for a phone photo or a scanned report; a ticket is not a file store. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;
  /** Attachments one ticket may carry. */
  public static final int MAX_PER_TICKET = 30;
  public static final int MAX_NAME = 200;

  private final String contentType;
  private final byte[] magic;
  private final String requiredSuffix;

  AttachmentKind(String contentType, byte[] magic, String requiredSuffix) {
    this.contentType = contentType;
    this.magic = magic;
    this.requiredSuffix = requiredSuffix;
  }

  public String contentType() { return contentType; }

  public static Optional<AttachmentKind> detect(byte[] head, String filename) {
    String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
    for (AttachmentKind k : values()) {
      if (head.length >= k.magic.length && Arrays.equals(head, 0, k.magic.length, k.magic, 0, k.magic.length)
          && (k.requiredSuffix == null || name.endsWith(k.requiredSuffix))) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * The name as shown and offered for download: path parts, control characters and quotes removed, at most
   * {@link #MAX_NAME} characters; empty when nothing usable is left.
   */
  public static String cleanName(String filename) {
    if (filename == null) return "";
    String base = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
    StringBuilder out = new StringBuilder();
    base.codePoints().filter(c -> !Character.isISOControl(c) && c != '"' && c != ';')
        .forEach(out::appendCodePoint);
    String s = out.toString().strip();
    return s.codePointCount(0, s.length()) <= MAX_NAME ? s : s.substring(0, s.offsetByCodePoints(0, MAX_NAME));
  }
}
