package cn.hotline12349.telephony.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who is in which queue and whether they are paused; single writer like {@link CallTracker}. */
public final class QueueMembers {
  /** Asterisk device states as reported in QueueMember Status (1 not in use, 2 in use, 5 unavailable, 6 ringing...). */
  public record Member(String queue, String memberInterface, String memberName, int deviceStatus, boolean paused,
      String pausedReason, boolean inCall) {
    public String availability() {
      if (paused) return "PAUSED";
      return switch (deviceStatus) {
        case 1 -> "AVAILABLE";
        case 2, 3, 6, 7, 8 -> "BUSY";
        case 5, 4 -> "UNAVAILABLE";
        default -> "UNKNOWN";
      };
    }
  }

  private final Map<String, Member> members = new LinkedHashMap<>();

  /** Returns the member's new state (empty member with present=false when removed) if anything changed. */
  public Optional<AgentSignal> apply(AgentSignal s) {
    String key = s.queue() + "/" + s.memberInterface();
    Member before = members.get(key);
    if (!s.present()) {
      return members.remove(key) == null ? Optional.empty() : Optional.of(s);
    }
    Member after = new Member(s.queue(), s.memberInterface(),
        s.memberName() != null ? s.memberName() : before == null ? null : before.memberName(),
        s.deviceStatus(), s.paused(), s.paused() ? s.pausedReason() : null, s.inCall());
    if (after.equals(before)) return Optional.empty();
    members.put(key, after);
    return Optional.of(s);
  }

  public List<Member> members() {
    return List.copyOf(members.values());
  }

  public List<Member> ofQueue(String queue) {
    return members.values().stream().filter(m -> m.queue().equals(queue)).toList();
  }

  public List<Member> ofInterface(String memberInterface) {
    return members.values().stream().filter(m -> m.memberInterface().equals(memberInterface)).toList();
  }
}
