package cn.hotline12349.core.intake;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the harm a floor family fired on happens (round 8, docs/intake.md): the life-first floor is for danger now
 * (DOMAIN.md §5: EMERGENCY is "life or safety in danger now"; past abuse is HIGH), so a family's EMERGENCY needs its
 * match in a clause that is not only about the past. A match's window is its own clause and the one before it (the
 * time words of a spoken note often open the sentence: 去年暑假，表叔摸了她); the window is past-only when it holds a
 * past marker (去年, 小时候, 三年前, 上个月 ...) and no present one (现在, 刚才, 今天, 还在, 两个小时 ...).
 */
final class ClauseTime {
  private ClauseTime() {}

  /** A match of a rule that carried a floor signal, as offsets in the normalised note. */
  record Span(int start, int end) {}

  /**
   * The characters that end a clause: punctuation, full-width and ASCII, and the whitespace of regex {@code \\s}. A
   * lookup, not a regex per character: the scan runs for every floor match on the suggestion's latency path.
   */
  private static final String BREAKS = "，,。.！!？?；;、：:…~～\"“” \t\n\u000B\f\r";
  private static final String N = "[0-9一二两三四五六七八九十几半]+";
  static final Pattern PAST = Pattern.compile("去年|前年|大前年|" + N + "年(前|了|多)|小时候|那时候|那时|当时|那年|当年|以前|曾经|"
      + "多年|上学期|" + N + "个(多)?月(前|了)|半年前|好几年|上个月|上月|上个星期|上星期|上周|上个礼拜|前两年|前几年|那次|那一次|"
      + "(初|高|小学)[一二三四五六]?(那年|的时候)|小学(的时候|时)|暑假|寒假");
  static final Pattern PRESENT = Pattern.compile("正在|现在|刚才|刚刚|今天|今晚|今早|今儿|今天早上|今天下午|此刻|这会儿|马上|还在|"
      + "一直在|仍在|还没(有)?(回|找|到)|至今|到现在|快来|救命|再次|这次|" + N + "(个)?(小时|钟头|分钟)|昨天|昨晚|前天|这两天|这几天|又");

  /** The match's clause and the one before it. */
  static String window(String text, int start, int end) {
    int cs = clauseStart(text, start);
    int from = cs > 0 ? clauseStart(text, cs - 1) : cs;
    return text.substring(from, clauseEnd(text, Math.max(end, start)));
  }

  /** The match's clause with {@code n} clauses either side of it. */
  static String around(String text, int start, int end, int n) {
    int from = clauseStart(text, start);
    for (int i = 0; i < n && from > 0; i++) from = clauseStart(text, from - 1);
    int to = clauseEnd(text, Math.max(end, start));
    for (int i = 0; i < n && to < text.length(); i++) to = clauseEnd(text, to + 1);
    return text.substring(from, to);
  }

  /** The match's own clause, up to the match. */
  static String clauseBefore(String text, int start) {
    return text.substring(clauseStart(text, start), start);
  }

  static boolean pastOnly(String window) {
    return PAST.matcher(window).find() && !PRESENT.matcher(window).find();
  }

  /** Some span whose window is not past-only (true when there is none to judge). */
  static boolean anyPresent(String text, List<Span> spans) {
    return anyPresent(text, spans, (s, window) -> false);
  }

  /**
   * Some span whose window is not past-only and that {@code over} does not call over (already over: rescued, let out,
   * left with a carer ...; it is given the span and its window); true when there is none to judge.
   */
  static boolean anyPresent(String text, List<Span> spans, BiPredicate<Span, String> over) {
    if (spans == null || spans.isEmpty()) return true;
    for (Span s : spans) {
      String w = window(text, s.start(), s.end());
      if (!pastOnly(w) && !over.test(s, w)) return true;
    }
    return false;
  }

  /** Some match of {@code p} in {@code text} whose window is not past-only. */
  static boolean presentMatch(Pattern p, String text) {
    Matcher m = p.matcher(text);
    while (m.find()) if (!pastOnly(window(text, m.start(), m.end()))) return true;
    return false;
  }

  private static int clauseStart(String text, int pos) {
    int i = Math.min(pos, text.length()) - 1;
    while (i >= 0 && BREAKS.indexOf(text.charAt(i)) < 0) i--;
    return i + 1;
  }

  private static int clauseEnd(String text, int pos) {
    int i = pos;
    while (i < text.length() && BREAKS.indexOf(text.charAt(i)) < 0) i++;
    return i;
  }
}
