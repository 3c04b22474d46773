package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.intake.learn.CharNgrams;
import cn.hotline12349.core.intake.learn.NearestNeighbours;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The parts combined with the regression (issue 14): k-NN vote, character n-grams, ordinal severity, model file. */
class IntakeLearnersTest {
  @Test
  void theNearestNotesVoteAndTheirOwnFoldIsLeftOut() {
    float[][] v = {{1, 0, 0}, {0.9f, 0.1f, 0}, {0, 1, 0}, {0, 0.95f, 0.05f}};
    int[] labels = {0, 0, 1, 1};
    NearestNeighbours nn = NearestNeighbours.of(v, 2, 0.05);
    double[] p = nn.vote(new float[] {1, 0.05f, 0}, labels, 2);
    assertThat(p[0]).isGreaterThan(0.9);
    assertThat(p[0] + p[1]).isCloseTo(1.0, Offset.offset(1e-9));
    assertThat(p[1]).as("never impossible").isPositive();
    double[] sim = nn.similarities(new float[] {1, 0, 0});
    assertThat(sim[0]).isCloseTo(1.0, Offset.offset(0.01));
    // self and a fold are skipped: the best remaining neighbours, best first
    int[] fold = {0, 1, 0, 1};
    assertThat(NearestNeighbours.topK(sim, 2, 0, fold, 0)).containsExactly(1, 3);
    assertThat(NearestNeighbours.topK(sim, 2, -1, null, -1)).containsExactly(0, 1);
  }

  /** The eight-sum similarity equals the one-sum one to float rounding, and picks the same neighbours. */
  @Test
  void theUnrolledSimilarityMatchesTheOneSumOneAndPicksTheSameNeighbours() {
    Random r = new Random(5);
    float[][] rows = new float[3000][515]; // not a multiple of 8: the tail is summed too
    for (float[] row : rows) for (int f = 0; f < row.length; f++) row[f] = (float) r.nextGaussian();
    NearestNeighbours nn = NearestNeighbours.of(rows, 5, 0.02);
    for (int q = 0; q < 20; q++) {
      float[] query = rows[r.nextInt(rows.length)].clone();
      for (int f = 0; f < query.length; f++) query[f] += (float) (0.5 * r.nextGaussian());
      double[] fast = nn.similarities(query);
      double[] ref = nn.similaritiesInOrder(query);
      for (int i = 0; i < fast.length; i++) assertThat(fast[i]).isCloseTo(ref[i], Offset.offset(1e-5));
      assertThat(NearestNeighbours.topK(fast, 5, -1, null, -1)).containsExactly(NearestNeighbours.topK(ref, 5, -1, null, -1));
    }
  }

  @Test
  void characterGramsAreUnitLengthAndPunctuationSplitsThem() {
    CharNgrams g = CharNgrams.fit(List.of("爸爸打孩子。", "妈妈打孩子", "孩子想跳楼"));
    List<String> vocab = g.vocabulary();
    assertThat(vocab).contains("打", "孩子", "打孩", "孩").doesNotContain("子。", "。", "子妈");
    CharNgrams.Sparse x = g.vector("打孩子，跳楼");
    double norm = 0;
    for (float f : x.val()) norm += f * f;
    assertThat(norm).isCloseTo(1.0, Offset.offset(1e-5));
    // 跳楼 was seen in one note only (below the minimum count): not a feature
    assertThat(vocab).doesNotContain("跳楼");
    assertThat(g.vector("完全无关的字").idx()).isEmpty();
  }

  @Test
  void ordinalSeverityGivesAProperDistributionOverTheFourLevels() {
    // "at least EMERGENCY" unlikely, "at least HIGH" likely, "at least NORMAL" very likely
    double[] p = OrdinalSeverity.probabilities(new double[] {0, -2, 0, 1, 0, 3}, 1);
    assertThat(p).hasSize(4);
    assertThat(p[0] + p[1] + p[2] + p[3]).isCloseTo(1.0, Offset.offset(1e-9));
    assertThat(p[1]).isGreaterThan(p[0]).isGreaterThan(p[3]);
    // contradicting answers (EMERGENCY more likely than "at least HIGH") still sum to one, nothing negative
    double[] q = OrdinalSeverity.probabilities(new double[] {0, 3, 0, -3, 0, 0}, 1);
    for (double v : q) assertThat(v).isPositive();
    assertThat(q[0] + q[1] + q[2] + q[3]).isCloseTo(1.0, Offset.offset(1e-9));
  }

