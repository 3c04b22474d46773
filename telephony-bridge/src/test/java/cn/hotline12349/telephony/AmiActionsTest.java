package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.telephony.domain.QueueMembers;
import cn.hotline12349.telephony.loopback.AmiMessage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class AmiActionsTest {

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void originateIsSentFromTheOperatorsPhoneAndItsOutcomeRecorded(Vertx vertx, VertxTestContext t) throws Exception {
    List<JsonObject> published = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(CallEvents.CALLBACK, m -> published.add(m.body()));
    List<Callbacks.Outcome> heard = new CopyOnWriteArrayList<>();
    try (BridgeHarness h = BridgeHarness.start(vertx, null, null)) {
      h.bridge.callbacks().orElseThrow().addListener(heard::add);

      String id = h.bridge.placeCallback("op-xining", "+86 138-0971-2349", "1795432643.15", 42L, "630100")
          .await(10, TimeUnit.SECONDS);

      AmiMessage sent = h.pbx.received("Originate").get(0);
      assertThat(sent.get("Channel")).isEqualTo("PJSIP/8001");
      assertThat(sent.get("Context")).isEqualTo(Callbacks.CONTEXT);
      assertThat(sent.get("Exten")).isEqualTo("13809712349");
      assertThat(sent.get("Async")).isEqualTo("true");
      assertThat(sent.fields()).filteredOn(f -> f.key().equalsIgnoreCase("Variable")).extracting(AmiMessage.Field::value)
          .containsExactly("HOTLINE_CALLBACK=" + id, "HOTLINE_PREFECTURE=630100");
      // the operator answered (OriginateResponse success), then the child answered and talked 12 s: done
      awaitSize(heard, 2);
      assertThat(heard).extracting(Callbacks.Outcome::status).containsExactly("REQUESTED", "DONE");
      assertThat(heard.get(1).ticketId()).isEqualTo(42L);
      assertThat(heard.get(1).linkedid()).isEqualTo("1795432643.15");
      awaitSize(published, 3);
      assertThat(published).extracting(j -> j.getString("status")).containsExactly("REQUESTED", "OPERATOR_ANSWERED", "DONE");
      // the callback's own call record: outbound, dialled the child's number, in the prefecture that placed it
      var record = h.awaitCalls(cs -> cs.stream().anyMatch(c -> id.equals(c.callbackId()) && c.endedAt() != null))
          .stream().filter(c -> id.equals(c.callbackId())).findFirst().orElseThrow();
      assertThat(record.direction()).isEqualTo("OUTBOUND");
      assertThat(record.dialled()).isEqualTo("13809712349");
      assertThat(record.prefecture()).isEqualTo("630100");
      assertThat(record.state().name()).isEqualTo("ENDED");

      // operator answered, the child did not: an attempt, not done
      h.pbx.setCalledPartyResult("NOANSWER:");
      h.bridge.placeCallback("op-xining", "0971-6123456", null, 43L).await(10, TimeUnit.SECONDS);
      awaitSize(heard, 4);
      assertThat(heard.get(3).status()).isEqualTo("NO_ANSWER");
      // the child answered and hung up at once: not done either
      h.pbx.setCalledPartyResult("ANSWER:2");
      h.bridge.placeCallback("op-xining", "0971-6123456", null, 44L).await(10, TimeUnit.SECONDS);
      awaitSize(heard, 6);
      assertThat(heard.get(5).status()).isEqualTo("NOT_TALKED");
      // the operator's own phone was busy
      h.pbx.setOriginateOutcome("Failure");
      h.bridge.placeCallback("op-xining", "0971-6123456", null, null).await(10, TimeUnit.SECONDS);
      awaitSize(heard, 8);
      assertThat(heard.get(7).status()).isEqualTo("OPERATOR_BUSY");
      assertThat(h.pbx.received("Originate").get(1).get("Exten")).isEqualTo("09716123456");

      assertThatThrownBy(() -> h.bridge.placeCallback("op-xining", "anonymous", null, null).await(10, TimeUnit.SECONDS))
          .hasMessageContaining("not dialable");
    }
    t.completeNow();
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void operatorsJoinPauseAndLeaveTheirQueue(Vertx vertx, VertxTestContext t) throws Exception {
    try (BridgeHarness h = BridgeHarness.start(vertx, null, null)) {
      QueueControl q = h.bridge.queueControl().orElseThrow();
      q.login("op-haixi", "632800").await(10, TimeUnit.SECONDS);
      AmiMessage add = h.pbx.received("QueueAdd").get(0);
      assertThat(add.get("Queue")).isEqualTo("hotline-632800");
      assertThat(add.get("Interface")).isEqualTo("PJSIP/8002");
      awaitMember(h, m -> m.size() == 1 && !m.get(0).paused());

      q.pause("op-haixi", "632800", true, "break").await(10, TimeUnit.SECONDS);
      awaitMember(h, m -> m.size() == 1 && m.get(0).paused() && "break".equals(m.get(0).pausedReason()));
      assertThat(h.bridge.queueMembers().await(5, TimeUnit.SECONDS).get(0).availability()).isEqualTo("PAUSED");

      // a second login (another tab, a retried click) succeeds and leaves the operator available
      q.login("op-haixi", "632800").await(10, TimeUnit.SECONDS);
      awaitMember(h, m -> m.size() == 1 && !m.get(0).paused());
      q.pause("op-haixi", "632800", true, "break").await(10, TimeUnit.SECONDS);
      q.pause("op-haixi", "632800", true, "break").await(10, TimeUnit.SECONDS);

      q.logout("op-haixi", "632800").await(10, TimeUnit.SECONDS);
      awaitMember(h, List::isEmpty);
      q.logout("op-haixi", "632800").await(10, TimeUnit.SECONDS); // idempotent: still out, no error
      assertThat(h.pbx.received("QueueRemove")).hasSize(2);
      assertThatThrownBy(() -> q.pause("op-haixi", "632800", true, "break").await(10, TimeUnit.SECONDS))
          .isInstanceOf(CallRefused.class).hasMessageContaining("not logged in");
    }
    t.completeNow();
  }

  private static void awaitMember(BridgeHarness h, java.util.function.Predicate<List<QueueMembers.Member>> p) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!p.test(h.bridge.queueMembers().await(5, TimeUnit.SECONDS))) {
      if (System.nanoTime() > end) throw new AssertionError(h.bridge.queueMembers().await(5, TimeUnit.SECONDS));
      Thread.sleep(10);
    }
  }

  private static void awaitSize(List<?> list, int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (list.size() < n && System.nanoTime() < end) Thread.sleep(10);
    assertThat(list).hasSizeGreaterThanOrEqualTo(n);
  }
}
