package cn.hotline12349.telephony.domain;

import java.util.Optional;

/**
 * Normalizes Chinese phone numbers so that one caller matches across calls and tickets:
 * mobiles become their 11 digits, landlines become 0 + area code + subscriber number,
 * whatever prefix (+86, 0086, 86) or separators the source used.
 */
public final class PhoneNumbers {
  private PhoneNumbers() {}

  /** Returns the canonical form, or empty when the input is not a dialable number (e.g. "anonymous"). */
  public static Optional<String> normalize(String raw) {
    return normalize(raw, null);
  }

  /**
   * @param defaultAreaCode area code (with leading 0) to prepend to a bare 7-8 digit local number,
   *     e.g. the trunk's area; null leaves local numbers as they are
   */
  public static Optional<String> normalize(String raw, String defaultAreaCode) {
    if (raw == null) return Optional.empty();
    String s = raw.strip();
    boolean plus = s.startsWith("+");
    StringBuilder d = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c >= '0' && c <= '9') d.append(c);
      else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '+' && c != '.') return Optional.empty();
    }
    String n = d.toString();
    if (n.isEmpty()) return Optional.empty();
    if (n.startsWith("0086")) n = n.substring(4);
    else if ((plus || n.length() >= 12) && n.startsWith("86")) n = n.substring(2);
    else if (plus) return Optional.empty(); // a foreign number: not ours to normalize
    if (n.length() == 11 && n.charAt(0) == '1') return Optional.of(n);
    if (n.length() == 12 && n.startsWith("01") && n.charAt(2) != '0') return Optional.of(n.substring(1)); // 0 before a mobile
    if (n.charAt(0) != '0' && n.length() >= 9 && n.length() <= 11 && n.charAt(0) != '1') n = "0" + n; // area code without its 0
    else if (n.length() >= 9 && n.length() <= 11 && n.startsWith("10")) n = "0" + n; // Beijing 10xxxxxxxx
    if (n.charAt(0) == '0' && n.length() >= 10 && n.length() <= 12) return Optional.of(n);
    if ((n.length() == 7 || n.length() == 8) && defaultAreaCode != null) return Optional.of(defaultAreaCode + n);
    if (n.length() >= 3 && n.length() <= 8) return Optional.of(n); // short/service numbers such as 12349, 110
    return Optional.empty();
  }

  public static boolean isMobile(String normalized) {
    return normalized != null && normalized.length() == 11 && normalized.charAt(0) == '1';
  }

  /** Area code of a normalized landline (010, 02x are three digits; the rest, e.g. 0971, four), else empty. */
  public static Optional<String> areaCode(String normalized) {
    if (normalized == null || normalized.length() < 10 || normalized.charAt(0) != '0') return Optional.empty();
    char second = normalized.charAt(1);
    return Optional.of(second == '1' || second == '2' ? normalized.substring(0, 3) : normalized.substring(0, 4));
  }

  /** For logs: never the whole number. */
  public static String mask(String number) {
    if (number == null || number.length() < 5) return "***";
    return number.substring(0, 3) + "****" + number.substring(number.length() - 2);
  }
}
