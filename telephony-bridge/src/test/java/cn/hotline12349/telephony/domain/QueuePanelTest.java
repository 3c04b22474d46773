package cn.hotline12349.telephony.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.domain.CallSignal.*;
import cn.hotline12349.telephony.domain.QueuePanel.AgentState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueuePanelTest {
  static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");
  static final Duration WRAP = Duration.ofSeconds(10);

  static AgentSignal member(String queue, String iface, boolean present, boolean paused, String reason) {
    return new AgentSignal(queue, iface, iface, present, 1, paused, reason, false, T0);
  }

  @Test
  void agentStatesFollowMembershipPauseCallsAndWrapUp() {
    QueueMembers members = new QueueMembers();
    CallTracker tr = CallTrackerTest.tracker();
    String op = "PJSIP/8001";
    assertThat(QueuePanel.agent(op, "op-xining", members.ofInterface(op), tr.calls(), T0, WRAP).state())
        .isEqualTo(AgentState.LOGGED_OUT);

    members.apply(member("hotline-630100", op, true, false, null));
    assertThat(QueuePanel.agent(op, "op-xining", members.ofInterface(op), tr.calls(), T0, WRAP).state())
        .isEqualTo(AgentState.AVAILABLE);

    members.apply(member("hotline-630100", op, true, true, "lunch"));
    QueuePanel.Agent paused = QueuePanel.agent(op, "op-xining", members.ofInterface(op), tr.calls(), T0, WRAP);
    assertThat(paused.state()).isEqualTo(AgentState.PAUSED);
    assertThat(paused.reason()).isEqualTo("lunch");
    members.apply(member("hotline-630100", op, true, false, null));

    String l = "1795432606.0";
    tr.apply(new ChannelOpened(l, l, "PJSIP/trunk-xining-0001", "13812345678", "12349", T0));
    tr.apply(new QueueJoined(l, "hotline-630100", 1, T0.plusSeconds(3)));
    tr.apply(new AgentOffered(l, "hotline-630100", op, "op-xining", T0.plusSeconds(4)));
    assertThat(QueuePanel.agent(op, "op-xining", members.ofInterface(op), tr.calls(), T0.plusSeconds(5), WRAP).state())
        .isEqualTo(AgentState.RINGING);
    List<QueuePanel.QueueView> panel = QueuePanel.panel(List.of("hotline-630100"), members, tr.calls(),
        T0.plusSeconds(33), WRAP, i -> "op-xining");
    assertThat(panel.get(0).waiting()).hasSize(1);
    assertThat(panel.get(0).longestWaitSeconds()).isEqualTo(30);
    assertThat(panel.get(0).agentsByState()).containsEntry(AgentState.RINGING, 1);

    tr.apply(new AgentAnswered(l, "hotline-630100", op, "op-xining", 3, T0.plusSeconds(35)));
    QueuePanel.Agent talking = QueuePanel.agent(op, "op-xining", members.ofInterface(op), tr.calls(), T0.plusSeconds(40), WRAP);
    assertThat(talking.state()).isEqualTo(AgentState.ON_CALL);
    assertThat(talking.callId()).isEqualTo(l);
    assertThat(QueuePanel.panel(List.of("hotline-630100"), members, tr.calls(), T0.plusSeconds(40), WRAP, i -> null)
        .get(0).waiting()).isEmpty();

    tr.apply(new ChannelHungUp(l, l, "PJSIP/trunk-xining-0001", "13812345678", 16, "Normal Clearing", T0.plusSeconds(100)));
    assertThat(QueuePanel.agent(op, "op-xining", members.ofInterface(op), tr.calls(), T0.plusSeconds(105), WRAP).state())
        .isEqualTo(AgentState.WRAP_UP);
    assertThat(QueuePanel.agent(op, "op-xining", members.ofInterface(op), tr.calls(), T0.plusSeconds(111), WRAP).state())
        .isEqualTo(AgentState.AVAILABLE);
  }
}
