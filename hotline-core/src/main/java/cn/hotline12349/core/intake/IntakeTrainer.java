package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.intake.learn.CharNgrams;
import cn.hotline12349.core.intake.learn.Mlp;
import cn.hotline12349.core.intake.learn.NearestNeighbours;
import cn.hotline12349.core.intake.learn.NoteEmbedder;
import cn.hotline12349.core.intake.learn.SoftmaxRegression;
import cn.hotline12349.core.intake.learn.SparseSoftmax;
import cn.hotline12349.core.intake.learn.Standardiser;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds an {@link IntakeModel} from labelled examples. Calibration, the combination of regression and k-NN and the
 * EMERGENCY threshold come from k-fold out-of-fold predictions on the same examples (never from a test set):
 * temperatures minimise the out-of-fold log-loss; k, the vote's sharpness and the mix minimise the out-of-fold class
 * log-loss; the severity weights maximise out-of-fold exact severity at the threshold, which is the highest one whose
 * out-of-fold EMERGENCY recall (rules' floor included) reaches the target. CPU-heavy (seconds): run on a worker thread.
 */
final class IntakeTrainer {
  private IntakeTrainer() {}

  /**
   * One labelled note as features; {@code ruleFloor} is whether the rules' life-first floor fired on it,
   * {@code floorFamilies} which of its families did (bit i = {@link #FLOOR_FAMILIES}[i]; a CV analysis only).
   */
  record Example(double[] features, float[] embedding, String text, String subcategory, Severity severity,
                 boolean ruleFloor, int floorFamilies) {
    Example(double[] features, float[] embedding, String text, String subcategory, Severity severity,
            boolean ruleFloor) {
      this(features, embedding, text, subcategory, severity, ruleFloor, 0);
    }
  }

  /** The life-first floor's families, as {@link SeverityRules} names them in its reasons. */
  static final List<String> FLOOR_FAMILIES = List.of("自杀或自伤言语", "性侵害线索", "网络性勒索", "正在发生的暴力或致命危险",
      "致命危险", "被遗弃的婴幼儿", "走失或下落不明的低龄儿童", "正在发生的拐带或抢夺", "独处、冻饿或无人照料的紧迫危险");

  static int floorFamilies(Suggestion s) {
    int bits = 0;
    for (Reason r : s.reasons()) {
      if (!"SEVERITY".equals(r.target()) || !r.why().startsWith("生命优先: ")) continue;
      int i = FLOOR_FAMILIES.indexOf(r.why().substring("生命优先: ".length()));
      if (i >= 0) bits |= 1 << i;
    }
    return bits;
  }

  static Example example(IntakeSuggester rules, NoteEmbedder embedder, IntakeCorpus.LabelledNote n) {
    RuleAnalysis a = rules.analyse(IntakeRequest.ofNotes(n.notes()));
    float[] v = embedder.embed(n.notes());
    return new Example(IntakeFeatures.of(v, a), v, n.notes(), n.subcategory(), n.severity(), a.emergencyFloor(),
        floorFamilies(a.suggestion()));
  }

  // chosen by 5-fold cross-validation on the training notes (scripts/intake/train --cv-only ...; docs/intake.md)
  static final double L2 = 0.01;
  static final int EPOCHS = 20;
  static final double SEVERITY_L2 = 0.1;
  static final int SEVERITY_EPOCHS = 10;
  static final double LEARNING_RATE = 0.005;
  /**
   * Round 4: the operating point that maximises CV severity exact subject to CV EMERGENCY recall >= 0.95 (was 0.97:
   * severity 0.641 -> 0.684, false alarms 0.288 -> 0.224; the curve is in docs/intake.md).
   */
  static final double EMERGENCY_RECALL_TARGET = 0.95;
  static final boolean ORDINAL = false;
  static final double NGRAM_L2 = 1e-5;
  static final int NGRAM_EPOCHS = 15;
  static final double NGRAM_LEARNING_RATE = 0.01;
  /**
   * The dedicated "danger now" regressions: off by default because CV gave them blend weight 0 (round 4, docs/intake.md);
   * {@code scripts/intake/train --danger} fits and weighs them again.
   */
  static final boolean DANGER = false;
  /** Candidate blend weights of the "danger now" regression in the EMERGENCY probability. */
  static final double[] DANGER_WEIGHTS = {0, 0.25, 0.5, 0.75, 1};
  /** Candidate shares of the n-gram view inside the "danger now" probability (the rest is the dense regression). */
  static final double[] NGRAM_DANGER_SHARES = {0, 0.5, 1};
  /** Candidate neighbour counts and vote sharpness; the trainer picks among them by cross-validation. */
  static final int[] KS = {5, 10, 20, 40};
  static final double[] TAUS = {0.02, 0.05, 0.1};
  /**
   * Out-of-fold k-NN votes for tuning are computed for at most this many notes (a seeded sample): the similarity
   * work grows with queries x examples, and a rebuild over 20,000 tickets must stay in minutes.
   */
  static final int MAX_TUNING_QUERIES = 3000;

  /** Character n-gram regressions; null in {@link Options} leaves them out. */
  static final SoftmaxRegression.Options NGRAM =
      new SoftmaxRegression.Options(NGRAM_L2, NGRAM_EPOCHS, NGRAM_LEARNING_RATE, 32, 14L);

  /** {@code danger}: also fit the dedicated binary "danger now" regression (its blend weight is chosen by CV). */
  /**
   * {@code groups}: when not null, the fold of each example is its writer group (leave one writer out, round 5) instead
   * of a seeded random deal into {@code folds} folds.
   */
  record Options(SoftmaxRegression.Options regression, SoftmaxRegression.Options severityRegression, int folds,
                 double emergencyRecallTarget, boolean knn, boolean ordinal, SoftmaxRegression.Options ngram,
                 boolean danger, int[] groups) {
    Options(SoftmaxRegression.Options regression, SoftmaxRegression.Options severityRegression, int folds,
            double emergencyRecallTarget) {
      this(regression, severityRegression, folds, emergencyRecallTarget, true, ORDINAL, NGRAM, DANGER, null);
    }

    Options(SoftmaxRegression.Options regression, SoftmaxRegression.Options severityRegression, int folds,
            double emergencyRecallTarget, boolean knn, boolean ordinal, SoftmaxRegression.Options ngram,
            boolean danger) {
      this(regression, severityRegression, folds, emergencyRecallTarget, knn, ordinal, ngram, danger, null);
    }

    /** The same options with folds by writer group ({@code null}: random folds). */
    Options withGroups(int[] g) {
      return new Options(regression, severityRegression, g == null ? folds : java.util.Arrays.stream(g).max().orElse(0) + 1,
          emergencyRecallTarget, knn, ordinal, ngram, danger, g);
    }

    static Options defaults() {
      return new Options(new SoftmaxRegression.Options(L2, EPOCHS, LEARNING_RATE, 32, 14L),
          new SoftmaxRegression.Options(SEVERITY_L2, SEVERITY_EPOCHS, LEARNING_RATE, 32, 14L), 5, EMERGENCY_RECALL_TARGET);
    }
  }

  /**
   * Out-of-fold predictions per example, from models that never saw that example: the regressions' raw logits, the
   * fold, and (for the tuning sample, else null) the nearest notes of the other folds, best first, with similarities.
   */
  record OutOfFold(double[][] subLogits, double[][] severityLogits, int[] fold, int[][] neighbours, double[][] sims,
                   double[][][] sevGivenSubPerFold, double[][] ngramSubLogits, double[][] ngramSevLogits,
                   double[][] dangerLogits, double[][] ngramDangerLogits) {}

  static IntakeModel train(List<Example> examples, Taxonomy taxonomy, String embedderId, String from, Options o) {
    List<String> codes = taxonomy.allSubcategories().stream().map(Subcategory::code).toList();
    Tuned t = tuned(examples, codes, taxonomy, o);
    forgetCv(); // a rebuilder's examples are not kept past its build
    Fitted f = fit(examples, codes, taxonomy, o);
    int[] ySub = subLabels(examples, codes, taxonomy);
    int[] ySev = examples.stream().mapToInt(e -> e.severity().ordinal()).toArray();
    IntakeEnsemble e = t.ensemble();
    IntakeEnsemble ens = new IntakeEnsemble(e.k(), e.tau(), e.mix(), e.ngram(), e.subPower(), e.sevWeights(),
        IntakeEnsemble.sevGivenSub(ySub, ySev, codes.size()), e.danger());
    NearestNeighbours knn = e.k() == 0 ? null
        : NearestNeighbours.of(examples.stream().map(Example::embedding).toArray(float[][]::new), e.k(), e.tau());
    NgramModel ng = f.ngSub == null ? null
        : new NgramModel(f.grams, f.ngSub, t.tNgSub(), f.ngSev, t.tNgSev());
    return new IntakeModel(embedderId, IntakeFeatures.RULE_LAYOUT, f.st, codes, f.sub, t.tSub(), f.sev, t.tSev(),
        t.threshold(), examples.size(), from, ens, knn, knn == null ? null : ySub, knn == null ? null : ySev, ng,
        e.danger() > 0 ? new DangerModel(f.danger, t.tDanger(), t.ngramShare() > 0 ? f.ngDanger : null, t.tNgDanger(),
            t.ngramShare(), pairwise()) : null, f.sevMlp);
  }

  record Fitted(Standardiser st, SoftmaxRegression sub, SoftmaxRegression sev, CharNgrams grams, SparseSoftmax ngSub,
                SparseSoftmax ngSev, SoftmaxRegression danger, SparseSoftmax ngDanger, Mlp sevMlp) {
    Fitted(Standardiser st, SoftmaxRegression sub, SoftmaxRegression sev, CharNgrams grams, SparseSoftmax ngSub,
           SparseSoftmax ngSev, SoftmaxRegression danger, SparseSoftmax ngDanger) {
      this(st, sub, sev, grams, ngSub, ngSev, danger, ngDanger, null);
    }

    double[] severityLogits(double[] x) { return sevMlp != null ? sevMlp.logits(x) : sev.logits(x); }
  }

  /**
   * Round 5: hidden units of the one-hidden-layer level model that takes the level regression's place (0: the
   * regression). Chosen by grouped CV (docs/intake.md: 32 units, L2 0.001, 8 epochs; 16, 64, stronger L2 and 15 or 25
   * epochs were also tried). {@code -Dhotline.intake.sevMlp=N} (and ...L2, ...Epochs) repeat the comparison.
   */
  static final int SEV_MLP = Integer.getInteger("hotline.intake.sevMlp", 32);
  static final double SEV_MLP_L2 = Double.parseDouble(System.getProperty("hotline.intake.sevMlpL2", "0.001"));
  static final int SEV_MLP_EPOCHS = Integer.getInteger("hotline.intake.sevMlpEpochs", 8);

  static Fitted fit(List<Example> examples, List<String> codes, Taxonomy taxonomy, Options o) {
    double[][] raw = examples.stream().map(Example::features).toArray(double[][]::new);
    Standardiser st = Standardiser.fit(raw);
    double[][] x = st.applyAll(raw);
    int[] ySub = subLabels(examples, codes, taxonomy);
    int[] ySev = examples.stream().mapToInt(e -> e.severity().ordinal()).toArray();
    SoftmaxRegression sub = SoftmaxRegression.train(x, ySub, codes.size(), null, o.regression());
    SoftmaxRegression sev;
    if (o.ordinal()) {
      SoftmaxRegression[] splits = new SoftmaxRegression[OrdinalSeverity.SPLITS];
      for (int j = 0; j < splits.length; j++) {
        splits[j] = SoftmaxRegression.train(x, OrdinalSeverity.split(ySev, j), 2, null, o.severityRegression());
      }
      sev = OrdinalSeverity.join(splits);
    } else {
      sev = SoftmaxRegression.train(x, ySev, Severity.values().length, levelWeights(ySev), o.severityRegression());
    }
    // "danger now": EMERGENCY against every other level, one boundary instead of four
    // round 6, pairwise: EMERGENCY against HIGH, trained on those two levels' notes only
    int[] pairRows = pairRows(ySev);
    SoftmaxRegression danger = !o.danger() ? null : pairwise()
        ? SoftmaxRegression.train(pick(x, pairRows), dangerLabels(pick(ySev, pairRows)), 2, null, o.severityRegression())
        : SoftmaxRegression.train(x, dangerLabels(ySev), 2, null, o.severityRegression());
    Mlp mlp = SEV_MLP <= 0 ? null : Mlp.train(x, ySev, Severity.values().length, SEV_MLP,
        new SoftmaxRegression.Options(SEV_MLP_L2, SEV_MLP_EPOCHS, 0.001, 32, 14L), levelWeights(ySev));
    if (o.ngram() == null) return new Fitted(st, sub, sev, null, null, null, danger, null, mlp);
    List<String> texts = examples.stream().map(Example::text).toList();
    CharNgrams grams = CharNgrams.fit(texts);
    CharNgrams.Sparse[] g = texts.stream().map(grams::vector).toArray(CharNgrams.Sparse[]::new);
    SparseSoftmax ngSub = SparseSoftmax.train(g, grams.size(), ySub, codes.size(), o.ngram());
    SparseSoftmax ngSev = SparseSoftmax.train(g, grams.size(), ySev, Severity.values().length, o.ngram());
    SparseSoftmax ngDanger = !o.danger() ? null : pairwise()
        ? SparseSoftmax.train(java.util.Arrays.stream(pairRows).mapToObj(i -> g[i]).toArray(CharNgrams.Sparse[]::new),
            grams.size(), dangerLabels(pick(ySev, pairRows)), 2, o.ngram())
        : SparseSoftmax.train(g, grams.size(), dangerLabels(ySev), 2, o.ngram());
    return new Fitted(st, sub, sev, grams, ngSub, ngSev, danger, ngDanger, mlp);
  }

  static OutOfFold crossValidate(List<Example> examples, List<String> codes, Taxonomy taxonomy, Options o) {
    int n = examples.size();
    int[] fold = o.groups() != null ? o.groups().clone() : folds(n, o.folds());
    if (fold.length != n) throw new IllegalArgumentException("one group per example");
    double[][] subLogits = new double[n][];
    double[][] sevLogits = new double[n][];
    double[][] ngSubLogits = new double[n][];
    double[][] ngSevLogits = new double[n][];
    double[][] dangerLogits = o.danger() ? new double[n][] : null;
    double[][] ngDangerLogits = o.danger() && o.ngram() != null ? new double[n][] : null;
    int[] ySub = subLabels(examples, codes, taxonomy);
    int[] ySev = examples.stream().mapToInt(e -> e.severity().ordinal()).toArray();
    double[][][] tables = new double[o.folds()][][];
    for (int k = 0; k < o.folds(); k++) {
      List<Example> train = new ArrayList<>();
      List<Integer> in = new ArrayList<>();
      for (int i = 0; i < n; i++) if (fold[i] != k) { train.add(examples.get(i)); in.add(i); }
      Fitted f = fit(train, codes, taxonomy, o);
      tables[k] = IntakeEnsemble.sevGivenSub(in.stream().mapToInt(i -> ySub[i]).toArray(),
          in.stream().mapToInt(i -> ySev[i]).toArray(), codes.size());
      for (int i = 0; i < n; i++) {
        if (fold[i] != k) continue;
        double[] x = f.st.apply(examples.get(i).features());
        subLogits[i] = f.sub.logits(x);
        sevLogits[i] = f.severityLogits(x);
        if (f.danger != null) dangerLogits[i] = f.danger.logits(x);
        if (f.ngSub != null) {
          CharNgrams.Sparse g = f.grams.vector(examples.get(i).text());
          ngSubLogits[i] = f.ngSub.logits(g);
          ngSevLogits[i] = f.ngSev.logits(g);
          if (f.ngDanger != null) ngDangerLogits[i] = f.ngDanger.logits(g);
        }
      }
    }
    int[][] neighbours = new int[n][];
    double[][] sims = new double[n][];
    if (o.knn()) {
      NearestNeighbours all = NearestNeighbours.of(examples.stream().map(Example::embedding).toArray(float[][]::new),
          1, 1);
      int kMax = KS[KS.length - 1];
      for (int i : tuningRows(n)) {
        double[] s = all.similarities(examples.get(i).embedding());
        neighbours[i] = NearestNeighbours.topK(s, kMax, i, fold, fold[i]);
        sims[i] = s;
      }
    }
    return new OutOfFold(subLogits, sevLogits, fold, neighbours, sims, tables, o.ngram() == null ? null : ngSubLogits,
        o.ngram() == null ? null : ngSevLogits, dangerLogits, ngDangerLogits);
  }

  /** The last cross-validation: the same examples and options (the same objects) are not cross-validated twice. */
  private record LastCv(List<Example> examples, Options options, boolean pairwise, Tuned tuned) {}

  private static LastCv lastCv;

  /**
   * Cross-validated and tuned, or the previous result when {@code examples} and {@code o} are the very objects of the
   * previous call (scripts/intake/train reports the CV, then trains on the same tuning: one CV instead of two;
   * deterministic, so the result is the same).
   */
  static synchronized Tuned tuned(List<Example> examples, List<String> codes, Taxonomy taxonomy, Options o) {
    LastCv last = lastCv;
    if (last != null && last.examples() == examples && last.options() == o && last.pairwise() == pairwise()) {
      return last.tuned();
    }
    Tuned t = tune(examples, crossValidate(examples, codes, taxonomy, o), codes, taxonomy, o);
    lastCv = new LastCv(examples, o, pairwise(), t);
    return t;
  }

  static synchronized void forgetCv() { lastCv = null; }

  /** All rows, or a seeded sample of {@link #MAX_TUNING_QUERIES} of them. */
  static int[] tuningRows(int n) {
    if (n <= MAX_TUNING_QUERIES) return java.util.stream.IntStream.range(0, n).toArray();
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    java.util.Collections.shuffle(java.util.Arrays.asList(idx), new Random(1413L));
    return java.util.Arrays.stream(idx, 0, MAX_TUNING_QUERIES).mapToInt(Integer::intValue).sorted().toArray();
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

  /**
   * Round 6: the "danger now" model as a pairwise EMERGENCY-vs-HIGH model (trained on those two levels only, blended by
   * re-dividing their mass); {@code -Dhotline.intake.pair=true} (scripts/intake/train --danger --set ...). Read on each
   * call so a command-line switch set after class loading counts.
   */
  static boolean pairwise() { return Boolean.parseBoolean(System.getProperty("hotline.intake.pair", "false")); }

  /**
   * Round 6, cost-sensitive level model: HIGH notes weigh {@code -Dhotline.intake.highWeight} (default 1) in the level
   * model's loss, so confusing HIGH with EMERGENCY costs more; null when 1 (plain fit).
   */
  static double[] levelWeights(int[] ySev) {
    double w = Double.parseDouble(System.getProperty("hotline.intake.highWeight", "1"));
    if (w == 1) return null;
    double[] out = new double[ySev.length];
    for (int i = 0; i < out.length; i++) out[i] = ySev[i] == Severity.HIGH.ordinal() ? w : 1;
    return out;
  }

  /** Indices of the EMERGENCY and HIGH examples. */
  static int[] pairRows(int[] ySev) {
    return java.util.stream.IntStream.range(0, ySev.length)
        .filter(i -> ySev[i] == Severity.EMERGENCY.ordinal() || ySev[i] == Severity.HIGH.ordinal()).toArray();
  }

  private static double[][] pick(double[][] x, int[] rows) {
    return java.util.Arrays.stream(rows).mapToObj(i -> x[i]).toArray(double[][]::new);
  }

  private static int[] pick(int[] y, int[] rows) {
    return java.util.Arrays.stream(rows).map(i -> y[i]).toArray();
  }

  /** 1 for EMERGENCY, 0 for every other level. */
  static int[] dangerLabels(int[] ySev) {
    int[] y = new int[ySev.length];
    for (int i = 0; i < y.length; i++) y[i] = ySev[i] == Severity.EMERGENCY.ordinal() ? 1 : 0;
    return y;
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

  /** As {@link #temperature} for the severity regression, plain or ordinal. */
  static double severityTemperature(double[][] logits, int[] y) {
    double best = 1;
    double bestLoss = Double.MAX_VALUE;
    for (double t = 0.3; t <= 5.0001; t += 0.05) {
      double loss = 0;
      for (int i = 0; i < logits.length; i++) loss -= Math.log(OrdinalSeverity.probabilities(logits[i], t)[y[i]] + 1e-12);
      if (loss < bestLoss) { bestLoss = loss; best = t; }
    }
    return Math.round(best * 100) / 100.0;
  }

  /**
   * The chosen combination with its out-of-fold combined probabilities on the tuning rows ({@code rows}), from which
   * the cross-validated figures are computed.
   */
  record Tuned(double tSub, double tSev, double tNgSub, double tNgSev, IntakeEnsemble ensemble, double threshold,
               int[] rows, double[][] pSub, double[][] pSev, double tDanger, double tNgDanger, double ngramShare) {}

  static Tuned tune(List<Example> examples, OutOfFold oof, List<String> codes, Taxonomy taxonomy, Options o) {
    int n = examples.size();
    int[] ySub = subLabels(examples, codes, taxonomy);
    int[] ySev = examples.stream().mapToInt(e -> e.severity().ordinal()).toArray();
    double tSub = temperature(oof.subLogits(), ySub);
    double tSev = severityTemperature(oof.severityLogits(), ySev);
    int[] rows = o.knn() ? tuningRows(n) : java.util.stream.IntStream.range(0, n).toArray();
    int[] catOf = new int[codes.size()];
    for (int c = 0; c < codes.size(); c++) catOf[c] = ModelDecision.categoryOf(codes.get(c), taxonomy).ordinal();
    double[][] lrSub = new double[n][];
    double[][] lrSev = new double[n][];
    for (int i : rows) {
      lrSub[i] = SoftmaxRegression.softmax(oof.subLogits()[i], tSub);
      lrSev[i] = OrdinalSeverity.probabilities(oof.severityLogits()[i], tSev);
    }
    boolean ngram = oof.ngramSubLogits() != null;
    double tNgSub = ngram ? temperature(oof.ngramSubLogits(), ySub) : 1;
    double tNgSev = ngram ? temperature(oof.ngramSevLogits(), ySev) : 1;
    double[][] ngSub = new double[n][];
    double[][] ngSev = new double[n][];
    if (ngram) {
      for (int i : rows) {
        ngSub[i] = SoftmaxRegression.softmax(oof.ngramSubLogits()[i], tNgSub);
        ngSev[i] = SoftmaxRegression.softmax(oof.ngramSevLogits()[i], tNgSev);
      }
    } else {
      ngSub = null;
      ngSev = null;
    }
    // class: k, tau and mix by out-of-fold class log-loss (mix 1 = regression alone is among the candidates)
    int bestK = 0;
    double bestTau = 1;
    double bestMix = 1;
    double bestNg = 0;
    double bestLoss = classLoss(rows, lrSub, null, null, 1, 0, 1, ySub, catOf);
    int ngSteps = ngram ? 10 : 1;
    for (int q = 0; q < ngSteps; q++) {
      double ng = q / 10.0;
      double loss0 = classLoss(rows, lrSub, null, ngSub, 1, ng, 1, ySub, catOf);
      if (loss0 < bestLoss - 1e-9) { bestLoss = loss0; bestK = 0; bestMix = 1; bestNg = ng; }
      if (!o.knn()) continue;
      for (int k : KS) {
        for (double tau : TAUS) {
          double[][] knn = votes(rows, oof, ySub, codes.size(), k, tau);
          for (int m = 0; m < 10; m++) {
            double mix = m / 10.0;
            double loss = classLoss(rows, lrSub, knn, ngSub, mix, ng, 1, ySub, catOf);
            if (loss < bestLoss - 1e-9) { bestLoss = loss; bestK = k; bestTau = tau; bestMix = mix; bestNg = ng; }
          }
        }
      }
    }
    double[][] knnSub = bestK == 0 ? null : votes(rows, oof, ySub, codes.size(), bestK, bestTau);
    double[][] knnSev = bestK == 0 ? null : votes(rows, oof, ySev, Severity.values().length, bestK, bestTau);
    double power = 1;
    double powerLoss = Double.MAX_VALUE;
    for (double pw = 0.5; pw <= 2.0001; pw += 0.05) {
      double loss = classLoss(rows, lrSub, knnSub, ngSub, bestMix, bestNg, pw, ySub, catOf);
      if (loss < powerLoss) { powerLoss = loss; power = Math.round(pw * 100) / 100.0; }
    }
    double[][] pSub = new double[n][];
    for (int i : rows) {
      pSub[i] = IntakeEnsemble.combine(lrSub[i], knnSub == null ? null : knnSub[i], ngSub == null ? null : ngSub[i],
          bestMix, bestNg, power);
    }
    // the "danger now" regression's calibrated EMERGENCY probability
    // (dense regression and n-gram regression, mixed with a share chosen below)
    double tDanger = 1;
    double tNgDanger = 1;
    double[] pDense = new double[n];
    double[] pNgram = new double[n];
    java.util.Arrays.fill(pDense, Double.NaN);
    java.util.Arrays.fill(pNgram, Double.NaN);
    if (oof.dangerLogits() != null) {
      int[] fitRows = pairwise() ? pairRows(ySev) : java.util.stream.IntStream.range(0, n).toArray();
      tDanger = temperature(pick(oof.dangerLogits(), fitRows), dangerLabels(pick(ySev, fitRows)));
      for (int i : rows) pDense[i] = SoftmaxRegression.softmax(oof.dangerLogits()[i], tDanger)[1];
    }
    if (oof.ngramDangerLogits() != null) {
      int[] fitRows = pairwise() ? pairRows(ySev) : java.util.stream.IntStream.range(0, n).toArray();
      tNgDanger = temperature(pick(oof.ngramDangerLogits(), fitRows), dangerLabels(pick(ySev, fitRows)));
      for (int i : rows) pNgram[i] = SoftmaxRegression.softmax(oof.ngramDangerLogits()[i], tNgDanger)[1];
    }
    double[] dangerWeights = oof.dangerLogits() == null ? new double[] {0} : DANGER_WEIGHTS;
    double[] shares = oof.ngramDangerLogits() == null ? new double[] {0} : NGRAM_DANGER_SHARES;
    double bestShare = 0;
    // severity: weights of regression, k-NN vote, class-conditioned level, n-grams and the danger blend, by exact
    // severity at the threshold
    double bestDanger = 0;
    double[] bestW = {1, 0, 0, 0};
    double bestAcc = -1;
    double bestFalse = 1;
    double bestTh = 0.5;
    double[][] pSev = new double[n][];
    for (int a = 0; a <= 10; a++) {
      for (int b = 0; b <= 10 - a; b++) {
        for (int d = 0; d <= 10 - a - b; d++) {
          double[] w = {a / 10.0, b / 10.0, (10 - a - b - d) / 10.0, d / 10.0};
          if (knnSev == null && b > 0 || ngSev == null && d > 0) continue;
          double[][] base = new double[n][];
          for (int i : rows) {
            base[i] = IntakeEnsemble.severity(pSub[i], lrSev[i], knnSev == null ? null : knnSev[i],
                ngSev == null ? null : ngSev[i], w, oof.sevGivenSubPerFold()[oof.fold()[i]]);
          }
          for (double dw : dangerWeights) for (double share : dw == 0 ? new double[] {0} : shares) {
            double[][] ps = new double[n][];
            for (int i : rows) {
              double pd = share == 0 ? pDense[i] : (1 - share) * pDense[i] + share * pNgram[i];
              ps[i] = pairwise() ? IntakeEnsemble.withPair(base[i], pd, dw) : IntakeEnsemble.withDanger(base[i], pd, dw);
            }
            double th = emergencyThreshold(examples, rows, ps, o.emergencyRecallTarget());
            IntakeMetrics m = metrics(examples, rows, codes, pSub, ps, th, taxonomy);
            double acc = m.severityAccuracy();
            if (acc > bestAcc + 1e-9 || (Math.abs(acc - bestAcc) <= 1e-9 && m.falseAlarmRate() < bestFalse)) {
              bestAcc = acc;
              bestFalse = m.falseAlarmRate();
              bestW = w;
              bestTh = th;
              bestDanger = dw;
              bestShare = share;
              pSev = ps;
            }
          }
        }
      }
    }
    IntakeEnsemble ens = new IntakeEnsemble(bestK, bestTau, bestMix, bestNg, power, bestW, null, bestDanger);
    return new Tuned(tSub, tSev, tNgSub, tNgSev, ens, bestTh, rows, pSub, pSev, tDanger, tNgDanger, bestShare);
  }

  private static double[][] votes(int[] rows, OutOfFold oof, int[] labels, int classes, int k, double tau) {
    double[][] out = new double[oof.fold().length][];
    for (int i : rows) {
      int[] nb = oof.neighbours()[i];
      out[i] = NearestNeighbours.vote(java.util.Arrays.copyOf(nb, Math.min(k, nb.length)), oof.sims()[i], labels,
          classes, tau);
    }
    return out;
  }

  /** Mean negative log-likelihood of the true class (a class's probability is the sum of its sub-classes'). */
  private static double classLoss(int[] rows, double[][] lr, double[][] knn, double[][] ng, double mix, double ngram,
                                  double power, int[] ySub, int[] catOf) {
    double loss = 0;
    for (int i : rows) {
      double[] p = IntakeEnsemble.combine(lr[i], knn == null ? null : knn[i], ng == null ? null : ng[i], mix, ngram,
          power);
      double pc = 0;
      for (int c = 0; c < p.length; c++) if (catOf[c] == catOf[ySub[i]]) pc += p[c];
      loss -= Math.log(pc + 1e-12);
    }
    return loss / rows.length;
  }

  /** The highest EMERGENCY probability threshold whose out-of-fold recall, with the rules' floor, meets the target. */
  static double emergencyThreshold(List<Example> examples, int[] rows, double[][] pSev, double target) {
    for (double th = 0.6; th >= 0.02; th -= 0.01) {
      int em = 0;
      int found = 0;
      for (int i : rows) {
        if (examples.get(i).severity() != Severity.EMERGENCY) continue;
        em++;
        if (examples.get(i).ruleFloor() || pSev[i][Severity.EMERGENCY.ordinal()] >= th) found++;
      }
      if (em == 0 || found / (double) em >= target) return Math.round(th * 100) / 100.0;
    }
    return 0.02;
  }

  private static IntakeMetrics metrics(List<Example> examples, int[] rows, List<String> codes, double[][] pSub,
                                       double[][] pSev, double threshold, Taxonomy taxonomy) {
    IntakeMetrics metrics = new IntakeMetrics();
    for (int i : rows) {
      Example e = examples.get(i);
      ModelDecision d = ModelDecision.fromProbabilities(codes, pSub[i], pSev[i], threshold, e.ruleFloor(), taxonomy);
      metrics.add(ModelDecision.categoryOf(e.subcategory(), taxonomy), e.subcategory(), e.severity(), d.category(),
          d.subcategory(), d.severity());
      metrics.addConfidence(d.confidence(), d.category() == ModelDecision.categoryOf(e.subcategory(), taxonomy),
          d.unsure());
    }
    return metrics;
  }

  /** Severity exact, EMERGENCY found / total, false alarms / non-emergencies of one decision rule on the tuning rows. */
  record DecisionScore(double severity, int found, int emergencies, int falseAlarms, int others) {
    double recall() { return emergencies == 0 ? 1 : found / (double) emergencies; }
    double falseRate() { return others == 0 ? 0 : falseAlarms / (double) others; }
    @Override public String toString() {
      return String.format(java.util.Locale.ROOT, "severity %.3f, EMERGENCY %d/%d = %.3f, false alarms %.3f",
          severity, found, emergencies, recall(), falseRate());
    }
  }

  /**
   * The level decision with an EMERGENCY threshold per predicted class ({@code thByCat}), the rules' floor limited to
   * the families in {@code floorMask}, counted only where the model's EMERGENCY probability is at least
   * {@code floorMin} (0: the floor as shipped).
   */
  static DecisionScore decide(List<Example> examples, int[] rows, double[][] pSev, int[] catPred, double[] thByCat,
                              int floorMask, double floorMin) {
    int exact = 0, found = 0, em = 0, fa = 0, others = 0;
    int e = Severity.EMERGENCY.ordinal();
    for (int i : rows) {
      Example x = examples.get(i);
      boolean floor = (x.floorFamilies() & floorMask) != 0 && pSev[i][e] >= floorMin;
      Severity s;
      if (floor || pSev[i][e] >= thByCat[catPred[i]]) s = Severity.EMERGENCY;
      else {
        s = Severity.HIGH;
        for (Severity v : Severity.values()) if (v != Severity.EMERGENCY && pSev[i][v.ordinal()] > pSev[i][s.ordinal()]) s = v;
      }
      if (s == x.severity()) exact++;
      if (x.severity() == Severity.EMERGENCY) { em++; if (s == Severity.EMERGENCY) found++; }
      else { others++; if (s == Severity.EMERGENCY) fa++; }
    }
    return new DecisionScore(exact / (double) rows.length, found, em, fa, others);
  }

  /** The highest single threshold (all classes) meeting the recall target on {@code rows}. */
  static double[] globalThreshold(List<Example> examples, int[] rows, double[][] pSev, int[] catPred, int floorMask,
                                  double floorMin, double target) {
    double[] th = new double[Category.values().length];
    for (double t = 0.6; t >= 0.01; t -= 0.01) {
      java.util.Arrays.fill(th, Math.round(t * 100) / 100.0);
      if (decide(examples, rows, pSev, catPred, th, floorMask, floorMin).recall() >= target) return th;
    }
    java.util.Arrays.fill(th, 0.01);
    return th;
  }

  /**
   * Thresholds per predicted class: from the global one, coordinate moves (each class's threshold over a grid) that
   * raise severity exact while recall stays at the target, three passes.
   */
  static double[] perClassThresholds(List<Example> examples, int[] rows, double[][] pSev, int[] catPred, int floorMask,
                                     double floorMin, double target) {
    double[] th = globalThreshold(examples, rows, pSev, catPred, floorMask, floorMin, target);
    DecisionScore best = decide(examples, rows, pSev, catPred, th, floorMask, floorMin);
    for (int pass = 0; pass < 3; pass++) {
      for (int c = 0; c < th.length; c++) {
        double keep = th[c];
        for (double t = 0.02; t <= 0.8001; t += 0.01) {
          th[c] = Math.round(t * 100) / 100.0;
          DecisionScore d = decide(examples, rows, pSev, catPred, th, floorMask, floorMin);
          if (d.recall() >= target && d.severity() > best.severity() + 1e-9) { best = d; keep = th[c]; }
        }
        th[c] = keep;
      }
    }
    return th;
  }

  /**
   * Round 5 analysis of the level decision on the out-of-fold probabilities (weights as tuned): the rules' floor
   * families on each level, each family left out of the floor, a floor that needs some model support, and thresholds
   * per predicted class, the last two also tuned on the other writer groups and scored on the held-out one (nested).
   */
  static void decisionReport(List<Example> examples, Tuned t, List<String> codes, Taxonomy taxonomy, Options o) {
    int[] rows = t.rows();
    int[] catPred = new int[examples.size()];
    for (int i : rows) {
      catPred[i] = ModelDecision.fromProbabilities(codes, t.pSub()[i], t.pSev()[i], 1, false, taxonomy).category().ordinal();
    }
    double target = o.emergencyRecallTarget();
    int all = (1 << FLOOR_FAMILIES.size()) - 1;
    double[][] pSev = t.pSev();
    PrintStream out = System.err;
    double[] g = globalThreshold(examples, rows, pSev, catPred, all, 0, target);
    out.printf(java.util.Locale.ROOT, "  decision: global threshold %.2f: %s%n", g[0],
        decide(examples, rows, pSev, catPred, g, all, 0));
    double[] none = new double[Category.values().length];
    java.util.Arrays.fill(none, 2);
    DecisionScore floorAlone = decide(examples, rows, pSev, catPred, none, all, 0);
    out.printf(java.util.Locale.ROOT, "  floor alone: %s%n", floorAlone);
    for (int f = 0; f < FLOOR_FAMILIES.size(); f++) {
      int[] byLevel = new int[4];
      int soleNonEm = 0;
      for (int i : rows) {
        Example x = examples.get(i);
        if ((x.floorFamilies() & (1 << f)) == 0) continue;
        byLevel[x.severity().ordinal()]++;
        if (x.severity() != Severity.EMERGENCY && x.floorFamilies() == (1 << f)) soleNonEm++;
      }
      int mask = all & ~(1 << f);
      double[] th = globalThreshold(examples, rows, pSev, catPred, mask, 0, target);
      out.printf(java.util.Locale.ROOT, "  floor family %-16s fires E %d H %d N %d C %d (alone on non-E %d); without it: "
              + "threshold %.2f, %s%n", FLOOR_FAMILIES.get(f), byLevel[0], byLevel[1], byLevel[2], byLevel[3], soleNonEm,
          th[0], decide(examples, rows, pSev, catPred, th, mask, 0));
    }
    for (double fm : new double[] {0.02, 0.03, 0.05, 0.08}) {
      double[] th = globalThreshold(examples, rows, pSev, catPred, all, fm, target);
      out.printf(java.util.Locale.ROOT, "  floor only where p(EMERGENCY) >= %.2f: threshold %.2f, %s%n", fm, th[0],
          decide(examples, rows, pSev, catPred, th, all, fm));
    }
    double[] pc = perClassThresholds(examples, rows, pSev, catPred, all, 0, target);
    out.printf(java.util.Locale.ROOT, "  thresholds per predicted class %s (tuned and scored on the same rows): %s%n",
        java.util.Arrays.toString(pc), decide(examples, rows, pSev, catPred, pc, all, 0));
    // nested: tune on the other folds' rows, score on this fold's rows
    int[] fold = o.groups() != null ? o.groups() : folds(examples.size(), o.folds());
    int folds = java.util.Arrays.stream(fold).max().orElse(0) + 1;
    int[] sumG = new int[5];
    int[] sumP = new int[5];
    for (int k = 0; k < folds; k++) {
      final int kk = k;
      int[] in = java.util.Arrays.stream(rows).filter(i -> fold[i] != kk).toArray();
      int[] held = java.util.Arrays.stream(rows).filter(i -> fold[i] == kk).toArray();
      if (held.length == 0) continue;
      DecisionScore dg = decide(examples, held, pSev, catPred,
          globalThreshold(examples, in, pSev, catPred, all, 0, target), all, 0);
      DecisionScore dp = decide(examples, held, pSev, catPred,
          perClassThresholds(examples, in, pSev, catPred, all, 0, target), all, 0);
      int catRight = 0;
      for (int i : held) if (catPred[i] == ModelDecision.categoryOf(examples.get(i).subcategory(), taxonomy).ordinal()) catRight++;
      out.printf(java.util.Locale.ROOT, "    fold %d (%d rows): category %.3f; global %s | per class %s%n", k, held.length,
          catRight / (double) held.length, dg, dp);
      add(sumG, dg, held.length);
      add(sumP, dp, held.length);
    }
    out.printf(java.util.Locale.ROOT, "  nested (thresholds tuned on the other folds): global %s | per class %s%n",
        total(sumG), total(sumP));
  }

  /**
   * Training-data analysis (round 6): every tuning row's true level, fold, out-of-fold p(EMERGENCY), p(HIGH), p(NORMAL) and p(CONSULT), whether
   * the rules' floor fired and which families (bits of {@link #FLOOR_FAMILIES}), and its text, as TSV to {@code file} (training notes only, never a frozen file).
   */
  static void dumpLevels(List<Example> examples, Tuned t, java.nio.file.Path file) {
    StringBuilder b = new StringBuilder();
    for (int i : t.rows()) {
      Example x = examples.get(i);
      b.append(x.severity()).append('\t').append(t.threshold()).append('\t')
          .append(String.format(java.util.Locale.ROOT, "%.3f\t%.3f\t%.3f\t%.3f", t.pSev()[i][0], t.pSev()[i][1], t.pSev()[i][2],
              t.pSev()[i][3])).append('\t')
          .append(x.ruleFloor() ? 1 : 0).append('\t').append(x.floorFamilies()).append('\t').append(x.text().replace('\t', ' ').replace('\n', ' ')).append('\n');
    }
    try {
      java.nio.file.Files.writeString(file, b);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void add(int[] sum, DecisionScore d, int n) {
    sum[0] += (int) Math.round(d.severity() * n);
    sum[1] += d.found();
    sum[2] += d.emergencies();
    sum[3] += d.falseAlarms();
    sum[4] += d.others();
  }

  private static DecisionScore total(int[] s) {
    return new DecisionScore(s[0] / (double) (s[2] + s[4]), s[1], s[2], s[3], s[4]);
  }

  /**
   * Cross-validated figures: every example is predicted by models that never saw it, with temperatures, combination
   * and threshold fitted on the out-of-fold predictions (as {@link #train} does).
   */
  static IntakeMetrics crossValidationMetrics(List<Example> examples, Taxonomy taxonomy, Options o) {
    List<String> codes = taxonomy.allSubcategories().stream().map(Subcategory::code).toList();
    Tuned t = tuned(examples, codes, taxonomy, o);
    IntakeEnsemble e = t.ensemble();
    if (Boolean.getBoolean("hotline.intake.decisionReport")) decisionReport(examples, t, codes, taxonomy, o);
    String dump = System.getProperty("hotline.intake.dumpLevels");
    if (dump != null) dumpLevels(examples, t, java.nio.file.Path.of(dump));
    System.err.printf(java.util.Locale.ROOT, "  cv: temperature sub %.2f severity %.2f; k-NN k %d tau %.2f, mix %.1f "
            + "(1 = regression alone), n-gram weight %.1f, power %.2f; severity weights regression %.1f k-NN %.1f "
            + "class-conditioned %.1f n-gram %.1f; danger-now weight %.2f (temperatures %.2f / %.2f, n-gram share %.1f); "
            + "EMERGENCY threshold %.2f%n",
        t.tSub(), t.tSev(), e.k(), e.tau(), e.mix(), e.ngram(), e.subPower(), e.sevWeights()[0], e.sevWeights()[1],
        e.sevWeights()[2], e.sevWeights()[3], e.danger(), t.tDanger(), t.tNgDanger(), t.ngramShare(), t.threshold());
    for (double th = 0.02; th <= 0.605; th += th < 0.3 ? 0.01 : 0.05) {
      IntakeMetrics at = metrics(examples, t.rows(), codes, t.pSub(), t.pSev(), th, taxonomy);
      System.err.printf(java.util.Locale.ROOT, "    threshold %.2f: EMERGENCY recall %.3f, false alarms %.3f, severity %.3f%n",
          th, at.emergencyRecall(), at.falseAlarmRate(), at.severityAccuracy());
    }
    return metrics(examples, t.rows(), codes, t.pSub(), t.pSev(), t.threshold(), taxonomy);
  }
}
