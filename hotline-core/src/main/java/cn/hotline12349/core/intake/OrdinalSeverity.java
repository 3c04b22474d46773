package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.intake.learn.SoftmaxRegression;

/**
 * Severity as an ordered scale (EMERGENCY > HIGH > NORMAL > CONSULT) rather than four unrelated classes: three binary
 * regressions answer "at least as grave as EMERGENCY / HIGH / NORMAL?" (Frank and Hall's cumulative split), and the
 * level probabilities are the differences. A severity regression with 6 rows (3 pairs) is read this way; one with 4
 * rows is a plain softmax.
 */
final class OrdinalSeverity {
  private OrdinalSeverity() {}

  static final int SPLITS = Severity.values().length - 1;

  static boolean isOrdinal(double[] logits) { return logits.length == 2 * SPLITS; }

  /** Labels of the binary split {@code j}: 1 when the level is at least as grave as level {@code j}. */
  static int[] split(int[] severityOrdinal, int j) {
    int[] y = new int[severityOrdinal.length];
    for (int i = 0; i < y.length; i++) y[i] = severityOrdinal[i] <= j ? 1 : 0;
    return y;
  }

  /** Level probabilities from raw logits (softmax rows or ordinal pairs), at {@code temperature}. */
  static double[] probabilities(double[] logits, double temperature) {
    if (!isOrdinal(logits)) return SoftmaxRegression.softmax(logits, temperature);
    int levels = SPLITS + 1;
    double[] atLeast = new double[levels];
    double prev = 0;
    for (int j = 0; j < SPLITS; j++) {
      double q = SoftmaxRegression.softmax(new double[] {logits[2 * j], logits[2 * j + 1]}, temperature)[1];
      atLeast[j] = Math.max(prev, q); // the cumulative answers must not contradict each other
      prev = atLeast[j];
    }
    atLeast[SPLITS] = 1;
    double[] p = new double[levels];
    double before = 0;
    for (int j = 0; j < levels; j++) {
      p[j] = Math.max(1e-6, atLeast[j] - before);
      before = atLeast[j];
    }
    double sum = 0;
    for (double v : p) sum += v;
    for (int j = 0; j < levels; j++) p[j] /= sum;
    return p;
  }

  /** Joins the binary regressions into one weight matrix of 2 rows per split. */
  static SoftmaxRegression join(SoftmaxRegression[] splits) {
    double[][] w = new double[2 * splits.length][];
    for (int j = 0; j < splits.length; j++) {
      w[2 * j] = splits[j].weights()[0];
      w[2 * j + 1] = splits[j].weights()[1];
    }
    return new SoftmaxRegression(w);
  }
}
