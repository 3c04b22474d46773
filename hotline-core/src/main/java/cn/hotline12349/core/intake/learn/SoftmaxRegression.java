package cn.hotline12349.core.intake.learn;

import java.util.Random;

/**
 * Multinomial logistic regression with L2, trained by mini-batch Adam with a fixed seed (same data, same model).
 * Inputs are expected standardised ({@link Standardiser}). Immutable after training; safe to share.
 */
public final class SoftmaxRegression {
  private final double[][] w; // classes x (features + 1 bias)

  public SoftmaxRegression(double[][] weights) { this.w = weights; }

  public double[][] weights() { return w; }

  public int classes() { return w.length; }

  public record Options(double l2, int epochs, double learningRate, int batch, long seed) {
    public static Options defaults() { return new Options(1e-3, 40, 0.01, 32, 14L); }
  }

  /** @param weight per-example weight (1 for all when null) */
  public static SoftmaxRegression train(double[][] x, int[] y, int classes, double[] weight, Options o) {
    int n = x.length;
    int d = x[0].length + 1;
    double[][] w = new double[classes][d];
    double[][] m = new double[classes][d];
    double[][] v = new double[classes][d];
    double[][] g = new double[classes][d];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Random rnd = new Random(o.seed());
    double b1 = 0.9;
    double b2 = 0.999;
    int step = 0;
    double[] p = new double[classes];
    for (int epoch = 0; epoch < o.epochs(); epoch++) {
      shuffle(order, rnd);
      for (int start = 0; start < n; start += o.batch()) {
        int end = Math.min(n, start + o.batch());
        for (double[] row : g) java.util.Arrays.fill(row, 0);
        double total = 0;
        for (int bi = start; bi < end; bi++) {
          int i = order[bi];
          double wi = weight == null ? 1 : weight[i];
          total += wi;
          probabilities(w, x[i], p);
          for (int c = 0; c < classes; c++) {
            double err = (p[c] - (y[i] == c ? 1 : 0)) * wi;
            if (err == 0) continue;
            double[] gc = g[c];
            double[] xi = x[i];
            for (int f = 0; f < xi.length; f++) gc[f] += err * xi[f];
            gc[d - 1] += err;
          }
        }
        step++;
        double c1 = 1 - Math.pow(b1, step);
        double c2 = 1 - Math.pow(b2, step);
        for (int c = 0; c < classes; c++) {
          for (int f = 0; f < d; f++) {
            double grad = g[c][f] / total + (f < d - 1 ? o.l2() * w[c][f] : 0);
            m[c][f] = b1 * m[c][f] + (1 - b1) * grad;
            v[c][f] = b2 * v[c][f] + (1 - b2) * grad * grad;
            w[c][f] -= o.learningRate() * (m[c][f] / c1) / (Math.sqrt(v[c][f] / c2) + 1e-8);
          }
        }
      }
    }
    return new SoftmaxRegression(w);
  }

  /** Raw class scores (logits). */
  public double[] logits(double[] x) {
    double[] z = new double[w.length];
    for (int c = 0; c < w.length; c++) {
      double[] wc = w[c];
      double s = wc[wc.length - 1];
      for (int f = 0; f < x.length; f++) s += wc[f] * x[f];
      z[c] = s;
    }
    return z;
  }

  /** Fisher-Yates over the whole array, drawing from {@code rnd} (the trainers' epoch order; same draws, same model). */
  static void shuffle(int[] order, Random rnd) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /** Softmax of logits / temperature. */
  public static double[] softmax(double[] z, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) max = Math.max(max, v);
    double[] p = new double[z.length];
    double sum = 0;
    for (int c = 0; c < z.length; c++) {
      p[c] = Math.exp((z[c] - max) / temperature);
      sum += p[c];
    }
    for (int c = 0; c < z.length; c++) p[c] /= sum;
    return p;
  }

  private static void probabilities(double[][] w, double[] x, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < w.length; c++) {
      double[] wc = w[c];
      double s = wc[wc.length - 1];
      for (int f = 0; f < x.length; f++) s += wc[f] * x[f];
      out[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int c = 0; c < w.length; c++) {
      out[c] = Math.exp(out[c] - max);
      sum += out[c];
    }
    for (int c = 0; c < w.length; c++) out[c] /= sum;
  }
}
