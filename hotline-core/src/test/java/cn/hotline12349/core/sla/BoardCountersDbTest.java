package cn.hotline12349.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.ticket.TicketRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The board's counters (V150, kept by triggers in the writer's transaction) against a count made here from the clock
 * rows themselves, after creates, claims, contacts, results, replies, closes, resolutions at intake, transfers,
 * suspensions, supervision orders, warnings and breaches fired and not yet fired, many of them concurrent and beside
 * concurrent compactions, across a midnight (Asia/Shanghai) and a month's first day.
 */
class BoardCountersDbTest {
  private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
  // 21:00 in Xining on the last day of February: the run crosses a midnight and the month's first day.
  private static final Instant T0 = Instant.parse("2026-02-28T13:00:00Z");
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void countersEqualACountOfTheClockRowsThroughAMixOfConcurrentChanges() throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    SlaBoard board = new SlaBoard(f.pool, SlaFixture.ORGS, SlaFixture.CONFIG, f.clock);
    SlaFirer firer = f.firer(vertx, f.pool, SlaMetrics.NONE);
    BoardCounters counters = new BoardCounters(f.pool);
    SupervisionService supervision = new SupervisionService(f.pool, vertx.eventBus(), SlaFixture.ORGS,
        SlaFixture.CONFIG, f.clock);
    assertThat(SlaFixture.CONFIG.calendar().zone().getRules()).as("the board reads the counters")
        .isEqualTo(SlaBoard.COUNTER_ZONE.getRules());

    Severity[] sev = {Severity.EMERGENCY, Severity.HIGH, Severity.NORMAL};
    List<Future<TicketRecord>> created = new ArrayList<>();
    for (int i = 0; i < 18; i++) {
      String county = i % 3 == 2 ? SlaFixture.OTHER_COUNTY : SlaFixture.COUNTY;
      created.add(f.tickets.create(f.operator, draft(sev[i % 3]), i % 6 == 5 ? null : county));
    }
    Future.all(created).await();
    List<TicketRecord> t = created.stream().map(Future::result).toList();
    check(f, board, counters, "created concurrently");

