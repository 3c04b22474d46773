package cn.hotline12349.core.generate;

import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.OrgUnit;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.intake.Subcategory;
import cn.hotline12349.core.intake.Taxonomy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Loads N generated tickets set-based (generate_series into temporary tables, then one INSERT … SELECT per table),
 * with children, histories, SLA clocks and the derived list/search columns of V71 computed in the same statements.
 * Triggers and foreign-key checks are off for the loading session only ({@code session_replication_role = replica},
 * which needs the database owner or a superuser); everything a trigger would derive is written directly.
 */
final class TicketLoader {
  private final Connection c;
  private final OrgTree orgs;
  private final Taxonomy taxonomy;

  TicketLoader(Connection c, OrgTree orgs, Taxonomy taxonomy) {
    this.c = c;
    this.orgs = orgs;
    this.taxonomy = taxonomy;
  }

  /** Loads {@code n} tickets created over the two years before {@code now}; returns the number loaded. */
  long load(long n, Instant now, double seed) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("set local session_replication_role = replica");
      s.execute("set local synchronous_commit = off");
      s.execute("set local work_mem = '256MB'");
      s.execute("select setseed(" + seed + ")");
      seeds(s);
      users(s);
      s.execute(GeneratorSql.BUDGETS);
      try (PreparedStatement p = c.prepareStatement(GeneratorSql.PLAN)) {
        p.setLong(1, n);
        p.setTimestamp(2, Timestamp.from(now));
        p.execute();
      }
      s.execute("analyze g");
      step("plan");
      s.execute(GeneratorSql.NAME_KEYS);
      s.execute("analyze g_name_keys");
      for (String sql : GeneratorSql.LOAD) {
        s.execute(sql);
        step(sql.strip().substring(0, 24));
      }
      for (String sql : GeneratorSql.CLOCKS) {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setTimestamp(1, Timestamp.from(now));
          p.execute();
        }
        step("clocks");
      }
      s.execute(GeneratorSql.QUEUE_DUE);
      s.execute("select board_counts_rebuild()"); // the board counters' triggers were off too (V150)
      s.execute("select open_ticket_counts_rebuild()"); // and the open-ticket counters' (V265)
      s.execute(GeneratorSql.SEQUENCES);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    return n;
  }

  private long last = System.nanoTime();

  private void step(String what) {
    long t = System.nanoTime();
    System.out.printf(java.util.Locale.ROOT, "  %-26s %6.1f s%n", what.replace('\n', ' '), (t - last) / 1e9);
    last = t;
  }

  private void seeds(Statement s) throws SQLException {
    s.execute("create temp table g_county (n int, code text, pref text, name_zh text) on commit drop");
    s.execute("create temp table g_pref (n int, code text) on commit drop");
    s.execute("create temp table g_sub (n int, code text, category text, severity text) on commit drop");
    s.execute("create temp table g_word (kind text, n int, w text, tag text) on commit drop");
    List<OrgUnit> counties = orgs.ofTier(Tier.COUNTY);
    List<OrgUnit> prefs = orgs.ofTier(Tier.PREFECTURE);
    try (PreparedStatement p = c.prepareStatement("insert into g_county values (?, ?, ?, ?)")) {
      for (int i = 0; i < counties.size(); i++) {
        OrgUnit u = counties.get(i);
        p.setInt(1, i); p.setString(2, u.code()); p.setString(3, u.parentCode()); p.setString(4, u.nameZh());
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p = c.prepareStatement("insert into g_pref values (?, ?)")) {
      for (int i = 0; i < prefs.size(); i++) { p.setInt(1, i); p.setString(2, prefs.get(i).code()); p.addBatch(); }
      p.executeBatch();
    }
    // Sub-classes drawn in proportion to how often a hotline hears them: severe cases are rarer.
    try (PreparedStatement p = c.prepareStatement("insert into g_sub values (?, ?, ?, ?)")) {
      int n = 0;
      for (Subcategory sub : taxonomy.allSubcategories()) {
        for (int k = 0; k < weight(sub.defaultSeverity()); k++) {
          p.setInt(1, n++); p.setString(2, sub.code()); p.setString(3, sub.category().name());
          p.setString(4, sub.defaultSeverity().name());
          p.addBatch();
        }
      }
      p.executeBatch();
    }
    try (PreparedStatement p = c.prepareStatement("insert into g_word values (?, ?, ?, ?)")) {
      words(p, "surname", SeedText.SURNAMES);
      words(p, "given", SeedText.GIVEN);
      words(p, "whole", SeedText.WHOLE_NAMES);
      words(p, "town", SeedText.TOWNS);
      words(p, "place", SeedText.PLACES);
      words(p, "relation", SeedText.RELATIONS);
      words(p, "note", SeedText.NOTES);
      words(p, "result", SeedText.RESULTS);
      words(p, "answer", SeedText.ANSWERS);
      for (String cat : List.of("VIOLATION", "LIFE_DIFFICULTY", "PSYCHOLOGICAL", "CONSULTATION", "REFERRAL_OTHER")) {
        List<String> ts = SeedText.NARRATIVES.stream().filter(t -> t[0].equals(cat)).map(t -> t[1]).toList();
        for (int i = 0; i < ts.size(); i++) {
          p.setString(1, "narrative"); p.setInt(2, i); p.setString(3, ts.get(i)); p.setString(4, cat); p.addBatch();
        }
      }
      p.executeBatch();
    }
    // One row of arrays: a draw is an array subscript, not a lookup per ticket.
    s.execute("""
        create temp table g_words on commit drop as select
          array(select w from g_word where kind = 'surname' order by n) as surname,
          array(select w from g_word where kind = 'given' order by n) as given,
          array(select w from g_word where kind = 'whole' order by n) as whole,
          array(select w from g_word where kind = 'town' order by n) as town,
          array(select w from g_word where kind = 'place' order by n) as place,
          array(select w from g_word where kind = 'relation' order by n) as relation,
          array(select w from g_word where kind = 'note' order by n) as note,
          array(select w from g_word where kind = 'result' order by n) as result,
          array(select w from g_word where kind = 'answer' order by n) as answer""");
    s.execute("""
        create temp table g_narr on commit drop as
        select tag as category, array_agg(w order by n) as tpls from g_word where kind = 'narrative' group by tag""");
    s.execute("analyze g_county, g_pref, g_sub");
  }

  private static void words(PreparedStatement p, String kind, List<String> words) throws SQLException {
    for (int i = 0; i < words.size(); i++) {
      p.setString(1, kind); p.setInt(2, i); p.setString(3, words.get(i)); p.setString(4, null); p.addBatch();
    }
  }

  private static int weight(Severity s) {
    return switch (s) {
      case EMERGENCY -> 1;
      case HIGH -> 3;
      case NORMAL -> 6;
      case CONSULT -> 4;
    };
  }

  /** One operator per prefecture and one handler per county act in the generated histories; they cannot log in. */
  private void users(Statement s) throws SQLException {
    s.execute("""
        insert into users (username, password_hash, display_name, role, org_code)
        select 'gen-op-' || code, '!generated', '生成数据接线员', 'OPERATOR', code from g_pref
        union all
        select 'gen-h-' || code, '!generated', '生成数据处置员', 'COUNTY_HANDLER', code from g_county
        on conflict (username) do nothing""");
    s.execute("""
        create temp table g_user on commit drop as
        select org_code, id, username, role from users where username like 'gen-op-%' or username like 'gen-h-%'""");
    s.execute("create index on g_user (org_code, role)");
  }
}
