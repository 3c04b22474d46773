package cn.hotline12349.telephony;

import static cn.hotline12349.telephony.CallOutcomesPersistenceTest.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallState;
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

/**
 * Call controls through a loopback Asterisk over the AMI wire: Hold/Unhold events (as a phone's hold re-INVITE makes
 * Asterisk 20 send them) become the call's held flag, its timeline and call news, whatever their order or repeats;
 * a console hang-up is an AMI Hangup on the caller's channel that ends the call (cause 16) and names who asked.
 */
@ExtendWith(VertxExtension.class)
class CallControlTest {
  static final String ID = "1795710000.1";
  static final String CALLER = "PJSIP/trunk-xining-00000011";
  static final String AGENT = "PJSIP/8001-00000012";

  static Call one(List<Call> calls, String id) {
    return calls.stream().filter(c -> c.linkedid().equals(id)).findFirst().orElseThrow();
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void holdAndUnholdEventsSetTheHeldFlagInAnyOrderAndRepeat(Vertx vertx, VertxTestContext t) throws Exception {
    try (BridgeHarness h = BridgeHarness.start(vertx, null, null)) {
      List<JsonObject> news = new CopyOnWriteArrayList<>();
      vertx.eventBus().<JsonObject>consumer(CallEvents.CHANGED, m -> news.add(m.body())).completion().await();
      TransferTest.answeredCall(h, ID, CALLER, AGENT);
      h.awaitCalls(cs -> cs.stream().anyMatch(c -> c.answeredAt() != null));
      assertThat(one(h.bridge.liveCalls().await(), ID).onHold()).isFalse();

      // the operator's phone puts the caller on hold: Asterisk reports it on the operator's channel
      AmiMessage hold = ev("Hold", ID, 10, "Channel", AGENT, "Uniqueid", ID + "2", "MusicClass", "default");
      h.pbx.emit(hold);
      Call held = h.awaitCalls(cs -> one(cs, ID).onHold()).stream().filter(c -> c.linkedid().equals(ID)).findFirst().get();
      assertThat(held.holdChangedAt()).isNotNull();
      await(() -> news.stream().anyMatch(n -> ID.equals(n.getString("linkedid")) && n.getBoolean("held")));
      int newsAfterHold = news.size();

      h.pbx.emit(hold); // a duplicate: nothing changes, no news
      h.pbx.emit(ev("Unhold", ID, 20, "Channel", AGENT, "Uniqueid", ID + "2"));
      h.awaitCalls(cs -> !one(cs, ID).onHold());
      assertThat(news.size()).as("one piece of news for the unhold, none for the duplicate hold").isEqualTo(newsAfterHold + 1);
      assertThat(news.get(news.size() - 1).getBoolean("held")).isFalse();

      // a Hold older than the Unhold arriving late (out of order) does not put the call back on hold
      h.pbx.emit(ev("Hold", ID, 15, "Channel", AGENT, "Uniqueid", ID + "2", "MusicClass", "default"));
      h.pbx.emit(ev("Newchannel", "1795710000.3", 21, "Channel", "PJSIP/trunk-xining-00000013", "Exten", "12349"));
      h.awaitCalls(cs -> cs.size() == 2); // events are applied in order: the late Hold was handled before this one
      assertThat(one(h.bridge.liveCalls().await(), ID).onHold()).isFalse();

      // held again, then the caller hangs up: an ended call is never shown held, and a late Hold is ignored
      h.pbx.emit(ev("Hold", ID, 30, "Channel", AGENT, "Uniqueid", ID + "2"));
      h.awaitCalls(cs -> one(cs, ID).onHold());
      h.pbx.emit(ev("Hangup", ID, 40, "Channel", CALLER, "Cause", "16", "Cause-txt", "Normal Clearing"));
      Call ended = h.awaitCalls(cs -> one(cs, ID).state() == CallState.ENDED).stream()
          .filter(c -> c.linkedid().equals(ID)).findFirst().get();
      assertThat(ended.onHold()).isFalse();
      assertThat(CallJson.toJson(ended, "op-xining").getBoolean("held")).isFalse();
    }
    t.completeNow();
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void aConsoleHangupSendsAmiHangupOnTheCallersChannelAndEndsTheCall(Vertx vertx, VertxTestContext t) throws Exception {
    try (BridgeHarness h = BridgeHarness.start(vertx, null, null)) {
      String id = "1795710000.5";
      h.pbx.emit(ev("Newchannel", id, 0, "Channel", "PJSIP/trunk-xining-00000015", "CallerIDNum", "13909710001",
          "Exten", "12349", "ChannelState", "6"));
      h.pbx.emit(ev("Newchannel", id, 4, "Channel", "PJSIP/8001-00000016", "Uniqueid", id + "6", "Exten", "8001"));
      h.pbx.emit(ev("AgentConnect", id, 5, "Channel", "PJSIP/trunk-xining-00000015", "Queue", "hotline-630100",
          "Interface", "PJSIP/8001", "MemberName", "op-xining", "HoldTime", "3", "DestChannel", "PJSIP/8001-00000016"));
      h.awaitCalls(cs -> cs.stream().anyMatch(c -> id.equals(c.linkedid()) && c.answeredAt() != null));

      h.bridge.hangup(id, "op-xining").await(10, TimeUnit.SECONDS);
      AmiMessage sent = h.pbx.received("Hangup").get(0);
      assertThat(sent.get("Channel")).isEqualTo("PJSIP/trunk-xining-00000015");
      assertThat(sent.get("Cause")).isEqualTo("16");
      Call ended = h.awaitCalls(cs -> one(cs, id).state() == CallState.ENDED).stream()
          .filter(c -> c.linkedid().equals(id)).findFirst().get();
      assertThat(ended.endCause()).isEqualTo("16 Normal Clearing");
      assertThat(h.pbx.channelsOf(id)).as("the loopback PBX ended both legs").isEmpty();

      assertThatThrownBy(() -> h.bridge.hangup(id, "op-xining").await(10, TimeUnit.SECONDS))
          .isInstanceOf(CallRefused.class).extracting(e -> ((CallRefused) e).reason()).isEqualTo(CallRefused.Reason.CALL_ENDED);
      assertThat(h.pbx.received("Hangup")).hasSize(1);
    }
    t.completeNow();
  }

  static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("in time").isLessThan(end);
      Thread.sleep(20);
    }
  }
}