    f.clock.advance(Duration.ofMinutes(20));
    List<Future<?>> step = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      TicketRecord r = t.get(i);
      if (r.countyCode() == null) {
        step.add(f.act(f.operator, r.id(), new TicketCommand.ResolveAtIntake("answered")));
      } else if (i % 2 == 0) {
        step.add(f.act(handlerOf(f, r), r.id(), new TicketCommand.Claim()));
      }
    }
    step.add(counters.compact(f.clock.instant()));
    step.add(counters.compact(f.clock.instant()));
    Future.join(step).await();
    check(f, board, counters, "claims and resolutions, beside two compactions");

    // The emergency claims (30 min) are overdue, warnings are due: counted before the firer ran and after.
    f.clock.advance(Duration.ofMinutes(15));
    check(f, board, counters, "marks due, not fired");
    firer.fireAllDue().await();
    check(f, board, counters, "marks fired");

    step.clear();
    step.add(firer.fireAllDue());
    step.add(counters.compact(f.clock.instant()));
    step.add(f.act(f.operator, t.get(1).id(), new TicketCommand.Suspend("waiting for the hospital")));
    step.add(f.act(f.operator, t.get(3).id(), new TicketCommand.Transfer(SlaFixture.OTHER_COUNTY, "wrong area")));
    step.add(supervision.issue(f.province, t.get(0).id(), SlaFixture.COUNTY, "act now", "1h"));
    step.add(supervision.issue(f.operator, t.get(4).id(), SlaFixture.COUNTY, "act now", null));
    for (int i = 0; i < t.size(); i++) {
      TicketRecord r = t.get(i);
      if (r.countyCode() != null && i % 2 == 0 && i != 0 && i != 4) {
        step.add(f.act(handlerOf(f, r), r.id(), new TicketCommand.AddNote("contacted", true)));
      }
    }
    Future.join(step).await();
    check(f, board, counters, "suspension, transfer, supervision, contacts, firing and compaction at once");

    // Past midnight in Xining (a new day and a new month): yesterday's due dates are overdue by their day alone.
    f.clock.advance(Duration.ofHours(3));
    check(f, board, counters, "after midnight, not fired");
    firer.fireAllDue().await();
    step.clear();
    for (int i = 0; i < t.size(); i++) {
      TicketRecord r = t.get(i);
      if (r.countyCode() != null && i % 2 == 0 && i != 0 && i != 4) {
        step.add(f.act(handlerOf(f, r), r.id(), new TicketCommand.SubmitResult("done")));
      }
    }
    step.add(counters.compact(f.clock.instant()));
    Future.join(step).await();
    check(f, board, counters, "results submitted");
    step.clear();
    for (int i = 0; i < t.size(); i++) {
      TicketRecord r = t.get(i);
      if (r.countyCode() != null && i % 2 == 0 && i != 0 && i != 4) {
        long id = r.id();
        boolean close = i % 4 == 0;
        step.add(f.act(f.operator, id, new TicketCommand.Review(TicketCommand.ReviewDecision.ACCEPT, null))
            .compose(x -> close ? f.act(f.operator, id, new TicketCommand.Reply(true, 4, null))
                .compose(y -> f.act(f.operator, id, new TicketCommand.Close())) : Future.succeededFuture(x)));
      }
    }
    Future.join(step).await();
    check(f, board, counters, "accepted, replied, closed");

    f.clock.advance(Duration.ofDays(2));
    check(f, board, counters, "two days later, not fired");
    step.clear();
    step.add(firer.fireAllDue());
    step.add(f.act(f.operator, t.get(1).id(), new TicketCommand.Resume()));
    step.add(counters.compact(f.clock.instant()));
    for (int i = 5; i < t.size(); i += 2) { // claims two days late
      TicketRecord r = t.get(i);
      if (r.countyCode() != null) step.add(f.act(handlerOf(f, r), r.id(), new TicketCommand.Claim()));
    }
    Future.join(step).await();
    firer.fireAllDue().await();
    check(f, board, counters, "fired, resumed");
    assertThat(f.count("select count(*) from board_counts where status = 'LATE'")).as("late clocks seen").isPositive();
    assertThat(f.count("select count(*) from sla_deadlines where status = 'PAUSED'")).isZero();
  }

  /**
   * The hour buckets (V210): the clock walks from a morning into the evening in steps that land just before, on and just after hour
   * boundaries, tickets arrive at different hours (so deadlines fall in many hours of the days walked), marks fire on
   * some steps and not others, folds happen on some; at each step the board equals the count made from the rows. The
   * walk must have read clocks both from whole hours' buckets and from the current hour's rows, before and after noon.
   */
  @Test
  void hourBucketsFollowTheClockAcrossHourBoundaries() throws Exception {
    // 05:40 in Xining: the walk starts in a morning (the past part of today is read) and goes on past noon.
    SlaFixture f = new SlaFixture(vertx, Instant.parse("2026-03-09T21:40:00Z"));
    SlaBoard board = new SlaBoard(f.pool, SlaFixture.ORGS, SlaFixture.CONFIG, f.clock);
    SlaFirer firer = f.firer(vertx, f.pool, SlaMetrics.NONE);
    BoardCounters counters = new BoardCounters(f.pool);
    Severity[] sev = {Severity.EMERGENCY, Severity.HIGH, Severity.NORMAL};
    int[] seen = new int[4]; // [past bucket, past rows, future bucket, future rows] steps with clocks in that part
    for (int step = 0; step < 40; step++) {
      if (step % 2 == 0) {
        List<Future<TicketRecord>> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          created.add(f.tickets.create(f.operator, draft(sev[(step + i) % 3]), i == 2 ? SlaFixture.OTHER_COUNTY
              : SlaFixture.COUNTY));
        }
        Future.all(created).await();
        if (step % 4 == 0) {
          TicketRecord r = created.get(0).result();
          f.act(f.handler, r.id(), new TicketCommand.Claim()).await();
        }
      }
      // To one microsecond before the next hour, then onto it, then into it (three steps per boundary).
      Instant now = f.clock.instant();
      Instant nextHour = now.atZone(SH).truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusHours(1).toInstant();
      Instant to = switch (step % 3) {
        case 0 -> nextHour.minusNanos(1000);
        case 1 -> nextHour;
        default -> now.plus(Duration.ofMinutes(17 + step));
      };
      f.clock.set(to);
      if (step % 3 == 2) firer.fireAllDue().await();
      if (step % 5 == 4) counters.compact(f.clock.instant()).await();
      tally(f, seen);
      check(f, board, counters, "hour walk step " + step + " at " + f.clock.instant());
    }
    assertThat(seen).as("steps whose past whole hours / past current-hour rows / future hours / future rows held clocks")
        .doesNotContain(0);
  }

  /** Which parts of today the board read at this instant held running clocks (from the rows, independently). */
  private static void tally(SlaFixture f, int[] seen) throws Exception {
    Instant now = f.clock.instant();
    java.time.ZonedDateTime z = now.atZone(SH);
    Instant dayStart = z.toLocalDate().atStartOfDay(SH).toInstant();
    Instant dayEnd = z.toLocalDate().plusDays(1).atStartOfDay(SH).toInstant();
    Instant hourStart = z.truncatedTo(java.time.temporal.ChronoUnit.HOURS).toInstant();
    Instant hourEnd = hourStart.plus(Duration.ofHours(1));
    boolean past = Duration.between(dayStart, now).compareTo(Duration.between(now, dayEnd)) <= 0;
    String sql = "select count(*) from sla_deadlines where status = 'RUNNING' and due_at >= '%s' and due_at < '%s'";
    long hours = past ? f.count(sql.formatted(dayStart, hourStart)) : f.count(sql.formatted(hourEnd, dayEnd));
    long rows = past ? f.count(sql.formatted(hourStart, now.plusNanos(1000)))
        : f.count(sql.formatted(now.plusNanos(1000), hourEnd));
    if (hours > 0) seen[past ? 0 : 2]++;
    if (rows > 0) seen[past ? 1 : 3]++;
  }

  private static Actor handlerOf(SlaFixture f, TicketRecord r) {
    return SlaFixture.COUNTY.equals(r.countyCode()) ? f.handler : f.otherHandler;
  }

  private static TicketDraft draft(Severity s) {
    return new TicketDraft(null, null, List.of(), Category.VIOLATION, null, s, "board counters", null, null, null);
  }

  /** The board of each tier's unit, with the deltas not yet folded and again after folding them. */
  private static void check(SlaFixture f, SlaBoard board, BoardCounters counters, String what) throws Exception {
    for (int pass = 0; pass < 2; pass++) {
      for (String org : List.of("630000", SlaFixture.PREFECTURE, SlaFixture.COUNTY, SlaFixture.OTHER_COUNTY)) {
        JsonObject b = board.board(f.province, org).await();
        Expected e = expected(f, org);
        String as = what + (pass == 0 ? " (deltas)" : " (folded)") + " for " + org;
        Map<String, Long> shown = new TreeMap<>();
        for (Object o : b.getJsonArray("counts")) {
          JsonObject c = (JsonObject) o;
          shown.merge(c.getString("prefecture") + "|" + c.getString("county") + "|" + c.getString("stage") + "|"
              + c.getString("state") + "|" + c.getString("tier"), c.getLong("count"), Long::sum);
        }
        assertThat(shown).as(as).isEqualTo(e.counts);
        JsonObject onTime = b.getJsonObject("onTime");
        assertThat(triple(onTime.getJsonObject("today"))).as(as + " today").containsExactly(e.today);
        assertThat(triple(onTime.getJsonObject("month"))).as(as + " month").containsExactly(e.month);
        Map<String, List<Long>> byTierStage = new TreeMap<>();
        for (Object o : onTime.getJsonArray("byTierStage")) {
          JsonObject r = (JsonObject) o;
          byTierStage.put(r.getString("tier") + "|" + r.getString("stage"), List.of(triple(r)));
        }
        assertThat(byTierStage).as(as + " by tier and stage").isEqualTo(e.byTierStage);
      }
      counters.compact(f.clock.instant()).await();
    }
    assertThat(f.count("select count(*) from board_count_deltas")).isZero();
  }

  private static Long[] triple(JsonObject r) {
    return new Long[] {r.getLong("met"), r.getLong("late"), r.getLong("overdue")};
  }

  private record Expected(Map<String, Long> counts, Long[] today, Long[] month, Map<String, List<Long>> byTierStage) { }

  /** Straight from sla_deadlines and the org tree, row by row, with the formula of docs/sla.md. */
  private static Expected expected(SlaFixture f, String org) throws Exception {
    Instant now = f.clock.instant();
    LocalDate today = now.atZone(SH).toLocalDate();
    Instant dayStart = today.atStartOfDay(SH).toInstant();
    Instant monthStart = today.withDayOfMonth(1).atStartOfDay(SH).toInstant();
    Map<String, Long> counts = new TreeMap<>();
    Long[] day = {0L, 0L, 0L};
    Long[] month = {0L, 0L, 0L};
    Map<String, Long[]> by = new TreeMap<>();
    try (Connection c = f.db.jdbc(); ResultSet rs = c.createStatement().executeQuery("""
        select d.status, d.outcome, d.stopped_at, d.due_at, d.next_mark, d.next_fire_at, d.stage,
               o.code, o.parent_code, o.tier, p.parent_code
          from sla_deadlines d join org_units o on o.code = d.owner_org
          left join org_units p on p.code = o.parent_code""")) {
      while (rs.next()) {
        String code = rs.getString(8);
        if (!org.equals("630000") && !org.equals(code) && !org.equals(rs.getString(9))
            && !org.equals(rs.getString(11))) {
          continue;
        }
        String status = rs.getString(1);
        String stage = rs.getString(7);
        String tier = rs.getString(10);
        int slot = -1;
        boolean inToday = false;
        if (status.equals("STOPPED")) {
          String outcome = rs.getString(2);
          if (!"MET".equals(outcome) && !"LATE".equals(outcome)) continue;
          Instant stopped = rs.getTimestamp(3).toInstant();
          if (stopped.isBefore(monthStart)) continue;
          slot = outcome.equals("MET") ? 0 : 1;
          inToday = !stopped.isBefore(dayStart);
        } else {
          Instant due = instant(rs.getTimestamp(4));
          Instant fire = instant(rs.getTimestamp(6));
          String state = status.equals("PAUSED") ? "PAUSED"
              : due != null && !due.isAfter(now) ? "OVERDUE"
              : rs.getInt(5) > 0 || (fire != null && !fire.isAfter(now)) ? "WARNED" : "ON_TIME";
          boolean county = tier.equals("COUNTY");
          counts.merge((county ? rs.getString(9) : code) + "|" + (county ? code : null) + "|" + stage + "|" + state
              + "|" + tier, 1L, Long::sum);
          if (state.equals("OVERDUE")) {
            slot = 2;
            inToday = true;
          }
        }
        if (slot < 0) continue;
        month[slot]++;
        if (inToday) day[slot]++;
        by.computeIfAbsent(tier + "|" + stage, k -> new Long[] {0L, 0L, 0L})[slot]++;
      }
    }
    Map<String, List<Long>> byTierStage = new TreeMap<>();
    by.forEach((k, v) -> byTierStage.put(k, List.of(v)));
    return new Expected(counts, day, month, byTierStage);
  }

  private static Instant instant(Timestamp t) { return t == null ? null : t.toInstant(); }
}
