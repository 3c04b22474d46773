package cn.hotline12349.core.intake;

import com.hankcs.hanlp.seg.common.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A normalised note with HanLP token boundaries, and the scope questions the rules ask about a match:
 * is it negated, hypothetical, hearsay, or a denial reported from someone else?
 */
final class IntakeText {
  /** Negation words; a negator only counts as a whole token, so 不停, 不知道, 没想到 never negate. */
  private static final Set<String> NEGATORS = Set.of("没", "没有", "不", "未", "并未", "从未", "从没", "从没有",
      "从来没", "从来没有", "从来不", "并没有", "并不", "不是", "并非", "无", "未曾", "不曾", "没再", "不再", "否认",
      "绝没有", "没怎么", "没打", "不打");
  /** A negator followed by one of these is not negating the event after it (不敢说被打, 不让吃饭, 没过几天又打). */
  private static final Set<String> NEGATOR_EXCEPT_NEXT = Set.of("敢", "让", "想到", "办法", "多久", "几天", "过",
      "一会", "一会儿", "知道", "清楚", "停", "人", "要", "断", "久", "少", "仅", "但", "光", "得不", "料");
  private static final Set<String> SCOPE_BREAKERS = Set.of("但是", "可是", "不过", "但", "然后", "后来", "结果",
      "而且", "还", "又", "现在", "时候", "时", "以后", "之后", "的话");
  private static final Pattern CLAUSE_BREAK = Pattern.compile("[，,。.！!？?；;\\s、：:…~～\"“”]");
  private static final Pattern HYPOTHETICAL = Pattern.compile("如果|假如|万一|要是|假设|假若|一旦|会不会|是否");
  private static final Pattern HEARSAY = Pattern.compile("听说|据说|听人说|听别人说|听[^，。\\s]{1,6}说|传言|好像是|估计是");
  private static final Pattern REPORTED = Pattern.compile("(他|她|家长|他爸|他妈|她爸|她妈|父母|爸爸|妈妈|老师|孩子|对方|大人|男的|女的)[^，。\\s]{0,3}(说|讲|称|表示|坚持说)");
  private static final Pattern POST_DENIAL = Pattern.compile("^[^，。！？]{0,4}(是假的|不属实|没有的事|是误会|是谣言|瞎说的|乱说的|胡说|冤枉)");

  final String text;
  private final int[] tokenStart;
  private final String[] tokens;

  private IntakeText(String text, int[] tokenStart, String[] tokens) {
    this.text = text;
    this.tokenStart = tokenStart;
    this.tokens = tokens;
  }

  static IntakeText of(String raw) {
    String text = normalise(raw == null ? "" : raw);
    List<Term> terms = text.isEmpty() ? List.of() : HanLpHolder.segment(text);
    List<Integer> starts = new ArrayList<>();
    List<String> words = new ArrayList<>();
    int pos = 0;
    for (Term t : terms) {
      int at = text.indexOf(t.word, pos);
      if (at < 0) continue;
      starts.add(at);
      words.add(t.word);
      pos = at + t.word.length();
    }
    return new IntakeText(text, starts.stream().mapToInt(Integer::intValue).toArray(), words.toArray(String[]::new));
  }

  /** Simplified characters, half-width ASCII in lower case, one space for any run of white space. */
  static String normalise(String raw) {
    String s = HanLpHolder.simplified(raw);
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u3000') c = ' ';
      else if (c >= '\uFF01' && c <= '\uFF5E' && !"，！？；：（）～".contains(String.valueOf(c))) c = (char) (c - 0xFEE0);
      if (c == '\u200B' || c == '\uFEFF') continue;
      b.append(Character.toLowerCase(c));
    }
    return b.toString().replaceAll("\\s+", " ").trim();
  }

  int clauseStart(int pos) {
    int i = pos - 1;
    while (i >= 0 && !CLAUSE_BREAK.matcher(String.valueOf(text.charAt(i))).matches()) i--;
    return i + 1;
  }

  int clauseEnd(int pos) {
    int i = pos;
    while (i < text.length() && !CLAUSE_BREAK.matcher(String.valueOf(text.charAt(i))).matches()) i++;
    return i;
  }

  private int tokenAt(int pos) {
    int lo = 0;
    int hi = tokenStart.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (tokenStart[mid] <= pos) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  /** True when a negator token stands within four tokens before the match in the same clause, or a denial follows. */
  boolean negated(int start, int end) {
    int ti = tokenAt(start);
    if (ti >= 0 && tokenStart[ti] < start) {
      String prefix = tokens[ti].substring(0, start - tokenStart[ti]);
      if (prefix.endsWith("没") || prefix.endsWith("不") || prefix.endsWith("未")) return true;
    }
    int clause = clauseStart(start);
    for (int k = ti - 1, seen = 0; k >= 0 && seen < 4; k--, seen++) {
      if (tokenStart[k] < clause) break;
      String w = tokens[k];
      if (SCOPE_BREAKERS.contains(w)) break;
      if (NEGATORS.contains(w)) {
        String next = tokens[k + 1];
        if (NEGATOR_EXCEPT_NEXT.stream().noneMatch(next::startsWith)) return true;
      }
    }
    return POST_DENIAL.matcher(text.substring(Math.min(end, text.length()))).find();
  }

  boolean hypothetical(int start) {
    return HYPOTHETICAL.matcher(text.substring(clauseStart(start), start)).find();
  }

  /** Hearsay: the caller heard it from others (听说, 据说) in this or the previous clause. */
  boolean hearsay(int start) {
    int cs = clauseStart(start);
    int prev = cs > 1 ? clauseStart(cs - 1) : cs;
    return HEARSAY.matcher(text.substring(prev, start)).find();
  }

  /** The match sits in a clause of someone's reported words (他爸说..., 孩子说...). */
  boolean reported(int start) {
    int cs = clauseStart(start);
    int prev = cs > 1 ? clauseStart(cs - 1) : cs;
    return REPORTED.matcher(text.substring(prev, start)).find();
  }

  List<String> tokens() { return List.of(tokens); }
}
