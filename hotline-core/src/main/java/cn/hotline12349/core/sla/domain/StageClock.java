package cn.hotline12349.core.sla.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One stage's clock. Time is counted in the clock's own measure (wall or working time): {@code consumed} is what had
 * elapsed before {@code runningSince}; pauses add nothing to it and their wall length is kept in {@code pausedTotal}.
 * {@code dueAt} and {@code nextFireAt} are derived at each change so that the database can index them; both are null
 * while paused or stopped. {@code nextMark} is the next unfired mark (see {@link SlaPolicy#markFraction}).
 */
public record StageClock(SlaStage stage, int generation, ClockMode mode, Duration budget, Instant startedAt,
                         Duration consumed, Instant runningSince, Instant pausedAt, Duration pausedTotal,
                         ClockStatus status, Instant stoppedAt, ClockOutcome outcome, int nextMark,
                         Instant dueAt, Instant nextFireAt) {
  public StageClock {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(budget, "budget");
    if (budget.isNegative() || budget.isZero()) throw new IllegalArgumentException("budget must be positive");
  }

  public static StageClock start(SlaStage stage, int generation, StagePolicy p, Instant now, boolean paused,
                                 SlaPolicy policy, WorkingCalendar cal) {
    StageClock c = new StageClock(stage, generation, p.mode(), p.budget(cal), now, Duration.ZERO, now, null,
        Duration.ZERO, ClockStatus.RUNNING, null, null, 0, null, null);
    c = c.derive(policy, cal);
    return paused ? c.pause(now, policy, cal) : c;
  }

  public ClockMeter meter(WorkingCalendar cal) { return new ClockMeter(mode, cal); }

  public boolean open() { return status != ClockStatus.STOPPED; }

  public Duration consumedAt(Instant now, WorkingCalendar cal) {
    return status == ClockStatus.RUNNING ? consumed.plus(meter(cal).elapsed(runningSince, now)) : consumed;
  }

  /** Clock time left (negative when overdue); the part of a paused clock still to run. */
  public Duration remainingAt(Instant now, WorkingCalendar cal) { return budget.minus(consumedAt(now, cal)); }

  /** Clock time at which mark {@code index} is reached, rounded up to the millisecond (what is stored) so that nothing fires early. */
  public Duration markOffset(int index, SlaPolicy policy) {
    return Duration.ofMillis((long) Math.ceil(budget.toMillis() * policy.markFraction(index)));
  }

  public Instant markAt(int index, SlaPolicy policy, WorkingCalendar cal) {
    if (status != ClockStatus.RUNNING) return null;
    Duration left = markOffset(index, policy).minus(consumed);
    return left.isNegative() || left.isZero() ? runningSince : meter(cal).plus(runningSince, left);
  }

  public StageClock pause(Instant now, SlaPolicy policy, WorkingCalendar cal) {
    if (status != ClockStatus.RUNNING) return this;
    return new StageClock(stage, generation, mode, budget, startedAt, consumedAt(now, cal), null, now, pausedTotal,
        ClockStatus.PAUSED, null, null, nextMark, null, null);
  }

  public StageClock resume(Instant now, SlaPolicy policy, WorkingCalendar cal) {
    if (status != ClockStatus.PAUSED) return this;
    Duration paused = pausedAt == null || now.isBefore(pausedAt) ? Duration.ZERO : Duration.between(pausedAt, now);
    return new StageClock(stage, generation, mode, budget, startedAt, consumed, now, null, pausedTotal.plus(paused),
        ClockStatus.RUNNING, null, null, nextMark, null, null).derive(policy, cal);
  }

  public StageClock stop(Instant now, boolean cancelled, SlaPolicy policy, WorkingCalendar cal) {
    if (status == ClockStatus.STOPPED) return this;
    StageClock p = pause(now, policy, cal);
    Duration extraPause = status == ClockStatus.PAUSED && pausedAt != null && now.isAfter(pausedAt)
        ? Duration.between(pausedAt, now) : Duration.ZERO;
    ClockOutcome out = cancelled ? ClockOutcome.CANCELLED
        : p.consumed.compareTo(budget) <= 0 ? ClockOutcome.MET : ClockOutcome.LATE;
    return new StageClock(stage, generation, mode, budget, startedAt, p.consumed, null, null,
        pausedTotal.plus(extraPause), ClockStatus.STOPPED, now, out, nextMark, dueAt, null);
  }

  /**
   * The same clock under another level's policy {@code p}: started when it was, the time used so far kept, the new
   * budget from now on; marks already fired stay fired and a mark the used time has passed fires at once.
   */
  public StageClock rebudget(StagePolicy p, Instant now, SlaPolicy policy, WorkingCalendar cal) {
    if (status == ClockStatus.STOPPED) return this;
    boolean running = status == ClockStatus.RUNNING;
    return new StageClock(stage, generation, p.mode(), p.budget(cal), startedAt, consumedAt(now, cal),
        running ? now : null, pausedAt, pausedTotal, status, null, null, nextMark, null, null).derive(policy, cal);
  }

  /** The mark was fired (or found already fired): move on to the next one. */
  public StageClock markFired(int index, SlaPolicy policy, WorkingCalendar cal) {
    if (index < nextMark) return this;
    return new StageClock(stage, generation, mode, budget, startedAt, consumed, runningSince, pausedAt, pausedTotal,
        status, stoppedAt, outcome, index + 1, dueAt, nextFireAt).derive(policy, cal);
  }

  public BoardState stateAt(Instant now, SlaPolicy policy, WorkingCalendar cal) {
    if (status == ClockStatus.PAUSED) return BoardState.PAUSED;
    if (status == ClockStatus.STOPPED) throw new IllegalStateException("a stopped clock has no board state");
    if (!now.isBefore(dueAt)) return BoardState.OVERDUE;
    return consumedAt(now, cal).compareTo(markOffset(0, policy)) >= 0 ? BoardState.WARNED : BoardState.ON_TIME;
  }

  private StageClock derive(SlaPolicy policy, WorkingCalendar cal) {
    if (status != ClockStatus.RUNNING) return this;
    Instant due = meter(cal).plus(runningSince, budget.minus(consumed));
    Instant fire = nextMark < policy.markCount() ? markAt(nextMark, policy, cal) : null;
    return new StageClock(stage, generation, mode, budget, startedAt, consumed, runningSince, pausedAt, pausedTotal,
        status, stoppedAt, outcome, nextMark, due, fire);
  }
}
