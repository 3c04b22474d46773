package cn.hotline12349.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.ticket.TicketEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SlaFiringDbTest {
  private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");
  private static final String SLA_EVENTS = "select count(*) from ticket_events where type in ('SLA_WARNING', 'ESCALATED')";

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void warnsThenEscalatesToPrefectureThenProvinceNeverEarly(Vertx vertx, VertxTestContext ctx) throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SlaFirer firer = f.firer(vertx, f.pool, new MicrometerSlaMetrics(registry));
    List<JsonObject> heard = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(SlaAddresses.ESCALATED, m -> heard.add(m.body())).completion().await();
    List<JsonObject> onTicketBus = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(TicketEvents.ESCALATED, m -> onTicketBus.add(m.body())).completion().await();
    long id = f.dispatched(Severity.EMERGENCY).await().id();

    f.clock.set(T0.plus(Duration.ofMinutes(24)).minusMillis(1));
    assertThat(firer.fireAllDue().await()).as("one millisecond before 80 %").isZero();
    f.clock.set(T0.plus(Duration.ofMinutes(24)));
    assertThat(firer.fireAllDue().await()).isEqualTo(1);
    assertThat(f.count("select count(*) from ticket_events where type = 'SLA_WARNING' and payload->>'stage' = 'CLAIM'"))
        .isEqualTo(1);

    f.clock.set(T0.plus(Duration.ofMinutes(30)));
    assertThat(firer.fireAllDue().await()).isEqualTo(1);
    f.clock.set(T0.plus(Duration.ofMinutes(45)));
    assertThat(firer.fireAllDue().await()).isEqualTo(1);
    assertThat(f.count("select count(*) from ticket_events where ticket_id = " + id
        + " and type = 'ESCALATED' and payload->>'targetOrg' = '630100' and payload->>'level' = '1'")).isEqualTo(1);
    assertThat(f.count("select count(*) from ticket_events where ticket_id = " + id
        + " and type = 'ESCALATED' and payload->>'targetOrg' = '630000' and payload->>'level' = '2'")).isEqualTo(1);
    assertThat(firer.fireAllDue().await()).isZero();

    // counted by the tier of the unit that is late (the county holding the ticket) and the stage, bounded tags only
    assertThat(registry.counter(SlaMetrics.WARNINGS, "tier", "COUNTY", "stage", "CLAIM").count()).isEqualTo(1);
    assertThat(registry.counter(SlaMetrics.BREACHES, "tier", "COUNTY", "stage", "CLAIM").count()).isEqualTo(2);
    assertThat(registry.find(SlaMetrics.BREACHES).counters()).hasSize(1);
    assertThat(registry.find(SlaMetrics.WARNINGS).counters()).singleElement()
        .satisfies(c -> assertThat(c.getId().getTags()).extracting(io.micrometer.core.instrument.Tag::getKey)
            .containsExactly("stage", "tier"));
    assertThat(registry.timer(SlaMetrics.FIRING_LAG).count()).isEqualTo(3);
    assertThat(heard).extracting(b -> b.getString("targetTier")).containsExactly("PREFECTURE", "PROVINCE");
    assertThat(onTicketBus).extracting(b -> b.getLong("ticketId")).containsExactly(id, id);
    ctx.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void schedulerCatchesUpAtStartAndEachMarkFiresOnceAcrossRestarts(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    for (int i = 0; i < 5; i++) f.dispatched(Severity.EMERGENCY).await();
    f.clock.advance(Duration.ofHours(10)); // the node was down: CLAIM and FIRST_CONTACT passed all three marks
    String first = vertx.deployVerticle(scheduler(vertx, f, f.pool)).await();
    assertThat(f.count(SLA_EVENTS)).isEqualTo(5 * 6);
    vertx.undeploy(first).await();
    String second = vertx.deployVerticle(scheduler(vertx, f, f.pool)).await();
    assertThat(f.count(SLA_EVENTS)).isEqualTo(5 * 6);
    assertThat(f.count("select count(distinct payload->>'idempotencyKey') from ticket_events"
        + " where type in ('SLA_WARNING', 'ESCALATED')")).isEqualTo(30);
    vertx.undeploy(second).await();
    ctx.completeNow();
  }

  private static SlaScheduler scheduler(Vertx vertx, SlaFixture f, Pool pool) {
    return new SlaScheduler(f.firer(vertx, pool, SlaMetrics.NONE), new SlaStoreReader(pool), f.clock,
        Duration.ofSeconds(1));
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  void twoSchedulersOnOneDatabaseNeverDuplicate(Vertx vertx, VertxTestContext ctx) throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    int tickets = 20;
    for (int i = 0; i < tickets; i++) f.dispatched(Severity.EMERGENCY).await();
    f.clock.advance(Duration.ofHours(10));
    Pool otherNode = f.db.pool(vertx);
    SlaFirer a = new SlaFirer(f.pool, vertx.eventBus(), SlaFixture.ORGS, SlaFixture.CONFIG, f.clock, SlaMetrics.NONE, 7);
    SlaFirer b = new SlaFirer(otherNode, vertx.eventBus(), SlaFixture.ORGS, SlaFixture.CONFIG, f.clock, SlaMetrics.NONE, 7);
    List<Future<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(a.fireAllDue());
      runs.add(b.fireAllDue());
    }
    Future.all(runs).await();
    int total = runs.stream().mapToInt(Future::result).sum();
    assertThat(total).as("marks written, summed over both nodes").isEqualTo(tickets * 6);
    assertThat(f.count(SLA_EVENTS)).isEqualTo(tickets * 6);
    assertThat(f.count("select count(*) from sla_deadlines where next_fire_at is not null")).isZero();
    ctx.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void slaEventsAreTicketNewsPublishedOnceAfterCommitEvenWithTwoFirers(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    List<JsonObject> changed = new CopyOnWriteArrayList<>();
    List<JsonObject> escalatedAddress = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(TicketEvents.CHANGED, m -> changed.add(m.body())).completion().await();
    vertx.eventBus().<JsonObject>consumer(TicketEvents.ESCALATED, m -> escalatedAddress.add(m.body()))
        .completion().await();
    long id = f.dispatched(Severity.EMERGENCY).await().id();
    f.act(f.handler, id, new TicketCommand.Claim()).await();
    int version = f.tickets.get(f.handler, id).await().version();
    Pool otherNode = f.db.pool(vertx);
    SlaFirer a = new SlaFirer(f.pool, vertx.eventBus(), SlaFixture.ORGS, SlaFixture.CONFIG, f.clock, SlaMetrics.NONE, 7);
    SlaFirer b = new SlaFirer(otherNode, vertx.eventBus(), SlaFixture.ORGS, SlaFixture.CONFIG, f.clock, SlaMetrics.NONE, 7);
    // EMERGENCY FIRST_CONTACT is 2h from dispatch: at 2h both its warning (96 min) and its escalation are due.
    f.clock.set(T0.plus(Duration.ofHours(2)));
    List<Future<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(a.fireAllDue());
      runs.add(b.fireAllDue());
    }
    Future.all(runs).await();
    assertThat(runs.stream().mapToInt(Future::result).sum()).isEqualTo(2);
    // Publishing happened before the firers' futures completed; a sentinel sent now arrives after all of it.
    vertx.eventBus().publish(TicketEvents.CHANGED, new JsonObject().put("type", "SENTINEL"));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (changed.stream().noneMatch(m -> "SENTINEL".equals(m.getString("type"))) && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    List<JsonObject> sla = changed.stream().filter(m -> m.getString("type").startsWith("SLA_")
        || m.getString("type").equals("ESCALATED")).toList();
    assertThat(sla).extracting(m -> m.getString("type")).containsExactly("SLA_WARNING", "ESCALATED");
    JsonObject esc = sla.get(1);
    assertThat(esc.getLong("ticketId")).isEqualTo(id);
    assertThat(esc.getString("fromStatus")).isEqualTo("CLAIMED");
    assertThat(esc.getString("toStatus")).isEqualTo("CLAIMED");
    assertThat(esc.getString("countyCode")).isEqualTo(SlaFixture.COUNTY);
    assertThat(esc.getString("intakeOrg")).isEqualTo(SlaFixture.PREFECTURE);
    assertThat(esc.getString("severity")).isEqualTo("EMERGENCY");
    assertThat(esc.getInteger("version")).as("SLA news does not bump the version").isEqualTo(version);
    assertThat(esc.getString("stage")).isEqualTo("FIRST_CONTACT");
    assertThat(esc.getString("targetOrg")).isEqualTo(SlaFixture.PREFECTURE);
    assertThat(escalatedAddress).hasSize(1);
    assertThat(f.tickets.history(id).await()).filteredOn(e -> e.type().equals("ESCALATED"))
        .singleElement().satisfies(e -> {
          assertThat(e.actor()).isEqualTo("system:sla");
          assertThat(e.actorOrg()).isEqualTo(SlaFixture.PREFECTURE);
          assertThat(e.fromStatus()).isEqualTo("CLAIMED");
        });
    ctx.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void aSupervisionOrderIsAClockThatEscalatesAboveTheIssuer(Vertx vertx, VertxTestContext ctx) throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    SupervisionService supervision = new SupervisionService(f.pool, vertx.eventBus(), SlaFixture.ORGS,
        SlaFixture.CONFIG, f.clock);
    SlaFirer firer = f.firer(vertx, f.pool, SlaMetrics.NONE);
    List<String> news = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(TicketEvents.CHANGED, m -> news.add(m.body().getString("type")
        + "/" + m.body().getString("stage"))).completion().await();
    long id = f.dispatched(Severity.NORMAL).await().id();
    f.act(f.handler, id, new TicketCommand.Claim()).await();
    SupervisionOrder order = supervision.issue(f.operator, id, SlaFixture.COUNTY, "no progress", "1h").await();
    assertThat(order.dueAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    f.clock.set(T0.plus(Duration.ofMinutes(48)));
    firer.fireAllDue().await();
    assertThat(f.count("select count(*) from ticket_events where type = 'SLA_WARNING' and payload->>'stage' = 'SUPERVISION'"
        + " and payload->>'ownerOrg' = '" + SlaFixture.COUNTY + "'")).isEqualTo(1);
    f.clock.set(T0.plus(Duration.ofMinutes(60)));
    firer.fireAllDue().await();
    assertThat(f.count("select count(*) from ticket_events where type = 'ESCALATED' and payload->>'stage' = 'SUPERVISION'"
        + " and payload->>'targetOrg' = '630000'")).isEqualTo(1);
    f.clock.set(T0.plus(Duration.ofMinutes(70)));
    SupervisionOrder done = supervision.fulfil(f.operator, order.id()).await();
    assertThat(done.status()).isEqualTo("FULFILLED");
    assertThat(f.count("select count(*) from sla_deadlines where stage = 'SUPERVISION' and outcome = 'LATE'"))
        .isEqualTo(1);
    assertThat(f.count("select count(*) from ticket_events where type in ('SUPERVISION_ISSUED', 'SUPERVISION_FULFILLED')"))
        .isEqualTo(2);
    vertx.eventBus().publish(TicketEvents.CHANGED, new JsonObject().put("type", "SENTINEL"));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!news.contains("SENTINEL/null") && System.nanoTime() < until) Thread.onSpinWait();
    assertThat(news).containsSubsequence("SUPERVISION_ISSUED/SUPERVISION", "SLA_WARNING/SUPERVISION",
        "ESCALATED/SUPERVISION", "SUPERVISION_FULFILLED/SUPERVISION", "SENTINEL/null");
    ctx.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void aCountyCannotIssueAndTheTargetMustBeBelowTheIssuer(Vertx vertx, VertxTestContext ctx) throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    SupervisionService supervision = new SupervisionService(f.pool, vertx.eventBus(), SlaFixture.ORGS,
        SlaFixture.CONFIG, f.clock);
    long id = f.dispatched(Severity.NORMAL).await().id();
    assertThat(supervision.issue(f.handler, id, SlaFixture.COUNTY, "x", null).toCompletionStage()
        .toCompletableFuture().handle((o, e) -> e).get()).hasMessageContaining("county");
    assertThat(supervision.issue(f.operator, id, "632221", "x", null).toCompletionStage()
        .toCompletableFuture().handle((o, e) -> e).get()).hasMessageContaining("targetOrg");
    assertThat(supervision.issue(f.operator, id, SlaFixture.COUNTY, "x", "30min").toCompletionStage()
        .toCompletableFuture().handle((o, e) -> e).get()).hasMessageContaining("30min");
    assertThat(f.count("select count(*) from supervision_orders")).isZero();
    ctx.completeNow();
  }
}
