package cn.hotline12349.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.ticket.OpenTicketCounters;
import cn.hotline12349.core.ticket.TicketLists;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The open-ticket counters (V265) answer GET /tickets/open-counts exactly as counting the open tickets does, for each
 * tier, while tickets are created, dispatched, claimed, moved, suspended, closed and reopened, with and without the
 * deltas folded.
 */
@ExtendWith(VertxExtension.class)
class OpenTicketCountersDbTest {
  private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");
  /** What the endpoint answered before V265: a count over the open tickets themselves. */
  private static final String COUNTED = """
      select * from (
        select coalesce(t.county_code, t.intake_org) as org, t.status, count(*), t.county_code, t.intake_org
          from tickets t
         where t.queue_rank >= 0 and (? = 'PROVINCE' or (? = 'PREFECTURE' and (t.intake_org = ? or t.county_pref = ?))
               or (? = 'COUNTY' and t.county_code = ?))
         group by 1, 2, 4, 5) k
       order by org collate "C", status collate "C", county_code collate "C", intake_org collate "C"
      """;

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void countersAgreeWithACountOfTheOpenTicketsThroughTheLifecycle(Vertx vertx, VertxTestContext ctx) throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    TicketLists lists = new TicketLists(f.pool, SlaFixture.ORGS, f.clock);
    OpenTicketCounters counters = new OpenTicketCounters(f.pool);
    List<Actor> viewers = List.of(f.province, f.operator, f.handler, f.otherHandler);
    agree(f, lists, viewers, "no tickets");

    long a = f.dispatched(Severity.EMERGENCY).await().id();
    long b = f.dispatched(Severity.HIGH).await().id();
    long c = f.dispatched(Severity.NORMAL).await().id();
    long atIntake = f.tickets.create(f.operator, draft(), null).await().id();
    long answered = f.tickets.create(f.operator, draft(), null).await().id();
    agree(f, lists, viewers, "created");
    assertThat(lists.openCounts(f.province).await().stream().map(o -> row((JsonObject) o)).toList())
        .containsExactly("630100 NEW 2 null 630100", "630102 DISPATCHED 3 630102 630100");

    f.clock.advance(Duration.ofMinutes(5));
    f.act(f.handler, a, new TicketCommand.Claim()).await();
    f.act(f.operator, b, new TicketCommand.Transfer(SlaFixture.OTHER_COUNTY, "wrong area")).await();
    f.act(f.handler, c, new TicketCommand.Claim()).await();
    f.act(f.handler, c, new TicketCommand.Suspend("waiting for the school")).await();
    f.act(f.operator, answered, new TicketCommand.ResolveAtIntake("answered on the phone")).await();
    agree(f, lists, viewers, "claimed, moved, suspended, answered");

    assertThat(counters.compact().await()).as("deltas folded").isPositive();
    agree(f, lists, viewers, "folded");

    f.act(f.operator, atIntake, new TicketCommand.Dispatch(SlaFixture.COUNTY)).await();
    f.act(f.operator, answered, new TicketCommand.Reopen("the caller rang again")).await();
    f.act(f.handler, c, new TicketCommand.Resume()).await();
    f.act(f.handler, a, new TicketCommand.AddNote("child reached", true)).await();
    agree(f, lists, viewers, "dispatched, reopened, resumed, noted (folded counters plus new deltas)");
    counters.compact().await();
    agree(f, lists, viewers, "folded again");
    assertThat(f.count("select count(*) from open_ticket_count_deltas")).isZero();
    assertThat(f.count("select count(*) from open_ticket_counts where n <= 0")).as("no zero or negative counter")
        .isZero();
    ctx.completeNow();
  }

  private static void agree(SlaFixture f, TicketLists lists, List<Actor> viewers, String when) throws Exception {
    for (Actor viewer : viewers) {
      List<String> answered = new ArrayList<>();
      lists.openCounts(viewer).await().forEach(o -> answered.add(row((JsonObject) o)));
      assertThat(answered).as(viewer.username() + ", " + when).containsExactlyElementsOf(counted(f, viewer));
    }
  }

  private static List<String> counted(SlaFixture f, Actor viewer) throws Exception {
    String tier = SlaFixture.ORGS.get(viewer.orgCode()).tier().name();
    List<String> out = new ArrayList<>();
    try (Connection c = f.db.jdbc(); PreparedStatement p = c.prepareStatement(COUNTED)) {
      p.setString(1, tier);
      p.setString(2, tier);
      p.setString(3, viewer.orgCode());
      p.setString(4, viewer.orgCode());
      p.setString(5, tier);
      p.setString(6, viewer.orgCode());
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getString(4) + " "
              + rs.getString(5));
        }
      }
    }
    return out;
  }

  private static String row(JsonObject o) {
    return o.getString("org") + " " + o.getString("status") + " " + o.getLong("count") + " " + o.getString("county")
        + " " + o.getString("intakeOrg");
  }

  private static TicketDraft draft() {
    return new TicketDraft(null, null, List.of(), Category.CONSULTATION, null, Severity.CONSULT, "a question", null,
        null, null);
  }
}
