package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.PhoneNumber;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One search box: what {@code q} looks like decides which indexed matches run, each ranked, merged newest first
 * within a rank. Reference number (exact, then prefix) · caller phone in any format (digit-only forms compared) or
 * its last four digits · child name in characters, pinyin or initials (小丽 / xiaoli / xl) · two or more characters
 * of narrative, notes, results, names and addresses. Always inside the caller's scope and the list's filters.
 */
final class TicketSearch {
  enum Kind { REF, PHONE, LAST4, NAME, TEXT }

  private static final Pattern REF = Pattern.compile("(?i)(QH)?\\d{4,8}(-\\d*)?|(?i)QH\\d*");
  private static final Pattern PHONE = Pattern.compile("[+\\d][\\d\\s()+-]*");
  private static final Pattern LATIN = Pattern.compile("[A-Za-z]+");

  private final String q;
  private final TicketListQuery list;
  private final Tier scopeTier;
  private final String scopeOrg;
  private final int size;
  private final String cursor;

  TicketSearch(String q, TicketListQuery list, Tier scopeTier, String scopeOrg, int size, String cursor) {
    this.q = q;
    this.list = list;
    this.scopeTier = scopeTier;
    this.scopeOrg = scopeOrg;
    this.size = size;
    this.cursor = cursor;
  }

  /** The match kinds a query runs, by rank. */
  static List<Kind> kinds(String q) {
    String digits = q.replaceAll("[^0-9]", "");
    List<Kind> out = new ArrayList<>();
    if (REF.matcher(q).matches() && (q.toUpperCase(Locale.ROOT).startsWith("QH") || q.contains("-") || digits.length() == 8)) {
      out.add(Kind.REF);
    }
    if (PHONE.matcher(q).matches() && !q.toUpperCase(Locale.ROOT).startsWith("QH")) {
      if (digits.length() >= 7) out.add(Kind.PHONE);
      else if (digits.length() >= 4) out.add(Kind.LAST4);
    }
    if (LATIN.matcher(q).matches() || q.codePoints().anyMatch(TicketSearch::isHan)) out.add(Kind.NAME);
    if (q.codePointCount(0, q.length()) >= 2 && !LATIN.matcher(q).matches() && q.codePoints().anyMatch(TicketSearch::isHan)) {
      out.add(Kind.TEXT);
    }
    if (out.isEmpty()) {
      throw new RuleViolationException(RuleViolation.invalid("q", "search by a reference number, a phone number or "
          + "its last 4 digits, a child's name (characters or pinyin), or two or more characters of text"));
    }
    return out;
  }

  private static boolean isHan(int cp) { return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN; }

  record Built(String sql, SqlArgs args, List<Kind> kinds) {}

  /** Each kind a top-N of its own (newest first, after the cursor); the union cut to the page. */
  Built page() {
    List<Kind> kinds = kinds(q);
    SqlArgs a = new SqlArgs();
    String scope = scope(a.add(scopeOrg));
    String where = list.filters(a);
    ListCursor c = ListCursor.decode(cursor, "S");
    List<String> parts = new ArrayList<>();
    for (Kind k : kinds) {
      for (int rank : ranks(k)) {
        if (c != null && rank < c.a()) continue;
        String key = c != null && rank == c.a()
            ? " and (t.created_at, t.id) < (" + a.micros(c.b()) + ", " + a.add(c.id()) + "::bigint)" : "";
        String m = match(k, rank, a);
        String direct = "select " + TicketListQuery.COLUMNS + ", " + rank + " as rank from tickets t where " + scope
            + " and " + m + where + key;
        if (k == Kind.TEXT || k == Kind.NAME) {
          parts.add(windowed(rank, m, probe(k, a), where, key, direct, a));
        } else {
          parts.add(direct + " order by t.created_at desc, t.id desc limit " + (size + 1));
        }
      }
    }
    if (parts.isEmpty()) parts.add("select " + TicketListQuery.COLUMNS + ", 0 as rank from tickets t where false");
    String sql = "select * from ((" + String.join(") union all (", parts) + ")) t order by t.rank, t.created_at desc, "
        + "t.id desc limit " + (size + 1);
    return new Built(sql, a, kinds);
  }

