package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.intake.learn.IntakeModelException;
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
 * alarm, chosen by cross-validation. Immutable; swapped whole when the model is rebuilt.
 */
record IntakeModel(String embedderId, List<String> ruleLayout, Standardiser standardiser,
                   List<String> subcategories, SoftmaxRegression sub, double subTemperature,
                   SoftmaxRegression severity, double severityTemperature, double emergencyThreshold,
                   int examples, String trainedFrom) {
  private static final int FORMAT = 1;

  double[] subProbabilities(double[] standardised) {
    return SoftmaxRegression.softmax(sub.logits(standardised), subTemperature);
  }

  /** Indexed by {@link Severity#ordinal()}. */
  double[] severityProbabilities(double[] standardised) {
    return SoftmaxRegression.softmax(severity.logits(standardised), severityTemperature);
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
    }
  }

  static IntakeModel read(InputStream raw) throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      int format = in.readInt();
      if (format != FORMAT) throw new IntakeModelException("intake model format " + format + ", expected " + FORMAT);
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
      return new IntakeModel(embedder, layout, st, subs, sub, tSub, sev, tSev, threshold, n, from);
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
