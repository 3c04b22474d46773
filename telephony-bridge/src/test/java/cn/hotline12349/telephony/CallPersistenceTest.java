package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.Replay;
import cn.hotline12349.telephony.store.PgCallStore;
import cn.hotline12349.telephony.store.PgCallerHistory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CallPersistenceTest {

  static List<String> column(TestDb db, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.jdbc(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void fiveAnsweredCallsAreStoredOnceWithFewWrites(Vertx vertx, VertxTestContext t) throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    try (BridgeHarness h = BridgeHarness.start(vertx, new PgCallStore(pool, loadMapping()), null)) {
      Replay.backToBack().duplicateEvents().run(h.pbx, AmiReplayTest.FIVE);
      h.awaitCalls(cs -> cs.size() == 5 && BridgeHarness.allEnded(cs));
      h.awaitPersisted();

      assertThat(column(db, "select state || ' ' || operator_username || ' ' || "
          + "(extract(epoch from ended_at - answered_at) * 1000)::int from calls order by linkedid"))
          .containsExactly("ENDED op-xining 303", "ENDED op-haixi 300", "ENDED op-xining 299",
              "ENDED op-haixi 300", "ENDED op-xining 302");
      assertThat(column(db, "select count(*) from call_timeline where type = 'ANSWERED'")).containsExactly("5");
      assertThat(column(db, "select count(*) from call_timeline where type = 'ENDED'")).containsExactly("5");
      long varSets = AmiReplayTest.FIVE.stream().filter(m -> m.isEvent("VarSet")).count();
      assertThat(varSets).isEqualTo(475);
      // 2 x 1,000-odd events (duplicated) -> a handful of transactions, not one per event
      assertThat(h.bridge.writeBatches().await(5, TimeUnit.SECONDS)).isBetween(1L, 20L);
    }
    t.completeNow();
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void abandonedCallIsPendingUntilCalledBack(Vertx vertx, VertxTestContext t) throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    List<AmiMessage> call = new CallSynthesizer(AmiReplayTest.ABANDONED).synthesize(
        List.of(new CallSynthesizer.Spec("13909710001", "hotline-630100", "1001", "630100")), 1795500000.0, 0);
    try (BridgeHarness h = BridgeHarness.start(vertx, new PgCallStore(pool, loadMapping()), null)) {
      CallService service = new CallService(pool, h.bridge);
      Replay.backToBack().run(h.pbx, call);
      h.awaitCalls(cs -> cs.size() == 1 && BridgeHarness.allEnded(cs));
      h.awaitPersisted();

      JsonArray pending = service.list(CallService.Query.abandonedPending(), "630100").await(5, TimeUnit.SECONDS);
      assertThat(pending).hasSize(1);
      JsonObject p = pending.getJsonObject(0);
      assertThat(p.getString("state")).isEqualTo("ABANDONED");
      assertThat(p.getString("callerNumber")).isEqualTo("13909710001");
      assertThat(p.getString("recording")).startsWith("hotline-630100-");
      assertThat(service.list(CallService.Query.abandonedPending(), "632800").await(5, TimeUnit.SECONDS)).isEmpty();

      List<JsonObject> outcomes = new CopyOnWriteArrayList<>();
      vertx.eventBus().<JsonObject>consumer(CallEvents.CALLBACK, m -> outcomes.add(m.body()));
      service.callback("op-xining", null, p.getString("linkedid"), null).await(10, TimeUnit.SECONDS);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (outcomes.stream().noneMatch(o -> "ANSWERED".equals(o.getString("status"))) && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertThat(h.pbx.received("Originate").get(0).get("Exten")).isEqualTo("13909710001");
      assertThat(column(db, "select status from call_callbacks")).containsExactly("DONE");
      assertThat(service.list(CallService.Query.abandonedPending(), "630100").await(5, TimeUnit.SECONDS)).isEmpty();
      JsonObject stored = service.get(p.getString("linkedid"), null).await(5, TimeUnit.SECONDS);
      assertThat(stored.getString("callbackStatus")).isEqualTo("DONE");
      assertThat(stored.getInteger("callbackAttempts")).isEqualTo(1);
      assertThat(stored.getJsonArray("timeline").stream().map(o -> ((JsonObject) o).getString("type")))
          .contains("STARTED", "QUEUED", "ABANDONED", "ENDED", "RECORDING");
    }
    t.completeNow();
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void screenPopCarriesTheEarlierTicketOfARepeatCaller(Vertx vertx, VertxTestContext t) throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    long ticketId;
    try (Connection c = db.jdbc()) {
      c.createStatement().execute("insert into users (username, password_hash, display_name, role, org_code) "
          + "values ('op-xining', 'x', 'Operator', 'OPERATOR', '630100')");
      ResultSet rs = c.createStatement().executeQuery("insert into tickets (ref, status, intake_org, caller_number, "
          + "caller_number_norm, category, severity, narrative, created_by, created_at, updated_at) values "
          + "('QH-2026-000001', 'NEW', '630100', '+86 139 0971 0002', '13909710002', 'VIOLATION', 'HIGH', 'earlier call', "
          + "(select id from users where username = 'op-xining'), now() - interval '3 days', now()) returning id");
      rs.next();
      ticketId = rs.getLong(1);
    }
    List<AmiMessage> call = new CallSynthesizer(AmiReplayTest.FIVE).synthesize(
        List.of(new CallSynthesizer.Spec("0086 13909710002", "hotline-630100", "1001", "630100")), 1795500000.0, 0);
    List<JsonObject> pops = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(CallEvents.operator("op-xining"), m -> pops.add(m.body()));
    try (BridgeHarness h = BridgeHarness.start(vertx, new PgCallStore(pool, loadMapping()), new PgCallerHistory(pool))) {
      Replay.backToBack().run(h.pbx, call);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (pops.isEmpty() && System.nanoTime() < end) Thread.sleep(10);
    }
    assertThat(pops).hasSize(1);
    JsonObject pop = pops.get(0);
    assertThat(pop.getString("type")).isEqualTo("screen-pop");
    assertThat(pop.getJsonObject("call").getString("operator")).isEqualTo("op-xining");
    assertThat(pop.getString("callId")).isEqualTo(pop.getJsonObject("call").getString("linkedid"));
    assertThat(pop.getString("callerNumber")).isEqualTo("0086 13909710002");
    JsonArray tickets = pop.getJsonArray("earlierTickets");
    assertThat(tickets).hasSize(1);
    assertThat(tickets.getJsonObject(0).getLong("id")).isEqualTo(ticketId);
    assertThat(tickets.getJsonObject(0).getString("ref")).isEqualTo("QH-2026-000001");
    t.completeNow();
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void aRestartedBridgeClosesCallsThatEndedWhileItWasDown(Vertx vertx, VertxTestContext t) throws Exception {
    TestDb db = TestDatabase.create();
    Pool pool = db.pool(vertx);
    List<AmiMessage> ev = AmiReplayTest.FIVE;
    int cut = ReconnectTest.indexOf(ev, "AgentConnect", "1795432608.6") + 1; // call 3 answered, not ended
    try (BridgeHarness first = BridgeHarness.start(vertx, new PgCallStore(pool, loadMapping()), null)) {
      Replay.backToBack().run(first.pbx, ev.subList(0, cut));
      first.awaitCalls(cs -> cs.stream().anyMatch(c -> c.linkedid().equals("1795432608.6") && c.answeredAt() != null));
      first.awaitPersisted();
    }
    assertThat(column(db, "select state from calls where linkedid = '1795432608.6'")).containsExactly("ANSWERED");
    // a new bridge on the same database; the PBX (a fresh loopback) has no live channels any more
    try (BridgeHarness second = BridgeHarness.start(vertx, new PgCallStore(pool, loadMapping()), null)) {
      second.awaitCalls(cs -> cs.stream().anyMatch(c -> c.linkedid().equals("1795432608.6") && c.state().terminal()));
      second.awaitPersisted();
    }
    assertThat(column(db, "select linkedid || ' ' || state || ' ' || coalesce(end_cause, '-') from calls order by linkedid"))
        .containsExactly("1795432606.0 ENDED 16 Normal Clearing", "1795432607.3 ENDED 16 Normal Clearing",
            "1795432608.6 ENDED " + cn.hotline12349.telephony.domain.Call.CAUSE_PBX_DISCONNECT);
    assertThat(column(db, "select count(*) from calls")).containsExactly("3");
    t.completeNow();
  }

  static cn.hotline12349.telephony.domain.PbxMapping loadMapping() {
    return cn.hotline12349.telephony.config.PbxMappingLoader.load(cn.hotline12349.telephony.config.PbxMappingLoader.configDir());
  }
}
