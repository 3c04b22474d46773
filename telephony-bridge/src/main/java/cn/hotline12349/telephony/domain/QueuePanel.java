package cn.hotline12349.telephony.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Agent states and the supervisor's live queue panel, derived from the queue members the PBX reports and the calls
 * the tracker holds. Plain function of its inputs and the time given: no state of its own.
 */
public final class QueuePanel {
  /** What an operator is doing now. */
  public enum AgentState { LOGGED_OUT, AVAILABLE, PAUSED, RINGING, ON_CALL, WRAP_UP, UNAVAILABLE }

  /**
   * @param queues the queues the operator is a member of
   * @param reason pause reason when PAUSED
   * @param callId the call being offered or talked on (RINGING, ON_CALL) or just ended (WRAP_UP)
   * @param since when the current call was offered/answered/ended, null otherwise
   */
  public record Agent(String memberInterface, String username, AgentState state, List<String> queues, String reason,
      String callId, Instant since) {}

  /** A caller waiting in a queue. */
  public record Waiting(String linkedid, String queue, String prefecture, Instant queuedAt, long waitingSeconds,
      String priority, boolean danger) {}

  /** One queue: callers waiting (longest first), the longest wait, and its operators by state. */
  public record QueueView(String queue, List<Waiting> waiting, long longestWaitSeconds, Map<AgentState, Integer> agentsByState,
      List<Agent> agents) {}

  private QueuePanel() {}

  /** The operator's state from the members reported by the PBX and the tracker's calls. */
  public static Agent agent(String memberInterface, String username, List<QueueMembers.Member> memberships,
      Collection<Call> calls, Instant now, Duration wrapUp) {
    List<String> queues = memberships.stream().map(QueueMembers.Member::queue).sorted().toList();
    Optional<Call> talking = calls.stream().filter(c -> !c.state().terminal() && c.answeredAt() != null
        && sameInterface(memberInterface, c.operatorInterface())).findFirst();
    if (talking.isPresent()) {
      return new Agent(memberInterface, username, AgentState.ON_CALL, queues, null, talking.get().linkedid(),
          talking.get().answeredAt());
    }
    Optional<Call> ringing = calls.stream().filter(c -> !c.state().terminal() && c.answeredAt() == null
        && c.offeredAt() != null && sameInterface(memberInterface, c.offeredTo())).findFirst();
    if (ringing.isPresent()) {
      return new Agent(memberInterface, username, AgentState.RINGING, queues, null, ringing.get().linkedid(),
          ringing.get().offeredAt());
    }
    if (memberships.isEmpty()) return new Agent(memberInterface, username, AgentState.LOGGED_OUT, queues, null, null, null);
    Optional<QueueMembers.Member> paused = memberships.stream().filter(QueueMembers.Member::paused).findFirst();
    if (paused.isPresent()) {
      return new Agent(memberInterface, username, AgentState.PAUSED, queues, paused.get().pausedReason(), null, null);
    }
    Optional<Call> justEnded = calls.stream().filter(c -> c.answeredAt() != null && c.endedAt() != null
            && sameInterface(memberInterface, c.operatorInterface()) && !c.endedAt().plus(wrapUp).isBefore(now))
        .max(Comparator.comparing(Call::endedAt));
    if (justEnded.isPresent()) {
      return new Agent(memberInterface, username, AgentState.WRAP_UP, queues, null, justEnded.get().linkedid(),
          justEnded.get().endedAt());
    }
    boolean reachable = memberships.stream().anyMatch(m -> !"UNAVAILABLE".equals(m.availability()));
    return new Agent(memberInterface, username, reachable ? AgentState.AVAILABLE : AgentState.UNAVAILABLE, queues,
        null, null, null);
  }

  /**
   * @param queues the queues to show (a prefecture's own, or all for the province)
   * @param usernameOf member interface to operator username (null when unknown)
   */
  public static List<QueueView> panel(List<String> queues, QueueMembers members, Collection<Call> calls, Instant now,
      Duration wrapUp, java.util.function.Function<String, String> usernameOf) {
    List<QueueView> out = new ArrayList<>();
    for (String q : queues) {
      List<Waiting> waiting = calls.stream()
          .filter(c -> q.equals(c.queue()) && (c.state() == CallState.QUEUED || c.state() == CallState.OFFERED))
          .map(c -> new Waiting(c.linkedid(), q, c.prefecture(), c.queuedAt(),
              c.queuedAt() == null ? 0 : Math.max(0, Duration.between(c.queuedAt(), now).toSeconds()), c.priority(),
              Boolean.TRUE.equals(c.danger())))
          .sorted(Comparator.comparingLong(Waiting::waitingSeconds).reversed()).toList();
      Map<AgentState, Integer> byState = new LinkedHashMap<>();
      for (AgentState s : AgentState.values()) byState.put(s, 0);
      List<Agent> agents = new ArrayList<>();
      for (QueueMembers.Member m : members.ofQueue(q)) {
        Agent a = agent(m.memberInterface(), usernameOf.apply(m.memberInterface()),
            members.ofInterface(m.memberInterface()), calls, now, wrapUp);
        agents.add(a);
        byState.merge(a.state(), 1, Integer::sum);
      }
      out.add(new QueueView(q, waiting, waiting.isEmpty() ? 0 : waiting.get(0).waitingSeconds(), byState, agents));
    }
    return out;
  }

  /** "PJSIP/8001" is the member; the call may name the channel's interface the same or with a Local/ suffix. */
  private static boolean sameInterface(String member, String onCall) {
    return onCall != null && (onCall.equals(member) || onCall.startsWith(member + "/") || onCall.startsWith(member + "-"));
  }
}
