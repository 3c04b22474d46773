package cn.hotline12349.core.intake;

import com.hankcs.hanlp.dictionary.py.Pinyin;
import java.util.List;

/**
 * How likely two written Chinese names are the same child, 0..1. Operators hear names on the phone, so homophones
 * (王芳 / 王方), near sounds (z/zh, n/l, an/ang ...) and one missing or different character (小明 / 王小明,
 * 李娜娜 / 李娜) must come out close. Pure; the duplicate finder combines it with age and county.
 *
 * <p>Score: 1 - (weighted edit distance / longer length), where substituting characters with the same pinyin costs
 * 0.1, similar pinyin 0.3 and different characters 1; at most one full edit still scores at least {@link #CLOSE}.
 */
public final class ChildNameMatcher {
  /** At or above this the names are worth showing to the operator as a possible duplicate. */
  public static final double CLOSE = 0.7;

  private ChildNameMatcher() {}

  public static boolean isClose(String a, String b) { return score(a, b) >= CLOSE; }

  public static double score(String a, String b) {
    String x = clean(a);
    String y = clean(b);
    if (x.isEmpty() || y.isEmpty()) return 0;
    if (x.equals(y)) return 1;
    String[][] px = syllables(x);
    String[][] py = syllables(y);
    int n = x.length();
    int m = y.length();
    double[][] d = new double[n + 1][m + 1];
    for (int i = 0; i <= n; i++) d[i][0] = i;
    for (int j = 0; j <= m; j++) d[0][j] = j;
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        double sub = d[i - 1][j - 1] + cost(x.charAt(i - 1), y.charAt(j - 1), px[i - 1], py[j - 1]);
        d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
      }
    }
    double dist = d[n][m];
    double s = 1 - dist / Math.max(n, m);
    if (dist <= 1.0 && Math.min(n, m) >= 1 && Math.max(n, m) >= 2) s = Math.max(s, CLOSE);
    return Math.max(0, Math.min(1, Math.round(s * 1000) / 1000.0));
  }

  /** Each character has its reading in the name and on its own: HanLP picks one reading of 娜 (na / nuo) per context. */
  private static double cost(char a, char b, String[] pa, String[] pb) {
    if (a == b) return 0;
    double best = 1;
    for (String x : pa) {
      for (String y : pb) {
        if (x.isEmpty() || y.isEmpty()) continue;
        if (x.equals(y)) best = Math.min(best, 0.1);
        else if (fuzzy(x).equals(fuzzy(y))) best = Math.min(best, 0.3);
      }
    }
    return best;
  }

  /** Folds sounds that callers and operators in the north-west often confuse. */
  static String fuzzy(String p) {
    String s = p.replaceFirst("^zh", "z").replaceFirst("^ch", "c").replaceFirst("^sh", "s")
        .replaceFirst("^n", "l").replaceFirst("^r", "l").replaceFirst("^h", "f");
    s = s.replaceFirst("ang$", "an").replaceFirst("eng$", "en").replaceFirst("ing$", "in").replaceFirst("ong$", "on");
    return s;
  }

  private static String clean(String s) {
    if (s == null) return "";
    return HanLpHolder.simplified(s).replaceAll("[\\s·•.\\-_]", "");
  }

  private static String[][] syllables(String s) {
    List<Pinyin> inContext = HanLpHolder.pinyin(s);
    String[][] out = new String[s.length()][];
    for (int i = 0; i < s.length(); i++) {
      List<Pinyin> alone = HanLpHolder.pinyin(String.valueOf(s.charAt(i)));
      out[i] = new String[] {text(i < inContext.size() ? inContext.get(i) : null), text(alone.isEmpty() ? null : alone.get(0))};
    }
    return out;
  }

  private static String text(Pinyin p) {
    return p == null || p.getPinyinWithoutTone().equals("none") ? "" : p.getPinyinWithoutTone();
  }
}
