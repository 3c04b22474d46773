package cn.hotline12349.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.domain.TicketStatus;
import cn.hotline12349.core.generate.GenerateTickets;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.sla.BoardAggregates;
import cn.hotline12349.core.sla.SlaBoard;
import cn.hotline12349.core.sla.SlaConfig;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On 100,000 generated tickets (generated once for the class): every list, count and search query the API builds is
 * served by an index (its EXPLAIN shows no sequential scan of tickets), the board's aggregates none of sla_deadlines,
 * and the board's on-time rates equal a count made here from the raw rows.
 */
class ScalePlansDbTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  private static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");
  private static final TestDb db = TestDatabase.create();
  private static final Vertx vertx = Vertx.vertx();
  private static Pool pool;
  private static Actor province;

  @BeforeAll
  static void generate() throws Exception {
    GenerateTickets.load(db.config(), 100_000, NOW);
    pool = db.pool(vertx);
    province = db.insertUser("p1", Role.PROVINCE_SUPERVISOR, "630000");
  }

  @AfterAll
  static void close() { vertx.close().await(); }

  @Test
  void everyListCountAndSearchQueryIsAnIndexScan() {
    List<String> plans = new ArrayList<>();
    Map<String, String> scopes = Map.of("630000", "province", "630100", "prefecture", "630102", "county");
    String deepQueue = new ListCursor("Q", -1000, NOW.toEpochMilli() * 1000, 60_000).encode();
    String deepRecent = new ListCursor("R", NOW.minusSeconds(200L * 86400).toEpochMilli() * 1000, 0, 60_000).encode();
    for (String org : scopes.keySet()) {
      Tier tier = ORGS.get(org).tier();
      for (TicketFilter f : filters(deepQueue, deepRecent)) {
        TicketListQuery q = new TicketListQuery(f, tier, org, province, NOW);
        plans.add(explain(scopes.get(org) + " page " + f, q.page().sql(), q.page().args().tuple()));
        plans.add(explain(scopes.get(org) + " count " + f, q.count().sql(), q.count().args().tuple()));
      }
      for (String text : List.of("QH20261101-0009", "QH20261101-00090000", "13897012345", "0971 612 3456", "4881",
          "小丽", "xiaoli", "xl", "王子涵", "光明村", "吃不饱饭", "左臂有淤青")) {
        TicketFilter f = new TicketFilter(null, null, null, null, null, null, null, null, null, null, null, null, null,
            text, null, 50, null);
        TicketListQuery list = new TicketListQuery(f, tier, org, province, NOW);
        TicketSearch.Built s = new TicketSearch(text, list, tier, org, 50, null).page();
        plans.add(explain(scopes.get(org) + " search " + text, s.sql(), s.args().tuple()));
      }
    }
    for (String plan : plans) {
      assertThat(plan).doesNotContain("Seq Scan on tickets").containsAnyOf("Index Scan", "Index Only Scan", "Bitmap Index Scan");
    }
    for (String org : scopes.keySet()) {
      String counts = explain("board counts " + org, BoardAggregates.COUNTS, Tuple.of(org, TicketStore.odt(NOW)));
      String rates = explain("board rates " + org, BoardAggregates.ON_TIME,
          Tuple.of(org, TicketStore.odt(NOW.minusSeconds(86400)), TicketStore.odt(NOW.minusSeconds(30L * 86400))));
      assertThat(counts + rates).doesNotContain("Seq Scan on sla_deadlines");
      ZoneId sh = ZoneId.of("Asia/Shanghai");
      LocalDate day = NOW.atZone(sh).toLocalDate();
      String fromCounters = explain("board counter rates " + org, BoardAggregates.ON_TIME_FROM_COUNTERS,
          Tuple.of(BoardAggregates.scopeCodes(ORGS, org), day, day.withDayOfMonth(1)));
      // Both halves of a day: the hours already past, and the hours to come, from the hour buckets (V210).
      for (Instant at : List.of(NOW, NOW.plusSeconds(12 * 3600))) {
        LocalDate d = at.atZone(sh).toLocalDate();
        fromCounters += explain("board counters " + org + " at " + at, BoardAggregates.COUNTS_FROM_COUNTERS,
            BoardAggregates.countsArgs(BoardAggregates.scopeCodes(ORGS, org), at, d, d.atStartOfDay(sh).toInstant(),
                d.plusDays(1).atStartOfDay(sh).toInstant()));
      }
      assertThat(fromCounters).doesNotContain("Seq Scan on sla_deadlines").contains("board_counts")
          .contains("board_hour_counts");
      for (String list : List.of("overdue", "dueSoon", "supervision")) {
        long dueMicros = NOW.minusSeconds(86400).toEpochMilli() * 1000;
        Tuple first = Tuple.of(org, TicketStore.odt(NOW));
        Tuple after = list.equals("supervision") ? Tuple.of(org, TicketStore.odt(NOW), dueMicros, 1000L)
            : Tuple.of(org, TicketStore.odt(NOW), dueMicros, 1000L, "CLAIM");
        String lists = explain("board " + list + " " + org, SlaBoard.listSql(list, false), first)
            + explain("board " + list + " after " + org, SlaBoard.listSql(list, true), after);
        assertThat(lists).as(list).doesNotContain("Seq Scan on sla_deadlines").doesNotContain("Seq Scan on tickets")
            .doesNotContain("Seq Scan on supervision_orders");
      }
    }
    for (String org : scopes.keySet()) {
      long dueMicros = NOW.minusSeconds(86400).toEpochMilli() * 1000;
      for (String state : List.of("ON_TIME", "WARNED", "OVERDUE", "PAUSED")) {
        for (String stage : new String[] {null, "CLAIM"}) {
          List<Object> first = new ArrayList<>(List.of(org, TicketStore.odt(NOW)));
          if (stage != null) first.add(stage);
          List<Object> after = new ArrayList<>(first);
          if (!state.equals("PAUSED")) after.add(dueMicros);
          after.add(1000L);
          after.add("CLAIM");
          String what = "clocks " + state + " " + stage + " " + org;
          String clockPlans = explain(what, SlaBoard.clockListSql(state, stage != null, false, false), Tuple.from(first))
              + explain(what + " after", SlaBoard.clockListSql(state, stage != null, true, false), Tuple.from(after))
              + explain(what + " count", SlaBoard.clockListSql(state, stage != null, false, true), Tuple.from(first));
          System.out.println(clockPlans); // the plans, for docs/scale.md and a reviewer
          assertThat(clockPlans).as(what).doesNotContain("Seq Scan on sla_deadlines").doesNotContain("Seq Scan on tickets")
              .contains("sla_deadlines_");
        }
      }
    }
    assertThat(plans).hasSizeGreaterThan(100);
  }

  /** Each clock count of the board (region, stage, state) opens GET /api/sla/clocks, whose count is that number. */
  @Test
  void everyBoardClockCountEqualsTheCountOfItsClockList() {
    SlaBoard board = new SlaBoard(pool, ORGS, SlaConfig.load(ConfigDir.resolve()), Clock.fixed(NOW, ZoneOffset.UTC));
    int compared = 0;
    for (String org : List.of("630000", "630100", "630102")) {
      io.vertx.core.json.JsonArray counts = board.board(province, org).await().getJsonArray("counts");
      for (String state : List.of("ON_TIME", "WARNED", "OVERDUE", "PAUSED")) {
        for (String stage : new String[] {null, "DISPATCH", "CLAIM", "RESULT", "REPLY"}) {
          long expected = counts.stream().map(JsonObject.class::cast)
              .filter(c -> c.getString("state").equals(state) && (stage == null || c.getString("stage").equals(stage)))
              .mapToLong(c -> c.getLong("count")).sum();
          JsonObject list = board.clockList(province, org, stage, state, 10, null).await();
          long bound = TicketFilter.COUNT_BOUND;
          assertThat(list.getLong("count")).as(org + " " + stage + " " + state).isEqualTo(Math.min(expected, bound));
          assertThat(list.getBoolean("countCapped")).isEqualTo(expected > bound);
          assertThat(list.getJsonArray("items")).hasSize((int) Math.min(expected, 10));
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(60);
  }

  @Test
  void onTimeRatesEqualAnIndependentCountOfTheRawClocks() throws Exception {
    SlaConfig config = SlaConfig.load(ConfigDir.resolve());
    SlaBoard board = new SlaBoard(pool, ORGS, config, Clock.fixed(NOW, ZoneOffset.UTC));
    ZoneId zone = config.calendar().zone();
    LocalDate today = NOW.atZone(zone).toLocalDate();
    Instant dayStart = today.atStartOfDay(zone).toInstant();
    Instant monthStart = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
    for (String org : List.of("630000", "630100", "630102")) {
      JsonObject onTime = board.board(province, org).await().getJsonObject("onTime");
      long[] day = new long[3];
      long[] month = new long[3];
      Map<String, long[]> byTierStage = new HashMap<>();
      try (Connection c = db.jdbc(); ResultSet rs = c.createStatement().executeQuery("""
          select d.status, d.outcome, d.stopped_at, d.due_at, o.code, o.parent_code, o.tier, d.stage
            from sla_deadlines d join org_units o on o.code = d.owner_org""")) {
        while (rs.next()) {
          String code = rs.getString(5);
          boolean inScope = org.equals("630000") || org.equals(code) || org.equals(rs.getString(6));
          if (!inScope) continue;
          String status = rs.getString(1);
          String outcome = rs.getString(2);
          int slot = -1;
          boolean stoppedToday = false;
          if (status.equals("STOPPED") && ("MET".equals(outcome) || "LATE".equals(outcome))) {
            Instant stopped = rs.getTimestamp(3).toInstant();
            if (stopped.isBefore(monthStart)) continue;
            slot = outcome.equals("MET") ? 0 : 1;
            stoppedToday = !stopped.isBefore(dayStart);
          } else if (status.equals("RUNNING") && !rs.getTimestamp(4).toInstant().isAfter(NOW)) {
            slot = 2;
          }
          if (slot < 0) continue;
          month[slot]++;
          if (slot == 2 || stoppedToday) day[slot]++;
          byTierStage.computeIfAbsent(rs.getString(7) + "|" + rs.getString(8), k -> new long[3])[slot]++;
        }
      }
      assertRate(onTime.getJsonObject("today"), day, org + " today");
      assertRate(onTime.getJsonObject("month"), month, org + " month");
      assertThat(month[2]).as("the generated set has overdue open clocks").isPositive();
      for (Object o : onTime.getJsonArray("byTierStage")) {
        JsonObject r = (JsonObject) o;
        assertRate(r, byTierStage.remove(r.getString("tier") + "|" + r.getString("stage")), org + " " + r);
      }
      assertThat(byTierStage).as("every tier and stage shown").isEmpty();
    }
  }

  /** Each generated ticket's event counter (V60) is its last event's seq: the next event written (an SLA warning) fits. */
  @Test
  void generatedTicketsCountTheirEvents() {
    Row r = pool.query("""
        select count(*) filter (where t.event_seq <> e.last), count(*) from tickets t
          join (select ticket_id, max(seq) as last from ticket_events group by ticket_id) e on e.ticket_id = t.id""")
        .execute().await().iterator().next();
    assertThat(r.getLong(1)).isGreaterThan(90_000L);
    assertThat(r.getLong(0)).as("tickets whose event counter is behind their events").isZero();
  }

  /** The generator writes queue_rank itself (bulk load); it is the rank the database function (PriorityScore's) gives. */
  @Test
  void generatedTicketsRankAsTheQueueRankFunction() {
    Row r = pool.query("""
        select count(*) filter (where queue_rank <> hotline_queue_rank(severity, closed_at is not null, id)),
               count(distinct queue_rank) from tickets""").execute().await().iterator().next();
    assertThat(r.getLong(1)).as("a mixed set of ranks").isGreaterThan(8L);
    assertThat(r.getLong(0)).as("generated tickets ranked unlike PriorityScore").isZero();
  }

  /**
   * Search pages (windowed walk for common matches, index for rare ones, and both) equal a ranking computed here from
   * the base table: child-name matches first, then text matches that are not name matches, newest first.
   */
  @Test
  void searchPagesEqualAnIndependentRanking() {
    TicketLists lists = new TicketLists(pool, ORGS, Clock.fixed(NOW, ZoneOffset.UTC));
    Map<String, String> scopes = Map.of("630000", "true", "630100", "(intake_org = '630100' or county_pref = '630100')",
        "630102", "county_code = '630102'");
    for (String q : List.of("光明村", "小丽", "孩子", "吃不饱饭", "左臂有淤青")) {
      for (Map.Entry<String, String> scope : scopes.entrySet()) {
        List<Long> expected = new ArrayList<>();
        for (Row r : pool.preparedQuery("""
            select id from (
              select id, created_at, 3 as rank from tickets where search_names @> array[$1]::text[] and %1$s
              union all
              select id, created_at, 4 from tickets
               where strpos(search_text, $1) > 0 and not search_names @> array[$1]::text[] and %1$s) m
            order by rank, created_at desc, id desc limit 75""".formatted(scope.getValue()))
            .execute(Tuple.of(q)).await()) {
          expected.add(r.getLong(0));
        }
        List<Long> shown = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
          TicketListPage p = lists.list(province, new TicketFilter(null, null, null, scope.getKey(), null, null, null,
              null, null, null, null, null, null, q, null, 25, cursor)).await();
          p.items().forEach(t -> shown.add(t.id()));
          cursor = p.next();
          if (cursor == null) break;
        }
        assertThat(shown).as(q + " in " + scope.getKey()).containsExactlyElementsOf(expected);
      }
    }
  }

  private static void assertRate(JsonObject r, long[] expected, String what) {
    assertThat(new long[] {r.getLong("met"), r.getLong("late"), r.getLong("overdue")}).as(what).containsExactly(expected);
    long total = expected[0] + expected[1] + expected[2];
    assertThat(r.getLong("total")).isEqualTo(total);
    if (total > 0) assertThat(r.getDouble("rate")).as(what).isCloseTo((double) expected[0] / total,
        org.assertj.core.data.Offset.offset(0.0006));
  }

  private static List<TicketFilter> filters(String deepQueue, String deepRecent) {
    List<TicketFilter> out = new ArrayList<>();
    for (TicketFilter.Order order : TicketFilter.Order.values()) {
      String deep = order == TicketFilter.Order.QUEUE ? deepQueue : deepRecent;
      for (String cursor : new String[] {null, deep}) {
        out.add(f(order, cursor, null, null, null, null, null, null));
        out.add(f(order, cursor, List.of(TicketStatus.DISPATCHED, TicketStatus.CLAIMED), null, null, null, null, null));
        out.add(f(order, cursor, null, List.of(Severity.EMERGENCY), List.of(Category.VIOLATION), true, null, null));
        out.add(f(order, cursor, null, null, null, true, true, null));
        out.add(f(order, cursor, null, null, null, true, null, "none"));
        out.add(new TicketFilter(null, null, null, null, "CLAIM", true, null, true, null,
            NOW.minusSeconds(30L * 86400), NOW, null, null, null, order, 50, cursor));
      }
    }
    return out;
  }

  private static TicketFilter f(TicketFilter.Order order, String cursor, List<TicketStatus> statuses,
      List<Severity> severities, List<Category> categories, Boolean open, Boolean overdue, String claimed) {
    return new TicketFilter(statuses, severities, categories, null, null, open, overdue, null, claimed, null, null,
        null, null, null, order, 50, cursor);
  }

  private static String explain(String what, String sql, Tuple args) {
    StringBuilder plan = new StringBuilder(what).append('\n');
    for (Row r : pool.preparedQuery("explain " + sql).execute(args).await()) plan.append(r.getString(0)).append('\n');
    return plan.toString();
  }
}
