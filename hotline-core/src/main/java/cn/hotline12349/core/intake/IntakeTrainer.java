package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.intake.learn.NoteEmbedder;
import cn.hotline12349.core.intake.learn.SoftmaxRegression;
import cn.hotline12349.core.intake.learn.Standardiser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds an {@link IntakeModel} from labelled examples. Calibration and the EMERGENCY threshold come from k-fold
 * out-of-fold predictions on the same examples (never from a test set): temperatures minimise the out-of-fold
 * log-loss, the threshold is the highest one whose out-of-fold EMERGENCY recall (rules' floor included) reaches the
 * target. CPU-heavy (seconds): run on a worker thread.
 */
final class IntakeTrainer {
  private IntakeTrainer() {}

  /** One labelled note as features; {@code ruleFloor} is whether the rules' life-first floor fired on it. */
  record Example(double[] features, String subcategory, Severity severity, boolean ruleFloor) {}

  static Example example(IntakeSuggester rules, NoteEmbedder embedder, IntakeCorpus.LabelledNote n) {
    RuleAnalysis a = rules.analyse(IntakeRequest.ofNotes(n.notes()));
    return new Example(IntakeFeatures.of(embedder.embed(n.notes()), a), n.subcategory(), n.severity(),
        a.emergencyFloor());
  }

  // chosen by 5-fold cross-validation on the training notes (scripts/intake/train --cv-only ...; docs/intake.md)
  static final double L2 = 0.01;
  static final int EPOCHS = 20;
  static final double SEVERITY_L2 = 0.1;
  static final int SEVERITY_EPOCHS = 10;
  static final double LEARNING_RATE = 0.005;
  static final double EMERGENCY_RECALL_TARGET = 0.96;

  record Options(SoftmaxRegression.Options regression, SoftmaxRegression.Options severityRegression, int folds,
                 double emergencyRecallTarget) {
    static Options defaults() {
      return new Options(new SoftmaxRegression.Options(L2, EPOCHS, LEARNING_RATE, 32, 14L),
          new SoftmaxRegression.Options(SEVERITY_L2, SEVERITY_EPOCHS, LEARNING_RATE, 32, 14L), 5, EMERGENCY_RECALL_TARGET);
    }
  }

  /** Out-of-fold raw logits per example, from models that never saw that example. */
  record OutOfFold(double[][] subLogits, double[][] severityLogits) {}

  static IntakeModel train(List<Example> examples, Taxonomy taxonomy, String embedderId, String from, Options o) {
    List<String> codes = taxonomy.allSubcategories().stream().map(Subcategory::code).toList();
    OutOfFold oof = crossValidate(examples, codes, taxonomy, o);
    int[] ySub = subLabels(examples, codes, taxonomy);
    int[] ySev = examples.stream().mapToInt(e -> e.severity().ordinal()).toArray();
    double tSub = temperature(oof.subLogits(), ySub);
    double tSev = temperature(oof.severityLogits(), ySev);
    double threshold = emergencyThreshold(examples, oof.severityLogits(), tSev, o.emergencyRecallTarget());
    Fitted f = fit(examples, codes, taxonomy, o);
    return new IntakeModel(embedderId, IntakeFeatures.RULE_LAYOUT, f.st, codes, f.sub, tSub, f.sev, tSev, threshold,
        examples.size(), from);
  }

  record Fitted(Standardiser st, SoftmaxRegression sub, SoftmaxRegression sev) {}

  static Fitted fit(List<Example> examples, List<String> codes, Taxonomy taxonomy, Options o) {
    double[][] raw = examples.stream().map(Example::features).toArray(double[][]::new);
    Standardiser st = Standardiser.fit(raw);
    double[][] x = st.applyAll(raw);
    int[] ySub = subLabels(examples, codes, taxonomy);
    int[] ySev = examples.stream().mapToInt(e -> e.severity().ordinal()).toArray();
    SoftmaxRegression sub = SoftmaxRegression.train(x, ySub, codes.size(), null, o.regression());
    SoftmaxRegression sev = SoftmaxRegression.train(x, ySev, Severity.values().length, null, o.severityRegression());
    return new Fitted(st, sub, sev);
  }

  static OutOfFold crossValidate(List<Example> examples, List<String> codes, Taxonomy taxonomy, Options o) {
    int n = examples.size();
    int[] fold = folds(n, o.folds());
    double[][] subLogits = new double[n][];
    double[][] sevLogits = new double[n][];
    for (int k = 0; k < o.folds(); k++) {
      List<Example> train = new ArrayList<>();
      for (int i = 0; i < n; i++) if (fold[i] != k) train.add(examples.get(i));
      Fitted f = fit(train, codes, taxonomy, o);
      for (int i = 0; i < n; i++) {
        if (fold[i] != k) continue;
        double[] x = f.st.apply(examples.get(i).features());
        subLogits[i] = f.sub.logits(x);
        sevLogits[i] = f.sev.logits(x);
      }
    }
    return new OutOfFold(subLogits, sevLogits);
  }

  /** Fold of each example: a seeded shuffle dealt round-robin, so folds are the same on every run. */
  static int[] folds(int n, int k) {
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    java.util.Collections.shuffle(java.util.Arrays.asList(idx), new Random(1412L));
    int[] fold = new int[n];
    for (int i = 0; i < n; i++) fold[idx[i]] = i % k;
    return fold;
  }

  private static int[] subLabels(List<Example> examples, List<String> codes, Taxonomy taxonomy) {
    return examples.stream().mapToInt(e -> {
      int i = codes.indexOf(e.subcategory());
      if (i >= 0) return i;
      return codes.indexOf(taxonomy.fallback(ModelDecision.categoryOf(e.subcategory(), taxonomy)).code());
    }).toArray();
  }

  /** The temperature in 0.3..5 minimising the log-loss of the true labels. */
  static double temperature(double[][] logits, int[] y) {
    double best = 1;
    double bestLoss = Double.MAX_VALUE;
    for (double t = 0.3; t <= 5.0001; t += 0.05) {
      double loss = 0;
      for (int i = 0; i < logits.length; i++) loss -= Math.log(SoftmaxRegression.softmax(logits[i], t)[y[i]] + 1e-12);
      if (loss < bestLoss) { bestLoss = loss; best = t; }
    }
    return Math.round(best * 100) / 100.0;
  }

  /** The highest EMERGENCY probability threshold whose out-of-fold recall, with the rules' floor, meets the target. */
  static double emergencyThreshold(List<Example> examples, double[][] sevLogits, double t, double target) {
    for (double th = 0.6; th >= 0.02; th -= 0.01) {
      int em = 0;
      int found = 0;
      for (int i = 0; i < examples.size(); i++) {
        if (examples.get(i).severity() != Severity.EMERGENCY) continue;
        em++;
        double p = SoftmaxRegression.softmax(sevLogits[i], t)[Severity.EMERGENCY.ordinal()];
        if (examples.get(i).ruleFloor() || p >= th) found++;
      }
      if (em == 0 || found / (double) em >= target) return Math.round(th * 100) / 100.0;
    }
    return 0.02;
  }

  /**
   * Cross-validated figures: every example is predicted by a model that never saw it, with temperature and
   * threshold fitted on the out-of-fold predictions (as {@link #train} does).
   */
  static IntakeMetrics crossValidationMetrics(List<Example> examples, Taxonomy taxonomy, Options o) {
    List<String> codes = taxonomy.allSubcategories().stream().map(Subcategory::code).toList();
    OutOfFold oof = crossValidate(examples, codes, taxonomy, o);
    int[] ySub = subLabels(examples, codes, taxonomy);
    int[] ySev = examples.stream().mapToInt(e -> e.severity().ordinal()).toArray();
    double tSub = temperature(oof.subLogits(), ySub);
    double tSev = temperature(oof.severityLogits(), ySev);
    double threshold = emergencyThreshold(examples, oof.severityLogits(), tSev, o.emergencyRecallTarget());
    IntakeMetrics metrics = new IntakeMetrics();
    for (int i = 0; i < examples.size(); i++) {
      ModelDecision d = ModelDecision.fromLogits(codes, tSub, tSev, threshold, oof.subLogits()[i],
          oof.severityLogits()[i], examples.get(i).ruleFloor(), taxonomy);
      Example e = examples.get(i);
      metrics.add(ModelDecision.categoryOf(e.subcategory(), taxonomy), e.subcategory(), e.severity(), d.category(),
          d.subcategory(), d.severity());
    }
    System.err.printf(java.util.Locale.ROOT, "  cv: temperature sub %.2f severity %.2f, EMERGENCY threshold %.2f%n",
        tSub, tSev, threshold);
    for (double th = 0.1; th <= 0.61; th += 0.05) {
      IntakeMetrics at = new IntakeMetrics();
      for (int i = 0; i < examples.size(); i++) {
        ModelDecision d = ModelDecision.fromLogits(codes, tSub, tSev, th, oof.subLogits()[i],
            oof.severityLogits()[i], examples.get(i).ruleFloor(), taxonomy);
        Example e = examples.get(i);
        at.add(ModelDecision.categoryOf(e.subcategory(), taxonomy), e.subcategory(), e.severity(), d.category(),
            d.subcategory(), d.severity());
      }
      System.err.printf(java.util.Locale.ROOT, "    threshold %.2f: EMERGENCY recall %.3f, false alarms %.3f, severity %.3f%n",
          th, at.emergencyRecall(), at.falseAlarmRate(), at.severityAccuracy());
    }
    return metrics;
  }
}
