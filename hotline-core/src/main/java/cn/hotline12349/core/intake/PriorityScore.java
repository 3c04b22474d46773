package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * 生命优先、弱势优先、紧迫优先 as one number; queues sort by it, highest first. Pure.
 *
 * <pre>
 * score = band(severity) + min(400, vulnerability) + min(599, waitingMinutes * rate(severity))
 *   band:          EMERGENCY 3000, HIGH 2000, NORMAL 1000, CONSULT 0     (life first: a level is never overtaken)
 *   vulnerability: age under 1 +300, else age under 6 +200; disability +150; no guardian +150 (capped at 400)
 *   rate per minute waiting: EMERGENCY 20, HIGH 5, NORMAL 1, CONSULT 0.5 (urgent first: waiting counts faster
 *                  where harm is closer)
 * </pre>
 * Within a level the sum of both parts stays below 1000, so severity always dominates and, inside a level, a very
 * young or disabled child without a guardian goes ahead of a long wait only up to the caps.
 */
public final class PriorityScore {
  public static final int BAND = 1000;
  public static final int VULNERABILITY_CAP = 400;
  public static final int WAITING_CAP = 599;
  static final int INFANT = 300;
  static final int UNDER_SIX = 200;
  static final int DISABILITY = 150;
  static final int NO_GUARDIAN = 150;

  private PriorityScore() {}

  /** What makes a child more vulnerable; {@code childAge} null when unknown. */
  public record Vulnerability(Integer childAge, boolean disability, boolean noGuardian) {
    public static final Vulnerability NONE = new Vulnerability(null, false, false);
  }

  /** The score with its parts, for display ("why is this first?"). */
  public record Breakdown(int total, int severityPart, int vulnerabilityPart, int waitingPart, List<String> why) {}

  public static int score(Severity severity, Vulnerability v, Instant createdAt, Instant now) {
    return explain(severity, v, createdAt, now).total();
  }

  public static Breakdown explain(Severity severity, Vulnerability v, Instant createdAt, Instant now) {
    List<String> why = new ArrayList<>();
    int sev = band(severity);
    why.add("severity " + severity + " +" + sev);
    int vul = 0;
    Vulnerability vv = v == null ? Vulnerability.NONE : v;
    if (vv.childAge() != null && vv.childAge() < 1) { vul += INFANT; why.add("infant +" + INFANT); }
    else if (vv.childAge() != null && vv.childAge() < 6) { vul += UNDER_SIX; why.add("age under 6 +" + UNDER_SIX); }
    if (vv.disability()) { vul += DISABILITY; why.add("disability +" + DISABILITY); }
    if (vv.noGuardian()) { vul += NO_GUARDIAN; why.add("no guardian +" + NO_GUARDIAN); }
    vul = Math.min(VULNERABILITY_CAP, vul);
    long minutes = Math.max(0, Duration.between(createdAt, now).toMinutes());
    int wait = (int) Math.min(WAITING_CAP, Math.floor(minutes * rate(severity)));
    if (wait > 0) why.add("waiting " + minutes + " min +" + wait);
    return new Breakdown(sev + vul + wait, sev, vul, wait, why);
  }

  static int band(Severity s) {
    return switch (s) {
      case EMERGENCY -> 3 * BAND;
      case HIGH -> 2 * BAND;
      case NORMAL -> BAND;
      case CONSULT -> 0;
    };
  }

  static double rate(Severity s) {
    return switch (s) {
      case EMERGENCY -> 20;
      case HIGH -> 5;
      case NORMAL -> 1;
      case CONSULT -> 0.5;
    };
  }

  /**
   * The score without waiting as a PostgreSQL expression over SQL expressions: severity text, the youngest child's
   * age (int or null), any disability and any child without a guardian (booleans or null): the formula's one SQL
   * form, used by the database function that keeps tickets.queue_rank ({@code core.ticket.QueueRank}, installed by
   * the repeatable migration {@code R__QueueRankFromPriorityScore}) and by the ticket generator's bulk load.
   */
  public static String rankExpression(String severity, String minAge, String disability, String noGuardian) {
    StringBuilder band = new StringBuilder("(case ").append(severity);
    for (Severity s : Severity.values()) band.append(" when '").append(s.name()).append("' then ").append(band(s));
    band.append(" else 0 end)");
    return "(" + band + " + least(" + VULNERABILITY_CAP + ", (case when " + minAge + " < 1 then " + INFANT
        + " when " + minAge + " < 6 then " + UNDER_SIX + " else 0 end)"
        + " + (case when coalesce(" + disability + ", false) then " + DISABILITY + " else 0 end)"
        + " + (case when coalesce(" + noGuardian + ", false) then " + NO_GUARDIAN + " else 0 end)))";
  }

  /** Highest score first, then the earlier arrival; {@code now} fixed for one sort. */
  public static <T> Comparator<T> order(java.util.function.Function<T, Severity> severity,
                                        java.util.function.Function<T, Vulnerability> vulnerability,
                                        java.util.function.Function<T, Instant> createdAt, Instant now) {
    Comparator<T> byScore = Comparator.comparingInt(
        (T t) -> score(severity.apply(t), vulnerability.apply(t), createdAt.apply(t), now)).reversed();
    return byScore.thenComparing(createdAt::apply);
  }
}
