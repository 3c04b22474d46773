package cn.hotline12349.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.intake.PriorityScore;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Vertx;
import cn.hotline12349.core.domain.TicketCommand;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stored work-queue rank (queue_rank, kept by the V71 trigger) is the Java PriorityScore, on a mixed set. */
class TicketPriorityDbTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  private final TestDb db = TestDatabase.create();
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void storedQueueRankIsThePriorityScoreWithoutWaiting() throws Exception {
    Instant start = Instant.parse("2026-11-23T00:00:00Z");
    MovableClock clock = new MovableClock(start);
    TicketService tickets = new TicketService(db.pool(vertx), vertx.eventBus(), ORGS, clock);
    Actor op = user("op1", Role.OPERATOR, "630100");
    Random random = new Random(12349);
    Map<Long, TicketDraft> drafts = new HashMap<>();
    Map<Long, Instant> created = new HashMap<>();
    Integer[] ages = {null, 0, 3, 5, 6, 12, 17};
    for (int i = 0; i < 40; i++) {
      // Several tickets share a minute, so equal scores must fall back to arrival order.
      clock.set(start.plus(Duration.ofSeconds(i % 7 == 0 ? 30L * i : 97L * i)));
      List<ChildDraft> kids = new ArrayList<>();
      int n = random.nextInt(3);
      for (int k = 0; k < n; k++) {
        kids.add(new ChildDraft("孩子" + k, ages[random.nextInt(ages.length)], null, "630102", null,
            random.nextInt(5) == 0, random.nextInt(5) == 0));
      }
      Severity sev = Severity.values()[random.nextInt(Severity.values().length)];
      TicketDraft d = new TicketDraft(null, null, kids, Category.VIOLATION, null, sev, "n" + i, null, null, null);
      TicketRecord t = tickets.create(op, d, null).await();
      drafts.put(t.id(), d);
      created.put(t.id(), t.createdAt());
    }
    // Closing one ticket takes it out of the work queue (-1), whatever its score.
    long closed = drafts.keySet().iterator().next();
    tickets.act(op, closed, new TicketCommand.ResolveAtIntake("已当场解答"), null).await();

    Map<Long, Integer> ranks = new HashMap<>();
    try (Connection c = db.jdbc(); ResultSet rs = c.createStatement().executeQuery("select id, queue_rank from tickets")) {
      while (rs.next()) ranks.put(rs.getLong(1), rs.getInt(2));
    }
    assertThat(ranks.keySet()).containsExactlyInAnyOrderElementsOf(drafts.keySet());
    for (long id : drafts.keySet()) {
      // queue_rank is the part of the score that does not move with time: the score of a ticket that has not waited.
      int expected = id == closed ? -1
          : PriorityScore.score(drafts.get(id).severity(), vulnerability(drafts.get(id)), created.get(id), created.get(id));
      assertThat(ranks.get(id)).as("ticket %d", id).isEqualTo(expected);
    }
    assertThat(ranks.values().stream().distinct().count()).as("a mixed set").isGreaterThan(8);
  }

  /** The function that keeps queue_rank is the one PriorityScore writes (QueueRank, installed by R__QueueRankFromPriorityScore). */
  @Test
  void theDatabaseRanksWithThePriorityScoreFunction() throws Exception {
    try (Connection c = db.jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "select prosrc from pg_proc where proname = 'hotline_queue_rank'")) {
      assertThat(rs.next()).isTrue();
      String body = rs.getString(1);
      assertThat(body).contains(String.valueOf(PriorityScore.VULNERABILITY_CAP));
      assertThat(QueueRank.function()).contains("$$" + body + "$$");
      assertThat(rs.next()).as("one function").isFalse();
    }
  }

  /** The youngest child, any disability, any child without a guardian: as the SQL reads ticket_children. */
  static PriorityScore.Vulnerability vulnerability(TicketDraft d) {
    Integer youngest = d.children().stream().map(ChildDraft::age).filter(a -> a != null).min(Integer::compare).orElse(null);
    return new PriorityScore.Vulnerability(youngest, d.children().stream().anyMatch(ChildDraft::disability),
        d.children().stream().anyMatch(ChildDraft::noGuardian));
  }

  private Actor user(String name, Role role, String org) throws SQLException { return db.insertUser(name, role, org); }

  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) { this.now = start; }

    void set(Instant at) { now = at; }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { return this; }

    @Override public Instant instant() { return now; }
  }
}
