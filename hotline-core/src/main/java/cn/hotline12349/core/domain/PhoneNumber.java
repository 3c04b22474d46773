package cn.hotline12349.core.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A caller's phone number, the one form every module stores and matches on (docs/domain.md, "Phone numbers").
 * Chinese mobiles become their 11 digits, landlines 0 + area code + subscriber number (Beijing 010…), short service
 * numbers (110, 12349) stay as dialled, foreign numbers written with + become + and their digits; whatever prefix
 * (+86, 0086, 86) or separators (space - ( ) .) the source used. A number the caller hid is {@link #WITHHELD}:
 * accepted, but it matches nobody. Anything else (letters, one digit, 30 digits, punctuation) is not a number.
 */
public record PhoneNumber(String normalized) {
  /** The caller withheld the number, or the network did not say: "withheld", "anonymous", "unknown", … */
  public static final PhoneNumber WITHHELD = new PhoneNumber(null);
  /** Longest input taken at all; the PBX and the form never send more. */
  public static final int MAX_INPUT = 32;
  private static final Set<String> WITHHELD_WORDS = Set.of("withheld", "anonymous", "unknown", "private",
      "restricted", "unavailable");

  /** The number, or empty when {@code raw} is not a phone number; withheld words give {@link #WITHHELD}. */
  public static Optional<PhoneNumber> parse(String raw) { return parse(raw, null); }

  /**
   * @param defaultAreaCode area code (with its 0) for a bare 7–8 digit local number, e.g. the trunk's; null keeps
   *     local numbers as dialled
   */
  public static Optional<PhoneNumber> parse(String raw, String defaultAreaCode) {
    if (raw == null) return Optional.empty();
    String s = raw.strip();
    if (s.isEmpty() || s.length() > MAX_INPUT) return Optional.empty();
    if (WITHHELD_WORDS.contains(s.toLowerCase(Locale.ROOT))) return Optional.of(WITHHELD);
    return digits(s, defaultAreaCode).map(PhoneNumber::new);
  }

  /** The normalised form of {@code raw}, or null when it is withheld or not a number (for stores and look-ups). */
  public static String normalize(String raw) {
    return parse(raw).map(PhoneNumber::normalized).orElse(null);
  }

  /** Whether {@code raw} is acceptable input: a number or an explicit withheld word. */
  public static boolean acceptable(String raw) { return parse(raw).isPresent(); }

  private static Optional<String> digits(String s, String defaultAreaCode) {
    boolean plus = s.startsWith("+");
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') d.append(c);
      else if (c == '+' && i == 0) continue;
      else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') return Optional.empty();
    }
    String n = d.toString();
    if (n.isEmpty() || n.length() > 15 + 2) return Optional.empty(); // E.164 allows 15 digits, plus a dialled 00
    if (n.startsWith("0086")) n = n.substring(4);
    else if ((plus || n.length() >= 12) && n.startsWith("86")) n = n.substring(2);
    else if (plus || n.startsWith("00")) return foreign(n.startsWith("00") ? n.substring(2) : n);
    if (n.isEmpty()) return Optional.empty();
    if (n.length() == 11 && n.charAt(0) == '1') return Optional.of(n);
    if (n.length() == 12 && n.startsWith("01") && n.charAt(2) != '0') return Optional.of(n.substring(1)); // 0 before a mobile
    if (n.charAt(0) != '0' && n.length() >= 9 && n.length() <= 11 && n.charAt(0) != '1') n = "0" + n; // area code without its 0
    else if (n.length() >= 9 && n.length() <= 11 && n.startsWith("10")) n = "0" + n; // Beijing 10xxxxxxxx
    if (n.charAt(0) == '0' && n.length() >= 10 && n.length() <= 12) return Optional.of(n);
    if ((n.length() == 7 || n.length() == 8) && defaultAreaCode != null) return Optional.of(defaultAreaCode + n);
    if (n.length() >= 3 && n.length() <= 8 && n.charAt(0) != '0') return Optional.of(n); // 110, 12349, a local number
    return Optional.empty();
  }

  /** A number outside China: kept whole with its country code, as E.164 writes it. */
  private static Optional<String> foreign(String n) {
    return n.length() >= 8 && n.length() <= 15 && n.charAt(0) != '0' ? Optional.of("+" + n) : Optional.empty();
  }

  /**
   * What the PBX can dial back: a Chinese number (its outbound route has no international prefix), else empty.
   */
  public Optional<String> dialable() {
    return normalized == null || normalized.startsWith("+") ? Optional.empty() : Optional.of(normalized);
  }

  public boolean withheld() { return normalized == null; }

  public boolean mobile() { return normalized != null && normalized.length() == 11 && normalized.charAt(0) == '1'; }

  /** Area code of a landline (010 and 02x are three digits, the rest, e.g. 0971, four), else empty. */
  public Optional<String> areaCode() {
    if (normalized == null || normalized.length() < 10 || normalized.charAt(0) != '0') return Optional.empty();
    char second = normalized.charAt(1);
    return Optional.of(second == '1' || second == '2' ? normalized.substring(0, 3) : normalized.substring(0, 4));
  }

  /**
   * The number with its middle hidden (first 3 and last 4 kept; "***" for 4 digits or fewer), for roles that need to
   * recognise a caller but not call them; "withheld" for a withheld number.
   */
  public String masked() {
    if (normalized == null) return "withheld";
    return mask(normalized);
  }

  /** {@link #masked} of a stored or raw number (normalised first when it can be); null stays null. */
  public static String mask(String number) {
    if (number == null) return null;
    Optional<PhoneNumber> p = parse(number);
    if (p.isPresent() && p.get().withheld()) return "withheld";
    String n = p.map(PhoneNumber::normalized).orElse(number);
    if (n.length() <= 4) return "*".repeat(n.length());
    int keepEnd = 4;
    int keepStart = Math.min(3, n.length() - keepEnd);
    return n.substring(0, keepStart) + "*".repeat(n.length() - keepStart - keepEnd) + n.substring(n.length() - keepEnd);
  }

  /** As stored in a caller_number column: the normalised number, or "withheld". */
  @Override
  public String toString() { return normalized == null ? "withheld" : normalized; }
}
