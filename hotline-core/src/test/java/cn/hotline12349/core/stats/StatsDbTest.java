package cn.hotline12349.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.CallbackOutcome;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.reply.CallbackAttempts;
import cn.hotline12349.core.sla.SlaConfig;
import cn.hotline12349.core.sla.SlaTransitionHook;
import cn.hotline12349.core.testing.MutableClock;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.core.ticket.TicketRecord;
import cn.hotline12349.core.ticket.TicketService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Statistics over generated tickets and calls, against counts the test keeps itself while generating them. */
class StatsDbTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
  private static final Instant FROM = Instant.parse("2026-09-30T16:00:00Z"); // 2026-10-01 00:00 Shanghai
  private static final Instant TO = Instant.parse("2026-11-30T16:00:00Z");   // 2026-12-01 00:00 Shanghai
  private static final Map<Severity, Duration> DISPATCH_BUDGET = Map.of(Severity.EMERGENCY, Duration.ofMinutes(10),
      Severity.HIGH, Duration.ofHours(1), Severity.NORMAL, Duration.ofHours(4));
  private final TestDb db = TestDatabase.create();
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void countsRatesAndCallsMatchWhatWasGenerated() throws Exception {
    MutableClock clock = new MutableClock(FROM);
    Pool pool = db.pool(vertx);
    TicketService tickets = new TicketService(pool, vertx.eventBus(), ORGS, clock);
    tickets.addHook(new SlaTransitionHook(SlaConfig.load(ConfigDir.resolve())));
    Actor xining = db.insertUser("op-x", Role.OPERATOR, "630100");
    Actor haixi = db.insertUser("op-h", Role.OPERATOR, "632800");
    Actor handler = db.insertUser("h-cd", Role.COUNTY_HANDLER, "630102");
    Actor prov = db.insertUser("prov", Role.PROVINCE_SUPERVISOR, "630000");
    Random rnd = new Random(16);
    Map<String, Long> byCategory = new TreeMap<>();
    Map<String, Long> bySeverity = new TreeMap<>();
    Map<String, Long> byCounty = new TreeMap<>();
    Map<String, Long> byMonth = new TreeMap<>();
    long xiningTotal = 0;
    long met = 0;
    long late = 0;
    Instant genStart = Instant.parse("2026-10-20T00:00:00Z");
    long spanSeconds = Duration.between(genStart, Instant.parse("2026-12-05T00:00:00Z")).toSeconds();
    for (int i = 0; i < 90; i++) {
      Instant at = genStart.plusSeconds((long) (rnd.nextDouble() * spanSeconds));
      clock.set(at);
      boolean x = rnd.nextInt(3) > 0;
      Category cat = List.of(Category.LIFE_DIFFICULTY, Category.PSYCHOLOGICAL, Category.CONSULTATION, Category.REFERRAL_OTHER)
          .get(rnd.nextInt(4));
      Severity sev = Severity.values()[rnd.nextInt(Severity.values().length)];
      String county = x ? List.of("630102", "630103", "630105").get(rnd.nextInt(3)) : "632801";
      TicketRecord t = tickets.create(x ? xining : haixi, new TicketDraft(null, null, List.of(), cat, null, sev, "统计测试",
          null, null, null), null).await();
      boolean dispatch = sev != Severity.CONSULT && rnd.nextInt(4) > 0;
      Duration delay = Duration.ofMinutes(1 + rnd.nextInt(300));
      if (dispatch) {
        clock.set(at.plus(delay));
        tickets.act(x ? xining : haixi, t.id(), new TicketCommand.Dispatch(county), null).await();
      }
      boolean inWindow = !at.isBefore(FROM) && at.isBefore(TO);
      if (!inWindow) continue;
      byCategory.merge(cat.name(), 1L, Long::sum);
      bySeverity.merge(sev.name(), 1L, Long::sum);
      byCounty.merge(dispatch ? county : "-", 1L, Long::sum);
      byMonth.merge(DateTimeFormatter.ofPattern("yyyy-MM").withZone(SH).format(at), 1L, Long::sum);
      if (x) xiningTotal++;
      if (dispatch) {
        if (delay.compareTo(DISPATCH_BUDGET.get(sev)) <= 0) met++; else late++;
      }
    }
    // Replies: three scored calls, one caller unreachable after three unanswered calls, one scored through the plain
    // reply command (both paths count); five results reviewed.
    clock.set(Instant.parse("2026-11-10T02:00:00Z"));
    CallbackAttempts attempts = new CallbackAttempts(pool, vertx.eventBus(), tickets, clock);
    int[] scores = {5, 4, 2};
    for (int i = 0; i < 5; i++) {
      TicketRecord t = tickets.create(xining, new TicketDraft(null, null, List.of(), Category.LIFE_DIFFICULTY, null,
          Severity.NORMAL, "回访统计", null, null, null), "630102").await();
      tickets.act(handler, t.id(), new TicketCommand.Claim(), null).await();
      tickets.act(handler, t.id(), new TicketCommand.SubmitResult("已处理"), null).await();
      tickets.act(xining, t.id(), new TicketCommand.Review(TicketCommand.ReviewDecision.ACCEPT, null), null).await();
      if (i < 3) {
        attempts.record(xining, t.id(), CallbackOutcome.REACHED, null, scores[i], null).await();
      } else if (i == 4) {
        tickets.act(xining, t.id(), new TicketCommand.Reply(true, 3, null), null).await();
      } else {
        for (int k = 0; k < 3; k++) attempts.record(xining, t.id(), CallbackOutcome.NO_ANSWER, null, null, null).await();
      }
      byCategory.merge("LIFE_DIFFICULTY", 1L, Long::sum);
      bySeverity.merge("NORMAL", 1L, Long::sum);
      byCounty.merge("630102", 1L, Long::sum);
      byMonth.merge("2026-11", 1L, Long::sum);
      xiningTotal++;
      met++; // dispatched on creation: DISPATCH met
    }
    long total = byCategory.values().stream().mapToLong(Long::longValue).sum();
    // Calls: queued and answered after a random wait, or abandoned; some outside the window, some at Haixi.
    long offered = 0;
    long abandoned = 0;
    long within15 = 0;
    long xOffered = 0;
    try (Connection c = db.jdbc(); PreparedStatement ps = c.prepareStatement("""
        insert into calls (linkedid, prefecture_code, started_at, queued_at, answered_at, abandoned_at, ended_at)
        values (?, ?, ?, ?, ?, ?, ?)""")) {
      for (int i = 0; i < 60; i++) {
        Instant start = Instant.parse("2026-09-25T00:00:00Z").plusSeconds(rnd.nextInt(70 * 86400));
        Instant queued = start.plusSeconds(5);
        int wait = rnd.nextInt(40);
        boolean gaveUp = rnd.nextInt(5) == 0;
        String pref = rnd.nextBoolean() ? "630100" : "632800";
        ps.setString(1, "call-" + i);
        ps.setString(2, pref);
        ps.setTimestamp(3, Timestamp.from(start));
        ps.setTimestamp(4, Timestamp.from(queued));
        ps.setTimestamp(5, gaveUp ? null : Timestamp.from(queued.plusSeconds(wait)));
        ps.setTimestamp(6, gaveUp ? Timestamp.from(queued.plusSeconds(wait)) : null);
        ps.setTimestamp(7, Timestamp.from(queued.plusSeconds(wait + 60)));
        ps.executeUpdate();
        if (start.isBefore(FROM) || !start.isBefore(TO)) continue;
        offered++;
        if (pref.equals("630100")) xOffered++;
        if (gaveUp) abandoned++;
        else if (wait <= 15) within15++;
      }
    }

    StatsRepository stats = new StatsRepository(pool, ORGS);
    JsonObject s = stats.stats(prov, new StatsQuery(FROM, TO, StatsQuery.By.COUNTY, null)).await();
    assertThat(s.getLong("total")).isEqualTo(total);
    assertThat(map(s.getJsonObject("dimensions").getJsonObject("category"))).isEqualTo(byCategory);
    assertThat(map(s.getJsonObject("dimensions").getJsonObject("severity"))).isEqualTo(bySeverity);
    assertThat(map(s.getJsonObject("dimensions").getJsonObject("county"))).isEqualTo(byCounty);
    assertThat(map(s.getJsonObject("dimensions").getJsonObject("month"))).isEqualTo(byMonth);
    Map<String, Long> groups = new TreeMap<>();
    s.getJsonArray("groups").forEach(o -> groups.put(((JsonObject) o).getString("key"), ((JsonObject) o).getLong("count")));
    assertThat(groups).isEqualTo(byCounty);
    JsonObject dispatchRate = s.getJsonArray("onTime").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("stage").equals("DISPATCH")).findFirst().orElseThrow();
    assertThat(dispatchRate.getString("tier")).isEqualTo("PREFECTURE");
    assertThat(dispatchRate.getLong("met")).isEqualTo(met);
    assertThat(dispatchRate.getLong("total")).isEqualTo(met + late);
    JsonObject reply = s.getJsonObject("reply");
    assertThat(reply.getLong("attempts")).isEqualTo(7);
    assertThat(reply.getLong("unreachable")).isEqualTo(1);
    assertThat(reply.getJsonObject("satisfaction").getDouble("average")).isEqualTo(3.5);
    assertThat(reply.getJsonObject("outcomes").getLong("REACHED")).isEqualTo(4);
    assertThat(reply.getJsonObject("outcomes").getLong("NO_ANSWER")).isEqualTo(3);
    assertThat(reply.getJsonObject("satisfaction").getJsonObject("distribution").getLong("2")).isEqualTo(1);
    assertThat(s.getJsonObject("review").getLong("accepted")).isEqualTo(5);
    JsonObject calls = s.getJsonObject("calls");
    assertThat(calls.getLong("offered")).isEqualTo(offered);
    assertThat(calls.getLong("abandoned")).isEqualTo(abandoned);
    assertThat(calls.getLong("answeredWithin15s")).isEqualTo(within15);
    assertThat(calls.getDouble("abandonedRate")).isEqualTo(Math.round(1000.0 * abandoned / offered) / 1000.0);

    JsonObject mine = stats.stats(xining, new StatsQuery(FROM, TO, StatsQuery.By.MONTH, null)).await();
    assertThat(mine.getLong("total")).isEqualTo(xiningTotal);
    assertThat(mine.getJsonObject("calls").getLong("offered")).isEqualTo(xOffered);
    JsonObject county = stats.stats(handler, new StatsQuery(FROM, TO, StatsQuery.By.CATEGORY, null)).await();
    assertThat(county.getLong("total")).isEqualTo(byCounty.getOrDefault("630102", 0L));
    assertThat(county.getValue("calls")).isNull();
  }

  private static Map<String, Long> map(JsonObject o) {
    Map<String, Long> m = new TreeMap<>();
    o.forEach(e -> m.put(e.getKey(), ((Number) e.getValue()).longValue()));
    return m;
  }
}
