package cn.hotline12349.core.intake.learn;

/**
 * k-nearest-neighbour vote over sentence vectors (cosine similarity): the k most similar training notes vote for their
 * label with weight exp(similarity / tau), plus a small even share so no class is ever impossible. It keeps what a
 * regression smooths away: a rare wording close to a few labelled notes. Vectors are kept unit length, as int8 with
 * one scale per row (a quarter of the floats' size; the similarity moves by well under 0.01). Immutable; safe to share.
 */
public final class NearestNeighbours {
  /** Share of the probability mass spread evenly over all classes. */
  static final double SMOOTHING = 0.02;

  private final byte[][] codes;
  private final float[] scales;
  private final int k;
  private final double tau;

  public NearestNeighbours(byte[][] codes, float[] scales, int k, double tau) {
    this.codes = codes;
    this.scales = scales;
    this.k = k;
    this.tau = tau;
  }

  /** Quantises unit-length copies of {@code vectors}. */
  public static NearestNeighbours of(float[][] vectors, int k, double tau) {
    byte[][] codes = new byte[vectors.length][];
    float[] scales = new float[vectors.length];
    for (int i = 0; i < vectors.length; i++) {
      float[] u = unit(vectors[i]);
      float max = 1e-12f;
      for (float v : u) max = Math.max(max, Math.abs(v));
      scales[i] = max / 127f;
      codes[i] = new byte[u.length];
      for (int f = 0; f < u.length; f++) codes[i][f] = (byte) Math.round(u[f] / scales[i]);
    }
    return new NearestNeighbours(codes, scales, k, tau);
  }

  public byte[][] codes() { return codes; }

  public float[] scales() { return scales; }

  public int k() { return k; }

  public double tau() { return tau; }

  public int size() { return codes.length; }

  public static float[] unit(float[] v) {
    double n = 0;
    for (float x : v) n += x * x;
    n = Math.sqrt(n) + 1e-12;
    float[] u = new float[v.length];
    for (int i = 0; i < v.length; i++) u[i] = (float) (v[i] / n);
    return u;
  }

  /**
   * Cosine similarity of {@code query} to every stored row. Eight running sums per row instead of one: a single sum
   * is one long chain of dependent additions (about 3.5 ms over 5,000 rows of 512 on this machine), eight chains let
   * the core overlap them. The sum's order changes, so a similarity may move in its 7th digit
   * ({@link #similaritiesInOrder} is the one-sum version the test compares with).
   */
  public double[] similarities(float[] query) {
    float[] q = unit(query);
    double[] s = new double[codes.length];
    int n8 = q.length & ~7;
    for (int i = 0; i < codes.length; i++) {
      byte[] c = codes[i];
      float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
      int f = 0;
      for (; f < n8; f += 8) {
        a0 += q[f] * c[f];
        a1 += q[f + 1] * c[f + 1];
        a2 += q[f + 2] * c[f + 2];
        a3 += q[f + 3] * c[f + 3];
        a4 += q[f + 4] * c[f + 4];
        a5 += q[f + 5] * c[f + 5];
        a6 += q[f + 6] * c[f + 6];
        a7 += q[f + 7] * c[f + 7];
      }
      for (; f < c.length; f++) a0 += q[f] * c[f];
      s[i] = (((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))) * scales[i];
    }
    return s;
  }

  /** {@link #similarities} with one running sum per row, in index order (the reference for tests). */
  public double[] similaritiesInOrder(float[] query) {
    float[] q = unit(query);
    double[] s = new double[codes.length];
    for (int i = 0; i < codes.length; i++) {
      byte[] c = codes[i];
      float dot = 0;
      for (int f = 0; f < c.length; f++) dot += q[f] * c[f];
      s[i] = dot * scales[i];
    }
    return s;
  }

  /** Vote distribution over {@code classes} with the rows' {@code labels}. */
  public double[] vote(float[] query, int[] labels, int classes) {
    double[] s = similarities(query);
    return vote(topK(s, k, -1, null, -1), s, labels, classes, tau);
  }

  /** Indices of the {@code k} highest similarities, best first, skipping {@code self} and rows of fold {@code skipFold}. */
  public static int[] topK(double[] sim, int k, int self, int[] fold, int skipFold) {
    int[] best = new int[k];
    int n = 0;
    for (int i = 0; i < sim.length; i++) {
      if (i == self || (fold != null && fold[i] == skipFold)) continue;
      if (n == k && sim[i] <= sim[best[k - 1]]) continue;
      int at = n < k ? n++ : k - 1;
      while (at > 0 && sim[best[at - 1]] < sim[i]) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = i;
    }
    return n == k ? best : java.util.Arrays.copyOf(best, n);
  }

  /** Weighted vote of the neighbours {@code idx} (best first). */
  public static double[] vote(int[] idx, double[] sim, int[] labels, int classes, double tau) {
    double[] p = new double[classes];
    if (idx.length == 0) {
      java.util.Arrays.fill(p, 1.0 / classes);
      return p;
    }
    double top = sim[idx[0]];
    double total = 0;
    for (int i : idx) {
      double w = Math.exp((sim[i] - top) / tau);
      p[labels[i]] += w;
      total += w;
    }
    for (int c = 0; c < classes; c++) p[c] = (1 - SMOOTHING) * p[c] / total + SMOOTHING / classes;
    return p;
  }
}
