package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Severity;

/**
 * How the learned classifiers are combined, all chosen by cross-validation ({@link IntakeTrainer}):
 * <ul>
 *   <li>sub-class: {@code mix} x the regression's calibrated probabilities + (1 - mix) x the k-NN vote, averaged with
 *       weight {@code ngram} with the character n-gram regression, then a power {@code 1/subPower} (renormalised) so
 *       the combined probabilities are calibrated again;</li>
 *   <li>severity: a weighted average of the severity regression, the k-NN severity vote, the severity the predicted
 *       sub-class usually has ({@code sum over sub-classes p(sub) x P(severity | sub)} from the training labels: the
 *       level conditioned on the class) and the n-gram severity regression.</li>
 * </ul>
 * The EMERGENCY probability is then blended with the dedicated binary "danger now" model with weight {@code danger}
 * ({@link #withDanger}).
 * {@code mix = 1}, {@code ngram = 0}, {@code sevWeights = {1, 0, 0, 0}} is the regression alone (models before k-NN).
 */
record IntakeEnsemble(int k, double tau, double mix, double ngram, double subPower, double[] sevWeights,
                      double[][] sevGivenSub, double danger) {
  IntakeEnsemble(int k, double tau, double mix, double ngram, double subPower, double[] sevWeights,
                 double[][] sevGivenSub) {
    this(k, tau, mix, ngram, subPower, sevWeights, sevGivenSub, 0);
  }

  static IntakeEnsemble regressionOnly(int subClasses) {
    return new IntakeEnsemble(0, 1, 1, 0, 1, new double[] {1, 0, 0, 0}, uniform(subClasses));
  }

  /**
   * The level probabilities with the EMERGENCY part blended with the dedicated "danger now" model's probability
   * ({@code (1 - danger) x p(EMERGENCY) + danger x pDanger}); the other levels keep their proportions.
   */
  static double[] withDanger(double[] p, double pDanger, double danger) {
    if (danger == 0 || Double.isNaN(pDanger)) return p;
    int e = Severity.EMERGENCY.ordinal();
    double em = (1 - danger) * p[e] + danger * pDanger;
    double rest = 1 - p[e];
    double[] out = new double[p.length];
    for (int s = 0; s < p.length; s++) {
      out[s] = s == e ? em : (rest <= 1e-12 ? (1 - em) / (p.length - 1) : p[s] * (1 - em) / rest);
    }
    return out;
  }

  /**
   * Round 6: the EMERGENCY and HIGH probabilities re-divided by a pairwise model's {@code pPair} = P(EMERGENCY | EMERGENCY
   * or HIGH): their sum is kept, EMERGENCY's share becomes {@code (1 - weight) x its own share + weight x pPair}; NORMAL
   * and CONSULT are untouched.
   */
  static double[] withPair(double[] p, double pPair, double weight) {
    if (weight == 0 || Double.isNaN(pPair)) return p;
    int e = Severity.EMERGENCY.ordinal();
    int h = Severity.HIGH.ordinal();
    double mass = p[e] + p[h];
    if (mass <= 1e-12) return p;
    double share = (1 - weight) * p[e] / mass + weight * pPair;
    double[] out = p.clone();
    out[e] = mass * share;
    out[h] = mass - out[e];
    return out;
  }

  double[] subProbabilities(double[] lr, double[] knn, double[] ng) { return combine(lr, knn, ng, mix, ngram, subPower); }

  double[] severityProbabilities(double[] subProbabilities, double[] lr, double[] knn, double[] ng) {
    return severity(subProbabilities, lr, knn, ng, sevWeights, sevGivenSub);
  }

  /** (1 - ngram) x (mix x lr + (1 - mix) x knn) + ngram x ng, then the calibrating power; a null part weighs 0. */
  static double[] combine(double[] lr, double[] knn, double[] ng, double mix, double ngram, double power) {
    double[] p = new double[lr.length];
    double sum = 0;
    for (int c = 0; c < p.length; c++) {
      double v = knn == null ? lr[c] : mix * lr[c] + (1 - mix) * knn[c];
      if (ng != null) v = (1 - ngram) * v + ngram * ng[c];
      p[c] = Math.pow(Math.max(v, 1e-12), 1 / power);
      sum += p[c];
    }
    for (int c = 0; c < p.length; c++) p[c] /= sum;
    return p;
  }

  /** Weights {@code w}: regression, k-NN vote, class-conditioned level, n-gram regression. */
  static double[] severity(double[] pSub, double[] lr, double[] knn, double[] ng, double[] w, double[][] sevGivenSub) {
    int levels = Severity.values().length;
    double[] p = new double[levels];
    for (int s = 0; s < levels; s++) {
      double prior = 0;
      for (int c = 0; c < pSub.length; c++) prior += pSub[c] * sevGivenSub[c][s];
      p[s] = w[0] * lr[s] + (knn == null ? 0 : w[1] * knn[s]) + w[2] * prior
          + (ng == null || w.length < 4 ? 0 : w[3] * ng[s]);
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
