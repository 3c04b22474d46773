package cn.hotline12349.core.intake.learn;

/** Per-feature mean and spread from the training rows, so every feature enters the regression on one scale. */
public record Standardiser(double[] mean, double[] scale) {
  public static Standardiser fit(double[][] x) {
    int d = x[0].length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (double[] row : x) for (int f = 0; f < d; f++) mean[f] += row[f];
    for (int f = 0; f < d; f++) mean[f] /= x.length;
    for (double[] row : x) for (int f = 0; f < d; f++) scale[f] += (row[f] - mean[f]) * (row[f] - mean[f]);
    for (int f = 0; f < d; f++) scale[f] = Math.sqrt(scale[f] / x.length) + 1e-6;
    return new Standardiser(mean, scale);
  }

  public double[] apply(double[] row) {
    double[] out = new double[row.length];
    for (int f = 0; f < row.length; f++) out[f] = (row[f] - mean[f]) / scale[f];
    return out;
  }

  public double[][] applyAll(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) out[i] = apply(x[i]);
    return out;
  }
}
