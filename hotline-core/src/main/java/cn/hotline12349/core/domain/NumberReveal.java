package cn.hotline12349.core.domain;

import java.util.regex.Pattern;

/**
 * Why a user asks for a caller's full number. Every read shows numbers masked ({@link PhoneNumber#mask}); the full
 * number is given only on an explicit reveal by a role that calls people back, with one of these purposes, and each
 * reveal is audited as {@link #AUDIT_ACTION} with {@link #auditDetail} (purpose and reason, never the number).
 */
public record NumberReveal(Purpose purpose, String reason) {
  public enum Purpose { CALLBACK, REPLY, OTHER }

  public static final String AUDIT_ACTION = "caller-number-revealed";
  public static final int MAX_REASON = 300;
  /** A run of five digits or more would write (part of) a number into the audit. */
  private static final Pattern DIGITS = Pattern.compile("\\d[\\d\\s-]{3,}\\d");

  /** Whether {@code text} holds a run of five digits or more: free text bound for the audit may not (break-glass too). */
  public static boolean holdsNumber(String text) { return text != null && DIGITS.matcher(text).find(); }

  /**
   * The reveal a callback placed from the console amounts to: the browser never gets the number, but the PBX dials the
   * stored number from the user's phone, whose display shows it. Audited with target {@code via=pbx-callback}.
   */
  public static final NumberReveal CALLBACK_DIALLED = new NumberReveal(Purpose.CALLBACK, null);

  /** Parses a request's {@code purpose} (spelt exactly) and {@code reason} (required for OTHER). */
  public static NumberReveal of(String purpose, String reason) {
    if (purpose == null || purpose.isBlank()) throw invalid("purpose", "purpose is required: CALLBACK, REPLY or OTHER");
    Purpose p;
    try {
      p = Purpose.valueOf(purpose);
    } catch (IllegalArgumentException e) {
      throw invalid("purpose", "purpose must be CALLBACK, REPLY or OTHER");
    }
    String r = reason == null || reason.isBlank() ? null : reason.strip();
    if (p == Purpose.OTHER && (r == null || r.length() < 5)) {
      throw invalid("reason", "purpose OTHER needs a reason of at least 5 characters");
    }
    if (r != null && r.length() > MAX_REASON) throw invalid("reason", "reason is longer than " + MAX_REASON + " characters");
    if (r != null && DIGITS.matcher(r).find()) throw invalid("reason", "reason must not hold a phone number");
    return new NumberReveal(p, r);
  }

  /** What the audit keeps: the purpose and the reason, with {@code target} (e.g. "call=…"), never the number. */
  public String auditDetail(String target) {
    StringBuilder b = new StringBuilder("purpose=").append(purpose.name());
    if (target != null) b.append(' ').append(target);
    if (reason != null) b.append(" reason: ").append(reason);
    return b.toString();
  }

  private static RuleViolationException invalid(String field, String message) {
    return new RuleViolationException(RuleViolation.invalid(field, message));
  }
}
