package cn.hotline12349.telephony;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The AMI streams recorded from a real Asterisk 20.20.1 by {@link RealPbxSuiteTest} (ami/real/*.txt), replayed through
 * the loopback PBX into Asterisk-Java and the bridge: CI keeps checking what the real PBX showed, with the very same
 * expectations ({@link RealPbxScenarios}). A {@value LoopbackAmiServer#LINK_LOST} mark (PBX restart, kill -9) restarts
 * the loopback PBX there, so the bridge reconnects and resynchronizes as it did against the real one.
 */
@ExtendWith(VertxExtension.class)
class RealPbxReplayTest {

  static List<Call> replay(Vertx vertx, String scenario) throws Exception {
    List<AmiMessage> events = AmiTranscript.loadEvents("/ami/real/" + scenario + ".txt");
    try (BridgeHarness h = BridgeHarness.start(vertx, null, null, RealPbxScenarios.mapping(null))) {
      for (AmiMessage e : events) {
        if (e.isEvent(LoopbackAmiServer.LINK_LOST)) {
          int logins = h.pbx.logins();
          int resyncs = h.bridge.resyncs();
          h.awaitCalls(c -> true);
          h.pbx.restartPbx();
          if (!h.pbx.awaitLogins(logins + 1, 20, TimeUnit.SECONDS)) throw new AssertionError("no reconnect");
          long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
          while (h.bridge.resyncs() <= resyncs && System.nanoTime() < end) Thread.sleep(10);
          continue;
        }
        h.pbx.emit(e);
      }
      Set<String> ids = events.stream().map(e -> e.get("Linkedid")).filter(id -> id != null && !id.isEmpty())
          .collect(Collectors.toSet());
      return h.awaitCalls(cs -> cs.stream().map(Call::linkedid).collect(Collectors.toSet()).containsAll(ids)
          && BridgeHarness.allEnded(cs));
    }
  }

  private static void check(Vertx vertx, VertxTestContext t, String scenario, Consumer<List<Call>> expectations)
      throws Exception {
    expectations.accept(replay(vertx, scenario));
    t.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void answered(Vertx vertx, VertxTestContext t) throws Exception {
    check(vertx, t, "answered", RealPbxScenarios::answered);
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void dangerKey(Vertx vertx, VertxTestContext t) throws Exception {
    check(vertx, t, "danger-key", RealPbxScenarios::dangerKey);
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void abandonedInIvr(Vertx vertx, VertxTestContext t) throws Exception {
    check(vertx, t, "abandoned-ivr", RealPbxScenarios::abandonedInIvr);
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void abandonedInQueue(Vertx vertx, VertxTestContext t) throws Exception {
    check(vertx, t, "abandoned-queue", RealPbxScenarios::abandonedInQueue);
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void overflowWithNobodyLoggedIn(Vertx vertx, VertxTestContext t) throws Exception {
    check(vertx, t, "unanswered-overflow", c -> RealPbxScenarios.unansweredOverflow(c, RealPbxSuiteTest.PROVINCE_WAIT));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void nightServiceInTheConfiguredZone(Vertx vertx, VertxTestContext t) throws Exception {
    check(vertx, t, "night", RealPbxScenarios::night);
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void callbackTheChildAnswers(Vertx vertx, VertxTestContext t) throws Exception {
    check(vertx, t, "callback-answered", c -> RealPbxScenarios.callback(c, Callbacks.DONE));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void callbackTheChildDoesNotAnswer(Vertx vertx, VertxTestContext t) throws Exception {
    check(vertx, t, "callback-not-answered", c -> RealPbxScenarios.callback(c, "BUSY"));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void blindTransferToAnotherOperator(Vertx vertx, VertxTestContext t) throws Exception {
    check(vertx, t, "transfer-blind", RealPbxScenarios::transferred);
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void dangerCallerIsAnsweredBeforeOneWhoWaitedLonger(Vertx vertx, VertxTestContext t) throws Exception {
    check(vertx, t, "danger-priority", RealPbxScenarios::dangerFirst);
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void pbxRestartMidCall(Vertx vertx, VertxTestContext t) throws Exception {
    check(vertx, t, "pbx-restart", RealPbxScenarios::cutByThePbx);
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void kill9MidCall(Vertx vertx, VertxTestContext t) throws Exception {
    check(vertx, t, "pbx-kill9", c -> {
      RealPbxScenarios.cutByThePbx(c);
      org.assertj.core.api.Assertions.assertThat(RealPbxScenarios.only(c).endedDuringDisconnect()).isTrue();
    });
  }
}