  @Test
  void theShippedModelSurvivesWritingAndReadingUnchanged() throws Exception {
    IntakeModel m;
    try (InputStream in = IntakeLearnersTest.class.getResourceAsStream(LearnedSuggester.STORED_MODEL)) {
      m = IntakeModel.read(in);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.write(out);
    IntakeModel back = IntakeModel.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back.ensemble().k()).isEqualTo(m.ensemble().k());
    assertThat(back.ensemble().sevWeights()).containsExactly(m.ensemble().sevWeights());
    assertThat(back.ngrams() != null).isEqualTo(m.ngrams() != null);
    Random rnd = new Random(3);
    float[] e = new float[512];
    for (int i = 0; i < e.length; i++) e[i] = (float) rnd.nextGaussian();
    double[] x = new double[m.standardiser().mean().length];
    for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
    String note = "孩子说爸爸昨晚又用皮带打他，现在不敢回家";
    IntakeModel.Probabilities a = m.probabilities(note, e, x);
    IntakeModel.Probabilities b = back.probabilities(note, e, x);
    assertThat(b.sub()).containsExactly(a.sub(), Offset.offset(1e-12));
    assertThat(b.severity()).containsExactly(a.severity(), Offset.offset(1e-12));
    double sum = 0;
    for (double v : a.sub()) sum += v;
    assertThat(sum).isCloseTo(1.0, Offset.offset(1e-9));
  }

