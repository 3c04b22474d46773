package cn.hotline12349.core.intake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The youngest child age (0-17) named in a note: 5岁, 十三四岁, 两岁半, 八个月大, 婴儿, 初二, 小学三年级. */
final class AgeExtractor {
  private AgeExtractor() {}

  private static final Pattern YEARS = Pattern.compile("([0-9]{1,2}|[一二两三四五六七八九十几]{1,4})(来|多)?(周)?岁");
  private static final Pattern MONTHS = Pattern.compile("([0-9]{1,2}|[一二两三四五六七八九十几]{1,3})个(多)?月(大|的(孩子|婴儿|宝宝|娃|小孩))");
  private static final Pattern INFANT = Pattern.compile("婴儿|新生儿|刚出生|刚生下|刚生的|襁褓|弃婴|满月|吃奶");
  private static final Pattern GRADE = Pattern.compile("(小学|)([一二三四五六1-6])年级|初([一二三])|高([一二三])|幼儿园");

  static Integer youngest(String text) {
    Integer best = null;
    Matcher m = YEARS.matcher(text);
    while (m.find()) best = min(best, parse(m.group(1)));
    m = MONTHS.matcher(text);
    while (m.find()) best = min(best, 0);
    if (INFANT.matcher(text).find()) best = min(best, 0);
    if (best == null) {
      m = GRADE.matcher(text);
      while (m.find()) {
        if (m.group(2) != null) best = min(best, 5 + parse(m.group(2)));
        else if (m.group(3) != null) best = min(best, 11 + parse(m.group(3)));
        else if (m.group(4) != null) best = min(best, 14 + parse(m.group(4)));
        else best = min(best, 4);
      }
    }
    return best;
  }

  private static Integer min(Integer a, Integer b) {
    if (b == null || b < 0 || b > 17) return a;
    return a == null ? b : Math.min(a, b);
  }

  /** Arabic or Chinese numerals; for ranges such as 五六 or 十三四 the lower bound. */
  static Integer parse(String s) {
    if (s.chars().allMatch(Character::isDigit)) return Integer.parseInt(s);
    if (s.startsWith("几")) return 5;
    int ten = s.indexOf('十');
    if (ten < 0) return digit(s.charAt(0));
    int tens = ten == 0 ? 1 : digit(s.charAt(ten - 1));
    int ones = ten + 1 < s.length() && s.charAt(ten + 1) != '几' ? digit(s.charAt(ten + 1)) : 0;
    if (ten + 1 < s.length() && s.charAt(ten + 1) == '几') ones = 3;
    return tens * 10 + Math.max(ones, 0);
  }

  private static int digit(char c) {
    return switch (c) {
      case '一' -> 1; case '二', '两' -> 2; case '三' -> 3; case '四' -> 4; case '五' -> 5;
      case '六' -> 6; case '七' -> 7; case '八' -> 8; case '九' -> 9; case '十' -> 10;
      default -> Character.isDigit(c) ? c - '0' : 0;
    };
  }
}
