package cn.hotline12349.core.intake.learn;

import java.util.Random;

/**
 * Multinomial logistic regression over sparse rows ({@link CharNgrams}), L2, mini-batch Adam with a fixed seed, as
 * {@link SoftmaxRegression} but only the row's non-zero features enter the forward pass and the gradient.
 * Immutable after training; safe to share.
 */
public final class SparseSoftmax {
  private final double[][] w; // classes x (features + 1 bias)

  public SparseSoftmax(double[][] weights) { this.w = weights; }

  public double[][] weights() { return w; }

  public static SparseSoftmax train(CharNgrams.Sparse[] x, int features, int[] y, int classes,
                                    SoftmaxRegression.Options o) {
    int n = x.length;
    int d = features + 1;
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
    // every step updates all weights (Adam): on a large rebuild set, bigger batches keep the steps per epoch bounded
    int batch = Math.max(o.batch(), n / 64);
    for (int epoch = 0; epoch < o.epochs(); epoch++) {
      SoftmaxRegression.shuffle(order, rnd);
      for (int start = 0; start < n; start += batch) {
        int end = Math.min(n, start + batch);
        for (double[] row : g) java.util.Arrays.fill(row, 0);
        for (int bi = start; bi < end; bi++) {
          int i = order[bi];
          double[] p = probabilities(w, x[i]);
          for (int c = 0; c < classes; c++) {
            double err = p[c] - (y[i] == c ? 1 : 0);
            double[] gc = g[c];
            int[] idx = x[i].idx();
            float[] val = x[i].val();
            for (int f = 0; f < idx.length; f++) gc[idx[f]] += err * val[f];
            gc[d - 1] += err;
          }
        }
        int total = end - start;
        step++;
        double c1 = 1 - Math.pow(b1, step);
        double c2 = 1 - Math.pow(b2, step);
        double lr = o.learningRate();
        for (int c = 0; c < classes; c++) {
          double[] wc = w[c];
          double[] gc = g[c];
          double[] mc = m[c];
          double[] vc = v[c];
          for (int f = 0; f < d; f++) {
            double grad = gc[f] / total + (f < d - 1 ? o.l2() * wc[f] : 0);
            mc[f] = b1 * mc[f] + (1 - b1) * grad;
            vc[f] = b2 * vc[f] + (1 - b2) * grad * grad;
            wc[f] -= lr * (mc[f] / c1) / (Math.sqrt(vc[f] / c2) + 1e-8);
          }
        }
      }
    }
    return new SparseSoftmax(w);
  }

  public double[] logits(CharNgrams.Sparse x) {
    double[] z = new double[w.length];
    int[] idx = x.idx();
    float[] val = x.val();
    for (int c = 0; c < w.length; c++) {
      double[] wc = w[c];
      double s = wc[wc.length - 1];
      for (int f = 0; f < idx.length; f++) s += wc[idx[f]] * val[f];
      z[c] = s;
    }
    return z;
  }

  private static double[] probabilities(double[][] w, CharNgrams.Sparse x) {
    double[] z = new SparseSoftmax(w).logits(x);
    return SoftmaxRegression.softmax(z, 1);
  }
}
