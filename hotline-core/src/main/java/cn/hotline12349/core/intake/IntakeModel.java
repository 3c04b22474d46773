package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.intake.learn.CharNgrams;
import cn.hotline12349.core.intake.learn.IntakeModelException;
import cn.hotline12349.core.intake.learn.Mlp;
import cn.hotline12349.core.intake.learn.SparseSoftmax;
import cn.hotline12349.core.intake.learn.NearestNeighbours;
import cn.hotline12349.core.intake.learn.SoftmaxRegression;
import cn.hotline12349.core.intake.learn.Standardiser;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained intake classifier: one softmax over sub-classes (a class's probability is the sum of its sub-classes')
 * and one over severities, both on standardised {@link IntakeFeatures}; temperatures fitted on out-of-fold
 * predictions so the probabilities are calibrated; the EMERGENCY probability above which text alone raises the
 * alarm, chosen by cross-validation. Since format 2 also a k-nearest-neighbour vote over the training notes' sentence
 * vectors ({@code knn}, with each note's sub-class and level), combined with the regressions as {@code ensemble} says.
 * Immutable; swapped whole when the model is rebuilt.
 */
record IntakeModel(String embedderId, List<String> ruleLayout, Standardiser standardiser,
                   List<String> subcategories, SoftmaxRegression sub, double subTemperature,
                   SoftmaxRegression severity, double severityTemperature, double emergencyThreshold,
                   int examples, String trainedFrom, IntakeEnsemble ensemble, NearestNeighbours knn,
                   int[] knnSub, int[] knnSeverity, NgramModel ngrams, DangerModel danger, Mlp severityMlp) {
  private static final int FORMAT = 6;

  /** Without the nonlinear level model (formats before 5, and models built without it). */
  IntakeModel(String embedderId, List<String> ruleLayout, Standardiser standardiser, List<String> subcategories,
              SoftmaxRegression sub, double subTemperature, SoftmaxRegression severity, double severityTemperature,
              double emergencyThreshold, int examples, String trainedFrom, IntakeEnsemble ensemble,
              NearestNeighbours knn, int[] knnSub, int[] knnSeverity, NgramModel ngrams, DangerModel danger) {
    this(embedderId, ruleLayout, standardiser, subcategories, sub, subTemperature, severity, severityTemperature,
        emergencyThreshold, examples, trainedFrom, ensemble, knn, knnSub, knnSeverity, ngrams, danger, null);
  }

  IntakeModel(String embedderId, List<String> ruleLayout, Standardiser standardiser, List<String> subcategories,
              SoftmaxRegression sub, double subTemperature, SoftmaxRegression severity, double severityTemperature,
              double emergencyThreshold, int examples, String trainedFrom, IntakeEnsemble ensemble,
              NearestNeighbours knn, int[] knnSub, int[] knnSeverity, NgramModel ngrams) {
    this(embedderId, ruleLayout, standardiser, subcategories, sub, subTemperature, severity, severityTemperature,
        emergencyThreshold, examples, trainedFrom, ensemble, knn, knnSub, knnSeverity, ngrams, null);
  }

  IntakeModel(String embedderId, List<String> ruleLayout, Standardiser standardiser, List<String> subcategories,
              SoftmaxRegression sub, double subTemperature, SoftmaxRegression severity, double severityTemperature,
              double emergencyThreshold, int examples, String trainedFrom) {
    this(embedderId, ruleLayout, standardiser, subcategories, sub, subTemperature, severity, severityTemperature,
        emergencyThreshold, examples, trainedFrom, IntakeEnsemble.regressionOnly(subcategories.size()), null, null, null,
        null);
  }

  /** Combined, calibrated probabilities: sub-classes in {@link #subcategories()} order, then levels by ordinal. */
  record Probabilities(double[] sub, double[] severity) {}

  Probabilities probabilities(String note, float[] embedding, double[] standardised) {
    double[] lrSub = SoftmaxRegression.softmax(sub.logits(standardised), subTemperature);
    // round 5: the one-hidden-layer level model takes the level regression's place when the model has one
    double[] lrSev = OrdinalSeverity.probabilities(
        severityMlp != null ? severityMlp.logits(standardised) : severity.logits(standardised), severityTemperature);
    double[] knnSub = null;
    double[] knnSev = null;
    if (knn != null && ensemble.k() > 0) {
      double[] sim = knn.similarities(embedding);
      int[] idx = NearestNeighbours.topK(sim, ensemble.k(), -1, null, -1);
      knnSub = NearestNeighbours.vote(idx, sim, this.knnSub, subcategories.size(), ensemble.tau());
      knnSev = NearestNeighbours.vote(idx, sim, this.knnSeverity, Severity.values().length, ensemble.tau());
    }
    double[] ngSub = null;
    double[] ngSev = null;
    CharNgrams.Sparse g = null;
    if (ngrams != null) {
      g = ngrams.grams().vector(note);
      ngSub = ngrams.subProbabilities(g);
      ngSev = ngrams.severityProbabilities(g);
    }
    double[] pSub = ensemble.subProbabilities(lrSub, knnSub, ngSub);
    double[] pSev = ensemble.severityProbabilities(pSub, lrSev, knnSev, ngSev);
    if (danger != null && ensemble.danger() > 0) {
      pSev = danger.blend(pSev, danger.probability(standardised, g), ensemble.danger());
    }
    return new Probabilities(pSub, pSev);
  }

  void write(OutputStream raw) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw))) {
      out.writeInt(FORMAT);
      out.writeUTF(embedderId);
      writeStrings(out, ruleLayout);
      writeDoubles(out, standardiser.mean());
      writeDoubles(out, standardiser.scale());
      writeStrings(out, subcategories);
      writeMatrix(out, sub.weights());
      out.writeDouble(subTemperature);
      writeMatrix(out, severity.weights());
      out.writeDouble(severityTemperature);
      out.writeDouble(emergencyThreshold);
      out.writeInt(examples);
      out.writeUTF(trainedFrom);
      out.writeInt(ensemble.k());
      out.writeDouble(ensemble.tau());
      out.writeDouble(ensemble.mix());
      out.writeDouble(ensemble.ngram());
      out.writeDouble(ensemble.subPower());
      writeDoubles(out, ensemble.sevWeights());
      writeMatrix(out, ensemble.sevGivenSub());
      int rows = knn == null ? 0 : knn.size();
      out.writeInt(rows);
      for (int i = 0; i < rows; i++) {
        out.writeFloat(knn.scales()[i]);
        out.writeShort(knnSub[i]);
        out.writeByte(knnSeverity[i]);
        out.writeInt(knn.codes()[i].length);
        out.write(knn.codes()[i]);
      }
      out.writeBoolean(ngrams != null);
      if (ngrams != null) {
        writeStrings(out, ngrams.grams().vocabulary());
        float[] idf = ngrams.grams().idf();
        out.writeInt(idf.length);
        for (float f : idf) out.writeFloat(f);
        writeMatrix(out, ngrams.sub().weights());
        out.writeDouble(ngrams.subTemperature());
        writeMatrix(out, ngrams.severity().weights());
        out.writeDouble(ngrams.severityTemperature());
      }
      out.writeDouble(ensemble.danger());
      out.writeBoolean(danger != null);
      if (danger != null) {
        writeMatrix(out, danger.dense().weights());
        out.writeDouble(danger.denseTemperature());
        out.writeBoolean(danger.ngram() != null);
        if (danger.ngram() != null) {
          writeMatrix(out, danger.ngram().weights());
          out.writeDouble(danger.ngramTemperature());
          out.writeDouble(danger.ngramShare());
        }
      }
      out.writeBoolean(severityMlp != null);
      if (severityMlp != null) {
        writeMatrix(out, severityMlp.hiddenWeights());
        writeMatrix(out, severityMlp.outputWeights());
      }
      out.writeBoolean(danger != null && danger.pairwise());
    }
  }

  static IntakeModel read(InputStream raw) throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      int format = in.readInt();
      if (format < 1 || format > FORMAT) {
        throw new IntakeModelException("intake model format " + format + ", expected " + FORMAT);
      }
      String embedder = in.readUTF();
      List<String> layout = readStrings(in);
      Standardiser st = new Standardiser(readDoubles(in), readDoubles(in));
      List<String> subs = readStrings(in);
      SoftmaxRegression sub = new SoftmaxRegression(readMatrix(in));
      double tSub = in.readDouble();
      SoftmaxRegression sev = new SoftmaxRegression(readMatrix(in));
      double tSev = in.readDouble();
      double threshold = in.readDouble();
      int n = in.readInt();
      String from = in.readUTF();
      // format 1 (regressions only) is still read: a model rebuilt before k-NN keeps working until the next rebuild
      if (format == 1) return new IntakeModel(embedder, layout, st, subs, sub, tSub, sev, tSev, threshold, n, from);
      int k = in.readInt();
      double tau = in.readDouble();
      double mix = in.readDouble();
      double ngramWeight = format >= 3 ? in.readDouble() : 0;
      double power = in.readDouble();
      double[] sevWeights = readDoubles(in);
      double[][] sevGivenSub = readMatrix(in);
      int rows = in.readInt();
      byte[][] codes = new byte[rows][];
      float[] scales = new float[rows];
      int[] kSub = new int[rows];
      int[] kSev = new int[rows];
      for (int i = 0; i < rows; i++) {
        scales[i] = in.readFloat();
        kSub[i] = in.readShort();
        kSev[i] = in.readByte();
        codes[i] = new byte[in.readInt()];
        in.readFully(codes[i]);
      }
      NgramModel ng = null;
      if (format >= 3 && in.readBoolean()) {
        List<String> vocab = readStrings(in);
        float[] idf = new float[in.readInt()];
        for (int i = 0; i < idf.length; i++) idf[i] = in.readFloat();
        SparseSoftmax ngSub = new SparseSoftmax(readMatrix(in));
        double ngSubT = in.readDouble();
        SparseSoftmax ngSev = new SparseSoftmax(readMatrix(in));
        ng = new NgramModel(new CharNgrams(vocab, idf), ngSub, ngSubT, ngSev, in.readDouble());
      }
      // format 4: the dedicated "danger now" (EMERGENCY vs the rest) regression and its blend weight
      double dangerWeight = 0;
      DangerModel danger = null;
      if (format >= 4) {
        dangerWeight = in.readDouble();
        if (in.readBoolean()) {
          SoftmaxRegression dense = new SoftmaxRegression(readMatrix(in));
          double tDense = in.readDouble();
          SparseSoftmax ngram = null;
          double tNgram = 1;
          double share = 0;
          if (in.readBoolean()) {
            ngram = new SparseSoftmax(readMatrix(in));
            tNgram = in.readDouble();
            share = in.readDouble();
          }
          danger = new DangerModel(dense, tDense, ngram, tNgram, share);
        }
      }
      // format 5: the one-hidden-layer level model (in place of the level regression)
      Mlp mlp = null;
      if (format >= 5 && in.readBoolean()) mlp = new Mlp(readMatrix(in), readMatrix(in));
      // format 6: whether the danger model is the pairwise EMERGENCY-vs-HIGH one
      if (format >= 6 && in.readBoolean() && danger != null) {
        danger = new DangerModel(danger.dense(), danger.denseTemperature(), danger.ngram(), danger.ngramTemperature(),
            danger.ngramShare(), true);
      }
      IntakeEnsemble ens = new IntakeEnsemble(k, tau, mix, ngramWeight, power, sevWeights, sevGivenSub, dangerWeight);
      NearestNeighbours knnFinal = rows == 0 ? null : new NearestNeighbours(codes, scales, k, tau);
      return new IntakeModel(embedder, layout, st, subs, sub, tSub, sev, tSev, threshold, n, from, ens, knnFinal, kSub,
          kSev, ng, danger, mlp);
    }
  }

  private static void writeStrings(DataOutputStream out, List<String> s) throws IOException {
    out.writeInt(s.size());
    for (String v : s) out.writeUTF(v);
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> s = new ArrayList<>(n);
    for (int i = 0; i < n; i++) s.add(in.readUTF());
    return List.copyOf(s);
  }

  private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
    out.writeInt(v.length);
    for (double d : v) out.writeFloat((float) d);
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    double[] v = new double[in.readInt()];
    for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
    return v;
  }

  private static void writeMatrix(DataOutputStream out, double[][] m) throws IOException {
    out.writeInt(m.length);
    for (double[] row : m) writeDoubles(out, row);
  }

  private static double[][] readMatrix(DataInputStream in) throws IOException {
    double[][] m = new double[in.readInt()][];
    for (int i = 0; i < m.length; i++) m[i] = readDoubles(in);
    return m;
  }
}
