package cn.hotline12349.core.intake.learn;

import java.util.Random;

/**
 * A one-hidden-layer perceptron (ReLU, softmax output) with L2, trained by mini-batch Adam with a fixed seed: the
 * nonlinear alternative to {@link SoftmaxRegression} for the level (round 5: can interactions such as "danger now" x
 * "harm" be learned rather than given?). Inputs standardised. Immutable after training.
 */
public final class Mlp {
  private final double[][] w1; // hidden x (features + 1)
  private final double[][] w2; // classes x (hidden + 1)

  public Mlp(double[][] w1, double[][] w2) {
    this.w1 = w1;
    this.w2 = w2;
  }

  public double[][] hiddenWeights() { return w1; }

  public double[][] outputWeights() { return w2; }

  public static Mlp train(double[][] x, int[] y, int classes, int hidden, SoftmaxRegression.Options o) {
    return train(x, y, classes, hidden, o, null);
  }

  /** @param weight per-example weight (1 for all when null): a cost-sensitive fit */
  public static Mlp train(double[][] x, int[] y, int classes, int hidden, SoftmaxRegression.Options o, double[] weight) {
    int n = x.length;
    int d = x[0].length;
    Random rnd = new Random(o.seed());
    double[][] w1 = new double[hidden][d + 1];
    double[][] w2 = new double[classes][hidden + 1];
    double s1 = Math.sqrt(2.0 / d);
    double s2 = Math.sqrt(2.0 / hidden);
    for (double[] r : w1) for (int f = 0; f < d; f++) r[f] = rnd.nextGaussian() * s1;
    for (double[] r : w2) for (int h = 0; h < hidden; h++) r[h] = rnd.nextGaussian() * s2;
    double[][] m1 = new double[hidden][d + 1], v1 = new double[hidden][d + 1], g1 = new double[hidden][d + 1];
    double[][] m2 = new double[classes][hidden + 1], v2 = new double[classes][hidden + 1], g2 = new double[classes][hidden + 1];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    double[] a = new double[hidden];
    double[] z = new double[classes];
    double[] dh = new double[hidden];
    int step = 0;
    for (int epoch = 0; epoch < o.epochs(); epoch++) {
      SoftmaxRegression.shuffle(order, rnd);
      for (int start = 0; start < n; start += o.batch()) {
        int end = Math.min(n, start + o.batch());
        for (double[] r : g1) java.util.Arrays.fill(r, 0);
        for (double[] r : g2) java.util.Arrays.fill(r, 0);
        double size = 0;
        for (int bi = start; bi < end; bi++) {
          double[] xi = x[order[bi]];
          double wi = weight == null ? 1 : weight[order[bi]];
          size += wi;
          forward(w1, w2, xi, a, z);
          double[] p = SoftmaxRegression.softmax(z, 1);
          java.util.Arrays.fill(dh, 0);
          for (int c = 0; c < classes; c++) {
            double err = (p[c] - (y[order[bi]] == c ? 1 : 0)) * wi;
            double[] w2c = w2[c];
            double[] g2c = g2[c];
            for (int h = 0; h < hidden; h++) {
              g2c[h] += err * a[h];
              dh[h] += err * w2c[h];
            }
            g2c[hidden] += err;
          }
          for (int h = 0; h < hidden; h++) {
            if (a[h] <= 0) continue;
            double e = dh[h];
            double[] g1h = g1[h];
            for (int f = 0; f < d; f++) g1h[f] += e * xi[f];
            g1h[d] += e;
          }
        }
        step++;
        double c1 = 1 - Math.pow(0.9, step);
        double c2 = 1 - Math.pow(0.999, step);
        adam(w1, g1, m1, v1, size, o, c1, c2);
        adam(w2, g2, m2, v2, size, o, c1, c2);
      }
    }
    return new Mlp(w1, w2);
  }

  private static void adam(double[][] w, double[][] g, double[][] m, double[][] v, double size, SoftmaxRegression.Options o,
                           double c1, double c2) {
    for (int r = 0; r < w.length; r++) {
      int last = w[r].length - 1;
      for (int f = 0; f <= last; f++) {
        double grad = g[r][f] / size + (f < last ? o.l2() * w[r][f] : 0);
        m[r][f] = 0.9 * m[r][f] + 0.1 * grad;
        v[r][f] = 0.999 * v[r][f] + 0.001 * grad * grad;
        w[r][f] -= o.learningRate() * (m[r][f] / c1) / (Math.sqrt(v[r][f] / c2) + 1e-8);
      }
    }
  }

  private static void forward(double[][] w1, double[][] w2, double[] x, double[] a, double[] z) {
    int d = x.length;
    for (int h = 0; h < w1.length; h++) {
      double[] r = w1[h];
      double s = r[d];
      for (int f = 0; f < d; f++) s += r[f] * x[f];
      a[h] = Math.max(0, s);
    }
    int hidden = w1.length;
    for (int c = 0; c < w2.length; c++) {
      double[] r = w2[c];
      double s = r[hidden];
      for (int h = 0; h < hidden; h++) s += r[h] * a[h];
      z[c] = s;
    }
  }

  public double[] logits(double[] x) {
    double[] a = new double[w1.length];
    double[] z = new double[w2.length];
    forward(w1, w2, x, a, z);
    return z;
  }
}
