package cn.hotline12349.core.intake;

import cn.hotline12349.core.intake.learn.CharNgrams;
import cn.hotline12349.core.intake.learn.SoftmaxRegression;
import cn.hotline12349.core.intake.learn.SparseSoftmax;

/**
 * The dedicated "danger now" model: EMERGENCY against every other level, one boundary instead of four. Two views,
 * each calibrated by a temperature fitted on out-of-fold predictions: a regression over the standardised features
 * (sentence vector, rules' evidence, {@link DangerCues}) and one over the character n-grams (null when the model has
 * none); {@code ngramShare} (chosen by cross-validation) mixes them. Immutable.
 */
record DangerModel(SoftmaxRegression dense, double denseTemperature, SparseSoftmax ngram, double ngramTemperature,
                   double ngramShare, boolean pairwise) {
  /**
   * {@code pairwise} (round 6, format 6): trained on EMERGENCY and HIGH notes only, so its probability is
   * P(EMERGENCY | EMERGENCY or HIGH); it then re-divides the mass of those two levels ({@link IntakeEnsemble#withPair})
   * instead of replacing P(EMERGENCY).
   */
  DangerModel(SoftmaxRegression dense, double denseTemperature, SparseSoftmax ngram, double ngramTemperature,
              double ngramShare) {
    this(dense, denseTemperature, ngram, ngramTemperature, ngramShare, false);
  }

  /** The level probabilities with this model blended in with weight {@code weight}. */
  double[] blend(double[] levels, double p, double weight) {
    return pairwise ? IntakeEnsemble.withPair(levels, p, weight) : IntakeEnsemble.withDanger(levels, p, weight);
  }

  /** P(EMERGENCY) from the standardised features and the note's n-grams (null when there are none). */
  double probability(double[] standardised, CharNgrams.Sparse grams) {
    double p = SoftmaxRegression.softmax(dense.logits(standardised), denseTemperature)[1];
    if (ngram == null || grams == null || ngramShare == 0) return p;
    double q = SoftmaxRegression.softmax(ngram.logits(grams), ngramTemperature)[1];
    return (1 - ngramShare) * p + ngramShare * q;
  }
}
