package cn.hotline12349.core.domain;

/**
 * Normalizes Chinese phone numbers so that one caller is recognised however the PBX or the operator wrote the
 * number: +86 / 0086 / 86 prefixes are dropped, mobiles are 11 digits starting with 1, landlines keep their area code
 * with the leading 0 (0971xxxxxxx).
 */
public final class PhoneNumbers {
  private PhoneNumbers() {}

  /** The normalized form, or null when the input holds no digits. */
  public static String normalize(String raw) {
    if (raw == null) return null;
    String digits = raw.replaceAll("[^0-9]", "");
    if (digits.isEmpty()) return null;
    if (digits.startsWith("0086")) digits = digits.substring(4);
    else if (digits.startsWith("86") && digits.length() >= 12) digits = digits.substring(2);
    if (digits.length() == 12 && digits.startsWith("01")) digits = digits.substring(1); // 0 dialled before a mobile
    if (digits.length() >= 9 && !digits.startsWith("1") && !digits.startsWith("0")) digits = "0" + digits;
    return digits;
  }

  /** The number with its middle hidden, for roles that need to recognise a caller but not call them. */
  public static String mask(String raw) {
    if (raw == null) return null;
    if (raw.length() <= 4) return "*".repeat(raw.length());
    int keepEnd = 4;
    int keepStart = Math.min(3, raw.length() - keepEnd);
    return raw.substring(0, keepStart) + "*".repeat(raw.length() - keepStart - keepEnd)
        + raw.substring(raw.length() - keepEnd);
  }
}
