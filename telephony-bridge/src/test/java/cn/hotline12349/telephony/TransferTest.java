package cn.hotline12349.telephony;

import static cn.hotline12349.telephony.CallOutcomesPersistenceTest.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallState;
import cn.hotline12349.telephony.loopback.AmiMessage;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Blind and attended transfers from the console reach the PBX as Redirect / Atxfer and are recorded on the call. */
@ExtendWith(VertxExtension.class)
class TransferTest {

  static void answeredCall(BridgeHarness h, String id, String callerChannel, String agentChannel) {
    h.pbx.emit(ev("Newchannel", id, 0, "Channel", callerChannel, "CallerIDNum", "13909710001", "Exten", "12349"));
    h.pbx.emit(ev("QueueCallerJoin", id, 2, "Channel", callerChannel, "Queue", "hotline-630100", "Position", "1"));
    h.pbx.emit(ev("AgentConnect", id, 5, "Channel", callerChannel, "Queue", "hotline-630100", "Interface", "PJSIP/8001",
        "MemberName", "op-xining", "HoldTime", "3", "DestChannel", agentChannel, "DestUniqueid", id + "1"));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void blindAndAttendedTransfersAreSentAndRecorded(Vertx vertx, VertxTestContext t) throws Exception {
    try (BridgeHarness h = BridgeHarness.start(vertx, null, null)) {
      answeredCall(h, "1795700000.1", "PJSIP/trunk-xining-00000001", "PJSIP/8001-00000002");
      h.awaitCalls(cs -> cs.stream().anyMatch(c -> c.answeredAt() != null));

      String exten = h.bridge.transfer("1795700000.1", Transfers.Kind.BLIND, new Transfers.Target("op-haixi", null),
          "op-xining").await(10, TimeUnit.SECONDS);
      assertThat(exten).isEqualTo("8002");
      AmiMessage redirect = h.pbx.received("Redirect").get(0);
      assertThat(redirect.get("Channel")).isEqualTo("PJSIP/trunk-xining-00000001"); // the caller moves
      assertThat(redirect.get("Context")).isEqualTo(Transfers.CONTEXT);
      assertThat(redirect.get("Exten")).isEqualTo("8002");
      Call c = h.awaitCalls(cs -> cs.stream().anyMatch(x -> x.transferredAt() != null)).get(0);
      assertThat(c.state()).isEqualTo(CallState.TRANSFERRED);
      assertThat(c.transferTarget()).isEqualTo("8002 by op-xining");

      answeredCall(h, "1795700000.5", "PJSIP/trunk-xining-00000005", "PJSIP/8001-00000006");
      h.awaitCalls(cs -> cs.stream().filter(x -> x.answeredAt() != null).count() == 2);
      h.bridge.transfer("1795700000.5", Transfers.Kind.ATTENDED, new Transfers.Target(null, "0971-8123456"), "op-xining")
          .await(10, TimeUnit.SECONDS);
      AmiMessage atxfer = h.pbx.received("Atxfer").get(0);
      assertThat(atxfer.get("Channel")).isEqualTo("PJSIP/8001-00000006"); // the operator consults first
      assertThat(atxfer.get("Exten")).isEqualTo("09718123456");
      assertThat(atxfer.get("Context")).isEqualTo(Transfers.ATTENDED_CONTEXT);

      h.pbx.emit(ev("Newchannel", "1795700000.9", 0, "Channel", "PJSIP/trunk-xining-00000009", "Exten", "12349"));
      h.awaitCalls(cs -> cs.size() == 3);
      assertThatThrownBy(() -> h.bridge.transfer("1795700000.9", Transfers.Kind.BLIND,
          new Transfers.Target("op-haixi", null), "op-xining").await(10, TimeUnit.SECONDS))
          .isInstanceOf(CallRefused.class).hasMessageContaining("answered");
    }
    t.completeNow();
  }
}
