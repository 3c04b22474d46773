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
import cn.hotline12349.core.domain.TicketStatus;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Creation: references past the six-digit range, and the reply built from RETURNING equals the stored ticket. */
@ExtendWith(VertxExtension.class)
class TicketCreateDbTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  private final TestDb db = TestDatabase.create();

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void referencesNeitherRunOutNorCollidePastOneMillion(Vertx vertx, VertxTestContext ctx) throws Exception {
    TicketService tickets = new TicketService(db.pool(vertx), vertx.eventBus(), ORGS,
        Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC));
    Actor op = db.insertUser("op1", Role.OPERATOR, "630100");
    tickets.create(op, draft(), null).await(); // 000001: a six-digit number of the same day
    try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
      s.execute("select setval('ticket_ref_seq', 999997)");
    }
    List<Future<TicketRecord>> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) made.add(tickets.create(op, draft(), "630102"));
    Future.all(made).await();
    List<String> refs = made.stream().map(f -> f.result().ref()).sorted().toList();
    assertThat(refs).containsExactlyInAnyOrder("QH20261123-999998", "QH20261123-999999", "QH20261123-1000000",
        "QH20261123-1000001", "QH20261123-1000002");
    try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
      s.execute("select setval('ticket_ref_seq', 100000)"); // what the old lpad made of 1,000,001: now apart
    }
    assertThat(tickets.create(op, draft(), null).await().ref()).isEqualTo("QH20261123-100001");
    ctx.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void theReplyFromReturningIsTheStoredTicket(Vertx vertx, VertxTestContext ctx) throws Exception {
    TicketService tickets = new TicketService(db.pool(vertx), vertx.eventBus(), ORGS,
        Clock.fixed(Instant.parse("2026-11-23T02:00:00.123456789Z"), ZoneOffset.UTC));
    Actor op = db.insertUser("op2", Role.OPERATOR, "630100");
    TicketDraft d = new TicketDraft("13909710001", "neighbour",
        List.of(new ChildDraft("小明", 9, ChildDraft.Gender.MALE, "630102", "城东区", true, false)),
        Category.VIOLATION, "abuse", Severity.HIGH, "narrative", Category.VIOLATION, Severity.NORMAL, "call-1");
    TicketRecord made = tickets.create(op, d, "630102").await();
    assertThat(made.status()).isEqualTo(TicketStatus.DISPATCHED);
    assertThat(made.version()).isEqualTo(1);
    assertThat(made).isEqualTo(tickets.get(op, made.id()).await());
    List<TicketEventRecord> history = tickets.history(made.id()).await();
    assertThat(history).extracting(TicketEventRecord::type).containsExactly("CREATED", "DISPATCHED");
    assertThat(history).extracting(TicketEventRecord::seq).containsExactly(1, 2);
    ctx.completeNow();
  }

  private static TicketDraft draft() {
    return new TicketDraft(null, null, List.of(), Category.CONSULTATION, null, Severity.CONSULT, "narrative", null,
        null, null);
  }
}
