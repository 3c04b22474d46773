package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Severity;

/**
 * How the two learned classifiers are combined, all chosen by cross-validation ({@link IntakeTrainer}):
 * <ul>
 *   <li>sub-class: {@code mix} x the regression's calibrated probabilities + (1 - mix) x the k-NN vote, then a power
 *       {@code 1/subPower} (renormalised) so the combined probabilities are calibrated again;</li>
 *   <li>severity: a weighted average of the severity regression, the k-NN severity vote, and the severity the predicted
 *       sub-class usually has ({@code sum over sub-classes p(sub) x P(severity | sub)} from the training labels): the
 *       level conditioned on the class.</li>
 * </ul>
 * {@code mix = 1}, {@code sevWeights = {1, 0, 0}} is the regression alone (models built before k-NN).
 */
record IntakeEnsemble(int k, double tau, double mix, double subPower, double[] sevWeights, double[][] sevGivenSub) {
  static IntakeEnsemble regressionOnly(int subClasses) {
    return new IntakeEnsemble(0, 1, 1, 1, new double[] {1, 0, 0}, uniform(subClasses));
  }

  double[] subProbabilities(double[] lr, double[] knn) { return combine(lr, knn, mix, subPower); }

  double[] severityProbabilities(double[] subProbabilities, double[] lr, double[] knn) {
    return severity(subProbabilities, lr, knn, sevWeights, sevGivenSub);
  }

  static double[] combine(double[] lr, double[] knn, double mix, double power) {
    double[] p = new double[lr.length];
    double sum = 0;
    for (int c = 0; c < p.length; c++) {
      double v = knn == null ? lr[c] : mix * lr[c] + (1 - mix) * knn[c];
      p[c] = Math.pow(Math.max(v, 1e-12), 1 / power);
      sum += p[c];
    }
    for (int c = 0; c < p.length; c++) p[c] /= sum;
    return p;
  }

  static double[] severity(double[] pSub, double[] lr, double[] knn, double[] w, double[][] sevGivenSub) {
    int levels = Severity.values().length;
    double[] p = new double[levels];
    for (int s = 0; s < levels; s++) {
      double prior = 0;
      for (int c = 0; c < pSub.length; c++) prior += pSub[c] * sevGivenSub[c][s];
      p[s] = w[0] * lr[s] + (knn == null ? 0 : w[1] * knn[s]) + w[2] * prior;
    }
    double sum = 0;
    for (double v : p) sum += v;
    for (int s = 0; s < levels; s++) p[s] /= sum;
    return p;
  }

  /** P(severity | sub-class) from labels, with one pseudo-count per level so an unseen pair is unlikely, not impossible. */
  static double[][] sevGivenSub(int[] sub, int[] sev, int subClasses) {
    int levels = Severity.values().length;
    double[][] t = new double[subClasses][levels];
    for (double[] row : t) java.util.Arrays.fill(row, 1);
    for (int i = 0; i < sub.length; i++) t[sub[i]][sev[i]]++;
    for (double[] row : t) {
      double sum = 0;
      for (double v : row) sum += v;
      for (int s = 0; s < levels; s++) row[s] /= sum;
    }
    return t;
  }

  private static double[][] uniform(int subClasses) {
    double[][] t = new double[subClasses][Severity.values().length];
    for (double[] row : t) java.util.Arrays.fill(row, 1.0 / row.length);
    return t;
  }
}