  /**
   * Newest rows in scope that match, for a match that may be common (a frequent word or name: tens or hundreds of
   * thousands of rows at 1M tickets, all read and sorted by the plain query). In stages, one statement, each stage
   * skipped by a one-time filter when the one before answered: (1) the newest {@link #FIRST_WINDOW} rows in scope
   * are walked in recency order (an ordered index scan cut by LIMIT) and tested: enough for a very common match;
   * (2) a probe counts up to {@link #PROBE} matches in the whole table from the match's index: fewer means rare, and
   * the plain query (indexed match, then sort) runs; (3) otherwise the newest {@link #WINDOW} rows are walked, and
   * only when they hold less than a page does the plain query run for the rest.
   */
  private String windowed(int rank, String match, String probe, String where, String key, String direct, SqlArgs a) {
    String s = a.add(scopeOrg);
    String w1 = "w" + rank + "a";
    String w2 = "w" + rank + "b";
    String p = "p" + rank;
    String short1 = "(select count(*) from " + w1 + ") <= " + size;
    return "with " + w1 + " as (" + walk(s, key, FIRST_WINDOW, rank, match, where, "true") + "), "
        + p + " as (select count(*) as n from (select 1 from tickets t where " + short1 + " and " + probe + " limit "
        + PROBE + ") x), "
        + w2 + " as (" + walk(s, key, WINDOW, rank, match, where, short1 + " and (select n from " + p + ") >= " + PROBE)
        + ")"
        + " select * from " + w1 + " where not " + short1
        + " union all select * from " + w2
        + " union all (" + direct + " and " + short1 + " and ((select n from " + p + ") < " + PROBE
        + " or (select count(*) from " + w2 + ") <= " + size + ")"
        + " and t.id <> all(array(select id from " + w2 + ")) order by t.created_at desc, t.id desc limit "
        + (size + 1) + ")";
  }

  /** The matches among the newest {@code rows} rows in scope after the cursor, when {@code when} holds. */
  private String walk(String s, String key, int rows, int rank, String match, String where, String when) {
    List<String> branches = new ArrayList<>();
    for (String b : list.branches(s)) {
      branches.add("select t.* from tickets t where " + b + key + " order by t.created_at desc, t.id desc limit " + rows);
    }
    String window = branches.size() == 1 ? branches.get(0)
        : "select * from ((" + String.join(") union all (", branches) + ")) t order by t.created_at desc, t.id desc"
            + " limit " + rows;
    return "select " + TicketListQuery.COLUMNS + ", " + rank + " as rank from (" + window + ") t where " + when + " and "
        + match + where + " order by t.created_at desc, t.id desc limit " + (size + 1);
  }

  /**
   * The probe's match: the indexed part only, its value hidden from the planner (an InitPlan) so that a frequent
   * value is not read by a bounded sequential scan instead of its index.
   */
  private String probe(Kind k, SqlArgs a) {
    return k == Kind.NAME ? "t.search_names @> (select array[" + a.add(nameKey()) + "::text])"
        : "t.search_grams @> (select hotline_bigrams(" + a.add(q) + "))";
  }

  /** Matches counted (anywhere) before a match is taken as common. */
  static final int PROBE = 1000;

  /** Rows walked first: a match in 1 of 10 rows fills a page. */
  static final int FIRST_WINDOW = 500;

  /** Rows walked for a match found common by the probe: one in 40 rows fills a page. */
  static final int WINDOW = 2000;

  private static List<Integer> ranks(Kind k) {
    return switch (k) {
      case REF -> List.of(0, 1);
      case PHONE, LAST4 -> List.of(2);
      case NAME -> List.of(3);
      case TEXT -> List.of(4);
    };
  }

  private String match(Kind k, int rank, SqlArgs a) {
    String digits = q.replaceAll("[^0-9]", "");
    return switch (k) {
      case REF -> {
        String ref = q.toUpperCase(Locale.ROOT);
        if (!ref.startsWith("QH")) ref = "QH" + ref;
        yield rank == 0 ? "t.ref = " + a.add(ref) : "t.ref like " + a.add(escapeLike(ref) + "%") + " and t.ref <> "
            + a.add(ref);
      }
      case PHONE -> "t.caller_number_norm = " + a.add(PhoneNumber.normalize(q));
      case LAST4 -> "right(t.caller_number_norm, 4) = " + a.add(digits.substring(digits.length() - 4))
          + " and t.caller_number_norm like " + a.add("%" + digits);
      case NAME -> "t.search_names @> array[" + a.add(nameKey()) + "::text]";
      // The pieces computed once (an InitPlan), not per row walked.
      case TEXT -> "t.search_grams @> (select hotline_bigrams(" + a.add(q) + ")) and t.search_text like "
          + a.add("%" + escapeLike(q) + "%") + " and not t.search_names @> array[" + a.add(nameKey()) + "::text]";
    };
  }

  private String nameKey() { return q.replaceAll("\\s", "").toLowerCase(Locale.ROOT); }

  /** The caller's scope as one condition (search starts from its match index, not from a scope-ordered one). */
  private String scope(String s) {
    return switch (scopeTier) {
      case PROVINCE -> s + "::text is not null";
      case PREFECTURE -> "(t.intake_org = " + s + " or t.county_pref = " + s + ")";
      case COUNTY -> "t.county_code = " + s;
    };
  }

  static String escapeLike(String s) { return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"); }
}
