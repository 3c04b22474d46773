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

  /**
   * The number with most of it hidden, for roles that need to recognise a caller but not call them. Every length is
   * masked: 11 digits and more keep the first 3 and last 4 (138****5678), 9–10 digits the first 3 and last 2, a 7–8
   * digit local number or a 5-digit service number only its last 2 (*****78, ***49), 4 digits or fewer nothing.
   */
  public static String mask(String raw) {
    if (raw == null) return null;
    int n = raw.length();
    if (n <= 4) return "*".repeat(n);
    int keepStart = n >= 9 ? 3 : 0;
    int keepEnd = n >= 11 ? 4 : 2;
    return raw.substring(0, keepStart) + "*".repeat(n - keepStart - keepEnd) + raw.substring(n - keepEnd);
  }
}
