package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import java.util.Locale;

/**
 * Aggregate figures of a classifier over a labelled set: accuracy, per-class recall, the class confusion counts,
 * EMERGENCY recall and false-alarm rate. Holds counts only, never a note, so it may be printed for the frozen test.
 */
public final class IntakeMetrics {
  private final int[][] confusion = new int[Category.values().length][Category.values().length];
  private final int[][] severityConfusion = new int[Severity.values().length][Severity.values().length];
  private int n;
  private int subCorrect;
  private static final int BINS = 10;
  private final double[] binConfidence = new double[BINS];
  private final int[] binCorrect = new int[BINS];
  private final int[] binCount = new int[BINS];
  private int unsure;
  private int unsureCorrect;

  /** The class confidence shown, whether the class was right, and whether the suggestion said it was unsure. */
  public void addConfidence(double confidence, boolean correct, boolean unsureSaid) {
    int b = Math.min(BINS - 1, (int) (confidence * BINS));
    binConfidence[b] += confidence;
    binCorrect[b] += correct ? 1 : 0;
    binCount[b]++;
    if (unsureSaid) {
      unsure++;
      unsureCorrect += correct ? 1 : 0;
    }
  }

  /** Expected calibration error of the class confidence, 10 equal-width bins (0 = perfectly calibrated). */
  public double calibrationError() {
    int total = 0;
    for (int c : binCount) total += c;
    double ece = 0;
    for (int b = 0; b < BINS; b++) if (binCount[b] > 0) ece += Math.abs(binCorrect[b] - binConfidence[b]) / total;
    return ece;
  }

  /** Reliability table: per confidence bin, notes, mean confidence and share correct. */
  public String reliability() {
    StringBuilder r = new StringBuilder();
    for (int b = 0; b < BINS; b++) {
      if (binCount[b] == 0) continue;
      r.append(String.format(Locale.ROOT, "    confidence %.1f-%.1f: %4d notes, mean confidence %.3f, correct %.3f%n",
          b / (double) BINS, (b + 1) / (double) BINS, binCount[b], binConfidence[b] / binCount[b],
          binCorrect[b] / (double) binCount[b]));
    }
    return r.toString();
  }

  public void add(Category trueCategory, String trueSub, Severity trueSeverity, Category category, String sub,
                  Severity severity) {
    n++;
    confusion[trueCategory.ordinal()][category.ordinal()]++;
    severityConfusion[trueSeverity.ordinal()][severity.ordinal()]++;
    if (trueSub.equals(sub)) subCorrect++;
  }

  public int size() { return n; }

  public double categoryAccuracy() {
    int ok = 0;
    for (int i = 0; i < confusion.length; i++) ok += confusion[i][i];
    return ok / (double) Math.max(1, n);
  }

  private double sureAccuracy() {
    int ok = 0;
    for (int c : binCorrect) ok += c;
    int total = 0;
    for (int c : binCount) total += c;
    return (ok - unsureCorrect) / (double) Math.max(1, total - unsure);
  }

  public double subcategoryAccuracy() { return subCorrect / (double) Math.max(1, n); }

  public double severityAccuracy() {
    int ok = 0;
    for (int i = 0; i < severityConfusion.length; i++) ok += severityConfusion[i][i];
    return ok / (double) Math.max(1, n);
  }

  public double recall(Category c) {
    int[] row = confusion[c.ordinal()];
    int total = 0;
    for (int v : row) total += v;
    return row[c.ordinal()] / (double) Math.max(1, total);
  }

  public int emergencies() {
    int total = 0;
    for (int v : severityConfusion[Severity.EMERGENCY.ordinal()]) total += v;
    return total;
  }

  public int emergenciesFound() {
    return severityConfusion[Severity.EMERGENCY.ordinal()][Severity.EMERGENCY.ordinal()];
  }

  public double emergencyRecall() { return emergenciesFound() / (double) Math.max(1, emergencies()); }

  /** Share of the calls that are not emergencies which were flagged EMERGENCY. */
  public double falseAlarmRate() {
    int flagged = 0;
    int others = 0;
    for (Severity s : Severity.values()) {
      if (s == Severity.EMERGENCY) continue;
      for (int v : severityConfusion[s.ordinal()]) others += v;
      flagged += severityConfusion[s.ordinal()][Severity.EMERGENCY.ordinal()];
    }
    return flagged / (double) Math.max(1, others);
  }

  public int falseAlarms() {
    int flagged = 0;
    for (Severity s : Severity.values()) {
      if (s != Severity.EMERGENCY) flagged += severityConfusion[s.ordinal()][Severity.EMERGENCY.ordinal()];
    }
    return flagged;
  }

  public String report(String title) {
    StringBuilder b = new StringBuilder(title).append(" (").append(n).append(" notes)\n");
    b.append(String.format(Locale.ROOT, "  category %.3f, sub-class %.3f, severity exact %.3f%n", categoryAccuracy(),
        subcategoryAccuracy(), severityAccuracy()));
    b.append(String.format(Locale.ROOT, "  EMERGENCY recall %d/%d = %.3f, false alarms %d (rate %.3f of non-emergencies)%n",
        emergenciesFound(), emergencies(), emergencyRecall(), falseAlarms(), falseAlarmRate()));
    int confident = 0;
    for (int c : binCount) confident += c;
    if (confident > 0) {
      b.append(String.format(Locale.ROOT, "  class confidence: calibration error (ECE, 10 bins) %.3f; unsure %d (%.3f), of "
          + "which right %.3f; right when sure %.3f%n", calibrationError(), unsure, unsure / (double) confident,
          unsureCorrect / (double) Math.max(1, unsure), sureAccuracy()));
      b.append(reliability());
    }
    b.append("  recall per class:");
    for (Category c : Category.values()) b.append(String.format(Locale.ROOT, " %s %.2f", c, recall(c)));
    b.append("\n  class confusion (row = true, column = suggested, order ");
    for (Category c : Category.values()) b.append(c.name(), 0, 4).append(' ');
    b.append(")\n");
    for (Category c : Category.values()) {
      b.append(String.format("    %-16s", c));
      for (int v : confusion[c.ordinal()]) b.append(String.format("%5d", v));
      b.append('\n');
    }
    b.append("  severity confusion (row = true, column = suggested, EMERGENCY HIGH NORMAL CONSULT)\n");
    for (Severity s : Severity.values()) {
      b.append(String.format("    %-16s", s));
      for (int v : severityConfusion[s.ordinal()]) b.append(String.format("%5d", v));
      b.append('\n');
    }
    return b.toString();
  }
}
