package cn.hotline12349.core.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketDraft;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one event writer (core.ticket.TicketEventWriter): every kind of event on one ticket gets the next seq from the
 * ticket's counter, and the 督办 rule after a transfer out of the issuer's prefecture (docs/architecture.md).
 */
@ExtendWith(VertxExtension.class)
class SupervisionScopeAndEventSeqDbTest {
  private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");
  private static final String HAIXI = "632800";
  private static final String GOLMUD = "632801";

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void theIssuerAndTheProvinceFulfilAfterTheTicketLeftTheIssuersPrefecture(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    SupervisionService supervision = new SupervisionService(f.pool, vertx.eventBus(), SlaFixture.ORGS,
        SlaFixture.CONFIG, f.clock);
    Actor haixi = f.db.insertUser("sup-haixi", Role.INTAKE_SUPERVISOR, HAIXI);
    Actor golmud = f.db.insertUser("h-golmud", Role.COUNTY_HANDLER, GOLMUD);
    long id = f.tickets.create(f.operator, draft(), GOLMUD).await().id();
    f.act(golmud, id, new TicketCommand.Claim()).await();
    SupervisionOrder first = supervision.issue(haixi, id, GOLMUD, "no progress", "1h").await();
    SupervisionOrder second = supervision.issue(haixi, id, GOLMUD, "still nothing", "1h").await();
    f.act(f.operator, id, new TicketCommand.Transfer(SlaFixture.COUNTY, "wrong prefecture")).await();

    assertThatThrownBy(() -> supervision.issue(haixi, id, GOLMUD, "again", "1h").await())
        .as("a new order needs the ticket in the issuer's scope")
        .isInstanceOfSatisfying(RuleViolationException.class,
            e -> assertThat(e.violation().rule()).isEqualTo("org-scope"));
    assertThatThrownBy(() -> supervision.fulfil(f.operator, first.id()).await())
        .as("the intake prefecture sees the ticket but did not issue the order")
        .isInstanceOfSatisfying(RuleViolationException.class,
            e -> assertThat(e.violation().rule()).isEqualTo("supervision-issuer"));
    assertThat(supervision.fulfil(haixi, first.id()).await().status()).isEqualTo("FULFILLED");
    assertThat(supervision.fulfil(f.province, second.id()).await().status()).isEqualTo("FULFILLED");
    assertThat(f.count("select count(*) from audit_log where action = 'supervision_fulfilled' and ticket_id = " + id))
        .isEqualTo(2);
    ctx.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void everyKindOfEventTakesTheNextSeqFromTheTicketsCounter(Vertx vertx, VertxTestContext ctx) throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    SupervisionService supervision = new SupervisionService(f.pool, vertx.eventBus(), SlaFixture.ORGS,
        SlaFixture.CONFIG, f.clock);
    long id = f.tickets.create(f.operator, draft(), SlaFixture.COUNTY).await().id();
    f.act(f.handler, id, new TicketCommand.Claim()).await();
    supervision.issue(f.operator, id, SlaFixture.COUNTY, "no progress", "1h").await();
    f.clock.set(T0.plus(Duration.ofMinutes(48)));
    f.firer(vertx, f.pool, SlaMetrics.NONE).fireAllDue().await();
    List<Future<?>> notes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      notes.add(f.tickets.annotate(f.operator, id, "CALLBACK_PLACED", null, Map.of("n", i)));
    }
    Future.all(notes).await();

    List<Integer> seqs = new ArrayList<>();
    List<String> types = new ArrayList<>();
    try (Connection c = f.db.jdbc(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select seq, type from ticket_events where ticket_id = " + id + " order by seq")) {
      while (rs.next()) {
        seqs.add(rs.getInt(1));
        types.add(rs.getString(2));
      }
    }
    assertThat(types).contains("CREATED", "DISPATCHED", "CLAIMED", "SUPERVISION_ISSUED", "SLA_WARNING",
        "CALLBACK_PLACED");
    List<Integer> expected = new ArrayList<>();
    for (int i = 1; i <= seqs.size(); i++) expected.add(i);
    assertThat(seqs).as("1..n without gaps or repeats").isEqualTo(expected);
    assertThat(f.count("select event_seq from tickets where id = " + id)).isEqualTo(seqs.size());
    ctx.completeNow();
  }

  private static TicketDraft draft() {
    return new TicketDraft(null, null, List.of(), Category.VIOLATION, null, Severity.NORMAL, "test narrative",
        null, null, null);
  }
}
