package cn.hotline12349.core.intake;

import cn.hotline12349.core.intake.learn.CharNgrams;
import cn.hotline12349.core.intake.learn.SoftmaxRegression;
import cn.hotline12349.core.intake.learn.SparseSoftmax;

/**
 * The third learned view of a note: regressions over its character uni- and bigrams (sub-class and level), with
 * temperatures fitted on out-of-fold predictions. Immutable.
 */
record NgramModel(CharNgrams grams, SparseSoftmax sub, double subTemperature, SparseSoftmax severity,
                  double severityTemperature) {
  double[] subProbabilities(CharNgrams.Sparse x) { return SoftmaxRegression.softmax(sub.logits(x), subTemperature); }

  double[] severityProbabilities(CharNgrams.Sparse x) {
    return SoftmaxRegression.softmax(severity.logits(x), severityTemperature);
  }
}
