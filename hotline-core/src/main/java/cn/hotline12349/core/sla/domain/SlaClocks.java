package cn.hotline12349.core.sla.domain;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketStatus;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The stage clocks of one ticket and the rules that start, stop, pause and restart them on lifecycle events.
 * <ul>
 * <li>CREATED starts DISPATCH; DISPATCHED stops it and starts CLAIM and FIRST_CONTACT (the child's wait for contact
 * begins at dispatch, so a slow claim does not buy time); CLAIMED stops CLAIM and starts RESULT.</li>
 * <li>NOTE_ADDED with childContacted stops FIRST_CONTACT; RESULT_SUBMITTED stops RESULT and any FIRST_CONTACT still
 * running; RESULT_RETURNED restarts RESULT; RESULT_ACCEPTED starts REPLY; REPLIED stops it.</li>
 * <li>TRANSFERRED keeps running clocks and starts a new CLAIM clock if the old county had claimed.</li>
 * <li>SUSPENDED pauses every running clock, RESUMED resumes them; clocks started while suspended start paused.</li>
 * <li>REOPENED restarts RESULT and cancels REPLY, which starts afresh on the next RESULT_ACCEPTED.</li>
 * <li>CLOSED and RESOLVED_AT_INTAKE cancel whatever still runs.</li>
 * </ul>
 */
public record SlaClocks(Severity severity, boolean suspended, Map<SlaStage, StageClock> clocks) {
  public SlaClocks {
    Objects.requireNonNull(severity, "severity");
    clocks = Map.copyOf(clocks);
  }

  public static SlaClocks none(Severity severity) { return new SlaClocks(severity, false, Map.of()); }

  public Optional<StageClock> clock(SlaStage stage) { return Optional.ofNullable(clocks.get(stage)); }

  public SlaClocks apply(SlaEvent e, SlaPolicy policy, WorkingCalendar cal) {
    Edit x = new Edit(policy, cal, e.at());
    switch (e.type()) {
      case CREATED -> x.start(SlaStage.DISPATCH);
      case DISPATCHED -> { x.stop(SlaStage.DISPATCH); x.start(SlaStage.CLAIM); x.start(SlaStage.FIRST_CONTACT); }
      case CLAIMED -> { x.stop(SlaStage.CLAIM); x.start(SlaStage.RESULT); }
      // A supervisor's assignment of an unclaimed ticket counts as its claim; of a claimed one it changes nothing.
      case ASSIGNED -> { x.stop(SlaStage.CLAIM); x.start(SlaStage.RESULT); }
      case NOTE_ADDED -> { if (e.childContacted()) x.stop(SlaStage.FIRST_CONTACT); }
      case RESULT_SUBMITTED -> { x.stop(SlaStage.RESULT); x.stop(SlaStage.FIRST_CONTACT); }
      case RESULT_RETURNED -> x.restart(SlaStage.RESULT);
      case RESULT_ACCEPTED -> x.start(SlaStage.REPLY);
      case REPLIED -> x.stop(SlaStage.REPLY);
      case TRANSFERRED -> { x.stop(SlaStage.DISPATCH); x.start(SlaStage.CLAIM); }
      case SUSPENDED -> x.suspend(true);
      case RESUMED -> x.suspend(false);
      case REOPENED -> { x.restart(SlaStage.RESULT); x.cancel(SlaStage.REPLY); }
      case CLOSED, RESOLVED_AT_INTAKE -> { for (SlaStage s : SlaStage.POLICY_STAGES) x.cancel(s); }
      case REPLY_ATTEMPTED -> { }
      case RECLASSIFIED -> { } // see reclassified(...): the new level is not part of the event
    }
    return new SlaClocks(severity, x.suspended, x.map);
  }

  /**
   * The ticket's level changed from {@link #severity} to {@code to} (a reclassification) while it is in {@code status}.
   * Each open clock keeps its start and the time it has used and gets the new level's budget (a stage the new level
   * has no clock for is cancelled); a stage the status runs in that had no clock at all under the old level (a
   * CONSULT ticket raised) starts now. Used time carries over in its own measure when the clock mode changes.
   * A suspended ticket is judged by the status it was suspended from ({@code status} is then that status): its
   * missing clocks start paused, as every clock started while suspended does, and run from its resumption.
   */
  public SlaClocks reclassified(Severity to, TicketStatus status, Instant at, SlaPolicy policy, WorkingCalendar cal) {
    if (to == severity) return this;
    Map<SlaStage, StageClock> map = new EnumMap<>(SlaStage.class);
    map.putAll(clocks);
    for (SlaStage s : SlaStage.POLICY_STAGES) {
      StageClock c = map.get(s);
      Optional<StagePolicy> p = policy.stage(to, s);
      if (c != null && c.open()) {
        map.put(s, p.isPresent() ? c.rebudget(p.get(), at, policy, cal) : c.stop(at, true, policy, cal));
      } else if (c == null && p.isPresent() && runsIn(s, status)) {
        map.put(s, StageClock.start(s, 1, p.get(), at, suspended, policy, cal));
      }
    }
    return new SlaClocks(to, suspended, map);
  }

  /**
   * The stage a ticket in {@code status} waits on. FIRST_CONTACT is started only at dispatch: whether a claimed
   * ticket's child was reached is not known here. SUSPENDED itself waits on nothing: the caller passes the status the
   * ticket was suspended from (when that is unknown, nothing starts).
   */
  private static boolean runsIn(SlaStage s, TicketStatus status) {
    return switch (status) {
      case NEW -> s == SlaStage.DISPATCH;
      case DISPATCHED -> s == SlaStage.CLAIM || s == SlaStage.FIRST_CONTACT;
      case CLAIMED, IN_PROGRESS -> s == SlaStage.RESULT;
      case REVIEWED -> s == SlaStage.REPLY;
      default -> false;
    };
  }

  /** Mutable scratch space for one event; the record itself stays immutable. */
  private final class Edit {
    final SlaPolicy policy;
    final WorkingCalendar cal;
    final Instant at;
    final Map<SlaStage, StageClock> map = new EnumMap<>(SlaStage.class);
    boolean suspended = SlaClocks.this.suspended;

    Edit(SlaPolicy policy, WorkingCalendar cal, Instant at) {
      this.policy = policy;
      this.cal = cal;
      this.at = at;
      map.putAll(clocks);
    }

    /** Starts the stage unless its clock already runs (or is paused); a stopped clock starts a new generation. */
    void start(SlaStage s) {
      StageClock c = map.get(s);
      if (c != null && c.open()) return;
      begin(s, c == null ? 1 : c.generation() + 1);
    }

    void restart(SlaStage s) {
      StageClock c = map.get(s);
      begin(s, c == null ? 1 : c.generation() + 1);
    }

    private void begin(SlaStage s, int generation) {
      policy.stage(severity, s).ifPresent(p ->
          map.put(s, StageClock.start(s, generation, p, at, suspended, policy, cal)));
    }

    void stop(SlaStage s) { map.computeIfPresent(s, (k, c) -> c.stop(at, false, policy, cal)); }

    void cancel(SlaStage s) { map.computeIfPresent(s, (k, c) -> c.stop(at, true, policy, cal)); }

    void suspend(boolean on) {
      suspended = on;
      map.replaceAll((k, c) -> on ? c.pause(at, policy, cal) : c.resume(at, policy, cal));
    }
  }
}