  @Test
  void aModelWithTheDangerNowPartSurvivesWritingAndReadingAndUsesIt() throws Exception {
    IntakeModel m;
    try (InputStream in = IntakeLearnersTest.class.getResourceAsStream(LearnedSuggester.STORED_MODEL)) {
      m = IntakeModel.read(in);
    }
    Random rnd = new Random(5);
    int d = m.standardiser().mean().length + 1;
    double[][] dense = new double[2][d];
    for (double[] row : dense) for (int f = 0; f < d; f++) row[f] = rnd.nextGaussian() * 0.05;
    int g = m.ngrams().grams().size() + 1;
    double[][] grams = new double[2][g];
    for (double[] row : grams) for (int f = 0; f < g; f++) row[f] = rnd.nextGaussian() * 0.05;
    IntakeEnsemble e = m.ensemble();
    IntakeModel withDanger = new IntakeModel(m.embedderId(), m.ruleLayout(), m.standardiser(), m.subcategories(),
        m.sub(), m.subTemperature(), m.severity(), m.severityTemperature(), m.emergencyThreshold(), m.examples(),
        m.trainedFrom(), new IntakeEnsemble(e.k(), e.tau(), e.mix(), e.ngram(), e.subPower(), e.sevWeights(),
        e.sevGivenSub(), 0.5), m.knn(), m.knnSub(), m.knnSeverity(), m.ngrams(),
        new DangerModel(new cn.hotline12349.core.intake.learn.SoftmaxRegression(dense), 1.1,
            new cn.hotline12349.core.intake.learn.SparseSoftmax(grams), 0.9, 0.5));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    withDanger.write(out);
    IntakeModel back = IntakeModel.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back.ensemble().danger()).isEqualTo(0.5);
    assertThat(back.danger().ngramShare()).isEqualTo(0.5);
    float[] v = new float[512];
    for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
    double[] x = new double[d - 1];
    for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
    String note = "他爸正在拿刀砍门，孩子躲在厕所里";
    double[] a = withDanger.probabilities(note, v, x).severity();
    assertThat(back.probabilities(note, v, x).severity()).containsExactly(a, Offset.offset(1e-5));
    // the blend moved the EMERGENCY probability and kept a distribution
    assertThat(a[0]).isNotCloseTo(m.probabilities(note, v, x).severity()[0], Offset.offset(1e-9));
    double sum = 0;
    for (double p : a) sum += p;
    assertThat(sum).isCloseTo(1.0, Offset.offset(1e-9));
  }

  @Test
  void theDangerBlendReplacesTheEmergencyShareAndKeepsTheOtherLevelsInProportion() {
    double[] p = {0.2, 0.4, 0.3, 0.1};
    double[] q = IntakeEnsemble.withDanger(p, 0.6, 0.5); // EMERGENCY 0.5 x 0.2 + 0.5 x 0.6 = 0.4
    assertThat(q).containsExactly(new double[] {0.4, 0.3, 0.225, 0.075}, Offset.offset(1e-12));
    assertThat(IntakeEnsemble.withDanger(p, 0.9, 0)).isSameAs(p);
  }

  @Test
  void thePairwiseBlendRedividesOnlyEmergencyAndHighAndTheFlagSurvivesWritingAndReading() throws Exception {
    double[] p = {0.2, 0.4, 0.3, 0.1};
    // E + H = 0.6; EMERGENCY's share 0.5 x (0.2 / 0.6) + 0.5 x 0.7 = 0.5167
    double[] q = IntakeEnsemble.withPair(p, 0.7, 0.5);
    assertThat(q).containsExactly(new double[] {0.31, 0.29, 0.3, 0.1}, Offset.offset(1e-12));
    assertThat(IntakeEnsemble.withPair(p, 0.9, 0)).isSameAs(p);
    IntakeModel m;
    try (InputStream in = IntakeLearnersTest.class.getResourceAsStream(LearnedSuggester.STORED_MODEL)) {
      m = IntakeModel.read(in);
    }
    int d = m.standardiser().mean().length + 1;
    Random rnd = new Random(6);
    double[][] dense = new double[2][d];
    for (double[] row : dense) for (int f = 0; f < d; f++) row[f] = rnd.nextGaussian() * 0.05;
    IntakeEnsemble e = m.ensemble();
    IntakeModel pair = new IntakeModel(m.embedderId(), m.ruleLayout(), m.standardiser(), m.subcategories(),
        m.sub(), m.subTemperature(), m.severity(), m.severityTemperature(), m.emergencyThreshold(), m.examples(),
        m.trainedFrom(), new IntakeEnsemble(e.k(), e.tau(), e.mix(), e.ngram(), e.subPower(), e.sevWeights(),
        e.sevGivenSub(), 0.5), m.knn(), m.knnSub(), m.knnSeverity(), m.ngrams(),
        new DangerModel(new cn.hotline12349.core.intake.learn.SoftmaxRegression(dense), 1.0, null, 1, 0, true),
        m.severityMlp());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pair.write(out);
    IntakeModel back = IntakeModel.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back.danger().pairwise()).isTrue();
    float[] v = new float[512];
    for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
    double[] x = new double[d - 1];
    for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
    String note = "他爸上个月打过他，现在孩子在奶奶家";
    double[] a = pair.probabilities(note, v, x).severity();
    double[] plain = m.probabilities(note, v, x).severity();
    assertThat(back.probabilities(note, v, x).severity()).containsExactly(a, Offset.offset(1e-5));
    // NORMAL and CONSULT untouched, EMERGENCY + HIGH kept
    assertThat(a[2]).isCloseTo(plain[2], Offset.offset(1e-12));
    assertThat(a[3]).isCloseTo(plain[3], Offset.offset(1e-12));
    assertThat(a[0] + a[1]).isCloseTo(plain[0] + plain[1], Offset.offset(1e-12));
  }

  @Test
  void dangerCuesTellNowFromThePastAndAQuestion() {
    List<String> names = DangerCues.NAMES;
    double[] now = DangerCues.of("他爸正在拿菜刀砍门，孩子躲在厕所里，快来人");
    double[] past = DangerCues.of("上个月孩子被他爸打过一次，现在好了，想问问能不能起诉");
    assertThat(now).hasSize(names.size());
    assertThat(now[names.indexOf("cue:now")]).isGreaterThan(0);
    assertThat(now[names.indexOf("cue:threat")]).isGreaterThan(0);
    assertThat(now[names.indexOf("cue:now*threat")]).isGreaterThan(0);
    assertThat(now[names.indexOf("cue:past")]).isZero();
    assertThat(past[names.indexOf("cue:past")]).isGreaterThan(0);
    assertThat(past[names.indexOf("cue:over")]).isGreaterThan(0);
    assertThat(past[names.indexOf("cue:question")]).isGreaterThan(0);
    assertThat(past[names.indexOf("cue:now*threat")]).isZero();
    // the cues are the tail of the model's rule layout
    assertThat(IntakeFeatures.RULE_LAYOUT.subList(IntakeFeatures.RULE_LAYOUT.size() - names.size(),
        IntakeFeatures.RULE_LAYOUT.size())).isEqualTo(names);
  }

  /** Round 5: the level model's hidden layer learns an interaction (danger-now x harm) that a linear model cannot. */
  @Test
  void theHiddenLayerLearnsAnInteractionTheRegressionCannot() {
    Random r = new Random(9);
    int n = 2000;
    double[][] x = new double[n][6];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < 6; f++) x[i][f] = r.nextGaussian();
      y[i] = x[i][0] * x[i][1] > 0 ? 1 : 0; // EMERGENCY only when both cues point the same way
    }
    var o = new cn.hotline12349.core.intake.learn.SoftmaxRegression.Options(1e-4, 40, 0.01, 32, 14L);
    var mlp = cn.hotline12349.core.intake.learn.Mlp.train(x, y, 2, 16, o);
    var lin = cn.hotline12349.core.intake.learn.SoftmaxRegression.train(x, y, 2, null, o);
    int mlpRight = 0;
    int linRight = 0;
    for (int i = 0; i < 500; i++) {
      double[] q = new double[6];
      for (int f = 0; f < 6; f++) q[f] = r.nextGaussian();
      int truth = q[0] * q[1] > 0 ? 1 : 0;
      double[] a = mlp.logits(q);
      double[] b = lin.logits(q);
      if ((a[1] > a[0] ? 1 : 0) == truth) mlpRight++;
      if ((b[1] > b[0] ? 1 : 0) == truth) linRight++;
    }
    assertThat(mlpRight).as("hidden layer").isGreaterThan(450);
    assertThat(linRight).as("linear").isLessThan(350);
    // the same data and seed give the same network
    assertThat(cn.hotline12349.core.intake.learn.Mlp.train(x, y, 2, 16, o).logits(x[0])).containsExactly(mlp.logits(x[0]));
  }

  /** Round 5: grouped CV puts each writer in a fold of its own, and k-NN votes never come from the same writer. */
  @Test
  void groupedFoldsAreTheWritersAndTheirNeighboursComeFromOtherWriters() {
    java.nio.file.Path res = java.nio.file.Path.of("src/test/resources/intake");
    assertThat(TrainMain.writerGroup(res.resolve("labelled-notes.tsv"), 0)).isEqualTo("labelled-notes");
    assertThat(TrainMain.writerGroup(res.resolve("corpus-train.tsv"), 849)).isEqualTo("corpus-A");
    assertThat(TrainMain.writerGroup(res.resolve("corpus-train.tsv"), 850)).isEqualTo("corpus-B");
    assertThat(TrainMain.writerGroup(res.resolve("corpus2/train-07.tsv"), 3)).isEqualTo("corpus2");
    assertThat(TrainMain.writerGroup(res.resolve("train4/train4-01.tsv"), 3)).isEqualTo("train4");
    assertThat(TrainMain.writerGroup(res.resolve("train5/train5-02.tsv"), 3)).isEqualTo("train5");
    assertThat(TrainMain.writerGroup(res.resolve("train6/train6-01.tsv"), 0)).isEqualTo("train6");
    assertThat(TrainMain.writerGroup(res.resolve("train8/train8-31.tsv"), 5)).isEqualTo("train8");
    assertThat(TrainMain.writerGroup(res.resolve("train9/train9-15.tsv"), 2)).isEqualTo("train9");
    assertThat(TrainMain.writerGroup(res.resolve("train10/train10-21.tsv"), 2)).isEqualTo("train10");
    IntakeTrainer.Options o = IntakeTrainer.Options.defaults().withGroups(new int[] {0, 0, 1, 2, 2, 2});
    assertThat(o.folds()).isEqualTo(3);
    assertThat(IntakeTrainer.Options.defaults().withGroups(null).groups()).isNull();
    float[][] v = {{1, 0}, {0.99f, 0.01f}, {0.9f, 0.1f}, {0, 1}};
    int[] group = {0, 0, 1, 1};
    double[] sim = NearestNeighbours.of(v, 1, 1).similarities(v[0]);
    assertThat(NearestNeighbours.topK(sim, 2, 0, group, group[0])).containsExactly(2, 3);
  }
}
