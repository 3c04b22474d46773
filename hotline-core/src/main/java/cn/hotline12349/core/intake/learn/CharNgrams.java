package cn.hotline12349.core.intake.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Character uni- and bigrams of a note as a sparse, idf-weighted, unit-length vector: the words of the domain
 * (跳楼, 低保, 留守, 烫伤) as they are written, which a sentence embedding cut to its first characters blurs.
 * Vocabulary and idf come from the training notes (grams seen in at least {@link #MIN_DF} notes). Immutable.
 */
public final class CharNgrams {
  static final int MIN_DF = 2;
  /** The most frequent grams kept at most (a rebuild over many tickets would otherwise grow the model without end). */
  static final int MAX_VOCABULARY = 60_000;

  private final Map<String, Integer> index;
  private final float[] idf;

  public CharNgrams(List<String> grams, float[] idf) {
    this.index = new HashMap<>();
    for (int i = 0; i < grams.size(); i++) index.put(grams.get(i), i);
    this.idf = idf;
  }

  /** A sparse row: feature indices (ascending not required) and values. */
  public record Sparse(int[] idx, float[] val) {}

  public static CharNgrams fit(List<String> notes) {
    Map<String, Integer> df = new LinkedHashMap<>();
    for (String n : notes) for (String g : grams(n).keySet()) df.merge(g, 1, Integer::sum);
    List<String> vocab = new ArrayList<>();
    List<Float> w = new ArrayList<>();
    List<Map.Entry<String, Integer>> kept = df.entrySet().stream().filter(e -> e.getValue() >= MIN_DF).toList();
    if (kept.size() > MAX_VOCABULARY) {
      kept = kept.stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(MAX_VOCABULARY)
          .toList();
    }
    for (Map.Entry<String, Integer> e : kept) {
      vocab.add(e.getKey());
      w.add((float) Math.log((1.0 + notes.size()) / (1.0 + e.getValue())) + 1f);
    }
    float[] idf = new float[w.size()];
    for (int i = 0; i < idf.length; i++) idf[i] = w.get(i);
    return new CharNgrams(vocab, idf);
  }

  public int size() { return idf.length; }

  /** The vocabulary in feature order, for storage. */
  public List<String> vocabulary() {
    String[] v = new String[idf.length];
    for (Map.Entry<String, Integer> e : index.entrySet()) v[e.getValue()] = e.getKey();
    return List.of(v);
  }

  public float[] idf() { return idf; }

  public Sparse vector(String note) {
    Map<String, Integer> counts = grams(note);
    int[] idx = new int[counts.size()];
    float[] val = new float[counts.size()];
    int n = 0;
    double norm = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      Integer i = index.get(e.getKey());
      if (i == null) continue;
      idx[n] = i;
      val[n] = (float) ((1 + Math.log(e.getValue())) * idf[i]);
      norm += val[n] * val[n];
      n++;
    }
    norm = Math.sqrt(norm) + 1e-12;
    for (int j = 0; j < n; j++) val[j] /= (float) norm;
    return new Sparse(java.util.Arrays.copyOf(idx, n), java.util.Arrays.copyOf(val, n));
  }

  /** Counts of the note's character uni- and bigrams; spaces and punctuation split runs and are not grams. */
  static Map<String, Integer> grams(String note) {
    Map<String, Integer> out = new HashMap<>();
    if (note == null) return out;
    String s = note.toLowerCase(java.util.Locale.ROOT);
    int prev = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetterOrDigit(cp)) {
        prev = -1;
        continue;
      }
      out.merge(new String(Character.toChars(cp)), 1, Integer::sum);
      if (prev >= 0) out.merge(new String(Character.toChars(prev)) + new String(Character.toChars(cp)), 1, Integer::sum);
      prev = cp;
    }
    return out;
  }
}
