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
    if (vv.childAge() != null && vv.childAge() < 1) { vul += 300; why.add("infant +300"); }
    else if (vv.childAge() != null && vv.childAge() < 6) { vul += 200; why.add("age under 6 +200"); }
    if (vv.disability()) { vul += 150; why.add("disability +150"); }
    if (vv.noGuardian()) { vul += 150; why.add("no guardian +150"); }
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
   * The same score as a PostgreSQL expression, built from the constants above so SQL and Java cannot drift.
   * Arguments are SQL expressions: severity text, youngest child age (int or null), any disability, any child
   * without guardian (booleans), arrival and "now" (timestamptz). Waiting minutes are truncated as in
   * {@link Duration#toMinutes()}.
   */
  public static String sql(String severity, String minAge, String disability, String noGuardian, String createdAt,
                           String now) {
    StringBuilder band = new StringBuilder("(case ").append(severity);
    StringBuilder rate = new StringBuilder("(case ").append(severity);
    for (Severity s : Severity.values()) {
      band.append(" when '").append(s.name()).append("' then ").append(band(s));
      rate.append(" when '").append(s.name()).append("' then ").append(rate(s));
    }
    band.append(" else 0 end)");
    rate.append(" else 0 end)");
    String vul = "least(" + VULNERABILITY_CAP + ", (case when " + minAge + " < 1 then 300 when " + minAge
        + " < 6 then 200 else 0 end) + (case when coalesce(" + disability + ", false) then 150 else 0 end)"
        + " + (case when coalesce(" + noGuardian + ", false) then 150 else 0 end))";
    String minutes = "greatest(0, floor(extract(epoch from (" + now + " - " + createdAt + ")) / 60))";
    String wait = "least(" + WAITING_CAP + ", floor(" + minutes + " * " + rate + "))";
    return "(" + band + " + " + vul + " + " + wait + ")::int";
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
