package cn.hotline12349.telephony;

import cn.hotline12349.telephony.domain.QueuePanel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** REST form of agent states and the supervisor's queue panel (no phone numbers: ids, times, states only). */
public final class QueuePanelJson {
  private QueuePanelJson() {}

  public static JsonObject agent(QueuePanel.Agent a) {
    if (a == null) return null;
    return new JsonObject().put("interface", a.memberInterface()).put("username", a.username())
        .put("state", a.state().name()).put("queues", new JsonArray(List.copyOf(a.queues()))).put("reason", a.reason())
        .put("callId", a.callId()).put("since", str(a.since()));
  }

  public static JsonObject panel(List<QueuePanel.QueueView> views) {
    JsonArray queues = new JsonArray();
    for (QueuePanel.QueueView v : views) {
      JsonArray waiting = new JsonArray();
      v.waiting().forEach(w -> waiting.add(new JsonObject().put("linkedid", w.linkedid()).put("prefectureCode", w.prefecture())
          .put("queuedAt", str(w.queuedAt())).put("waitingSeconds", w.waitingSeconds())
          .put("priority", CallService.priority(w.priority())).put("danger", w.danger())));
      JsonObject byState = new JsonObject();
      v.agentsByState().forEach((s, n) -> byState.put(s.name(), n));
      JsonArray agents = new JsonArray();
      v.agents().forEach(a -> agents.add(agent(a)));
      queues.add(new JsonObject().put("queue", v.queue()).put("waiting", waiting).put("waitingCount", v.waiting().size())
          .put("longestWaitSeconds", v.longestWaitSeconds()).put("agentsByState", byState).put("agents", agents));
    }
    return new JsonObject().put("queues", queues);
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
