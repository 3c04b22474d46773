package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.Replay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The caller's history is looked up once, while the call waits in the queue, and the pop at the answer carries it
 * (no second database round trip on the pop's path).
 */
@ExtendWith(VertxExtension.class)
class ScreenPopPrefetchTest {

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void historyIsLookedUpOnceWhileQueuedAndTheAnswerPopsWithIt(Vertx vertx, VertxTestContext t) throws Exception {
    List<String> lookups = new CopyOnWriteArrayList<>();
    List<JsonObject> pops = new CopyOnWriteArrayList<>();
    ScreenPop.CallerHistory history = (number, linkedid) -> {
      lookups.add(linkedid);
      return Future.succeededFuture(new JsonObject().put("calls", new JsonArray().add(new JsonObject()
          .put("linkedid", "earlier-" + linkedid))).put("tickets", new JsonArray()));
    };
    for (String op : List.of("op-xining", "op-haixi")) {
      vertx.eventBus().<JsonObject>consumer(CallEvents.operator(op), m -> pops.add(m.body())).completion().await();
    }
    try (BridgeHarness h = BridgeHarness.start(vertx, null, history)) {
      List<CallSynthesizer.Spec> specs = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        specs.add(new CallSynthesizer.Spec("1390971000" + i, "hotline-630100", "1001", "630100"));
      }
      // each call up to its answer (IVR, queue), then the answers and the rest: every call's own order is kept
      List<AmiMessage> waiting = new java.util.ArrayList<>();
      List<AmiMessage> rest = new java.util.ArrayList<>();
      java.util.Set<String> answered = new java.util.HashSet<>();
      for (AmiMessage e : new CallSynthesizer(AmiReplayTest.FIVE).synthesize(specs, System.currentTimeMillis() / 1000.0,
          1, 0)) {
        String id = e.get("Linkedid");
        if (e.isEvent("AgentConnect") && id != null) answered.add(id);
        (id != null && !answered.contains(id) ? waiting : rest).add(e);
      }
      Replay.backToBack().run(h.pbx, waiting);
      long queued = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (lookups.size() < 5 && System.nanoTime() < queued) Thread.sleep(20);
      assertThat(lookups).as("looked up while waiting in the queue").hasSize(5);
      assertThat(pops).isEmpty();
      Replay.backToBack().run(h.pbx, rest);
      h.awaitCalls(cs -> cs.size() == 5 && BridgeHarness.allEnded(cs));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (pops.size() < 5 && System.nanoTime() < end) Thread.sleep(20);
    }
    assertThat(pops).hasSize(5);
    assertThat(lookups).hasSize(5).doesNotHaveDuplicates();
    assertThat(pops).allSatisfy(p -> assertThat(p.getJsonArray("earlierCalls").getJsonObject(0).getString("linkedid"))
        .isEqualTo("earlier-" + p.getString("callId")));
    t.completeNow();
  }
}
