package cn.hotline12349.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.domain.TicketStatus;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class TicketAnnotateTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  private final TestDb db = TestDatabase.create();

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void annotationIsAnEventWithoutStateChangeAndIsPublishedAfterCommit(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    TicketService tickets = new TicketService(db.pool(vertx),
        vertx.eventBus(), ORGS, Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC));
    Actor op = user("op1", Role.OPERATOR, "630100");
    Actor outsider = user("h-golmud", Role.COUNTY_HANDLER, "632801");
    List<JsonObject> published = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(TicketEvents.CHANGED, m -> published.add(m.body()));
    TicketDraft draft = new TicketDraft(null, null, List.of(), Category.CONSULTATION, null, Severity.CONSULT,
        "narrative", null, null, null);
    tickets.create(op, draft, null)
        .compose(t -> tickets.annotate(op, t.id(), "CALLBACK_PLACED", null, Map.of("status", "ANSWERED"))
            .compose(note -> tickets.annotate(outsider, t.id(), "CALLBACK_PLACED", null, Map.of())
                .<TicketTransition>transform(ar -> {
                  ctx.verify(() -> assertThat(((RuleViolationException) ar.cause()).violation().kind())
                      .isEqualTo(RuleViolation.Kind.FORBIDDEN));
                  return tickets.annotate(op, t.id(), "CLAIMED", null, Map.of());
                }))
            .<Void>transform(ar -> {
              ctx.verify(() -> assertThat(((RuleViolationException) ar.cause()).violation().field())
                  .isEqualTo("type"));
              return tickets.history(t.id()).compose(h -> tickets.get(op, t.id()).map(after -> {
                ctx.verify(() -> {
                  assertThat(h).extracting(TicketEventRecord::type).containsExactly("CREATED", "CALLBACK_PLACED");
                  assertThat(h.get(1).payload().getString("status")).isEqualTo("ANSWERED");
                  assertThat(after.status()).isEqualTo(TicketStatus.NEW);
                  assertThat(after.version()).isEqualTo(t.version());
                });
                return null;
              }));
            }))
        .onComplete(ctx.succeeding(v -> vertx.setTimer(200, id -> ctx.verify(() -> {
          assertThat(published).extracting(j -> j.getString("type")).containsExactly("CREATED", "CALLBACK_PLACED");
          ctx.completeNow();
        }))));
  }

  private Actor user(String name, Role role, String org) throws SQLException { return db.insertUser(name, role, org); }
}
