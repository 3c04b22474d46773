package cn.hotline12349.core.sla.domain;

import java.time.Duration;
import java.time.Instant;

/** Measures clock time for one mode: wall time for ALWAYS, working time on the calendar for WORKING. */
public record ClockMeter(ClockMode mode, WorkingCalendar calendar) {
  /** A negative amount (a clock already overdue when it resumes) goes back in wall time only on a 24x7 clock. */
  public Instant plus(Instant from, Duration clockTime) {
    if (mode == ClockMode.ALWAYS) return from.plus(clockTime);
    if (clockTime.isNegative() || clockTime.isZero()) return from;
    return calendar.plusWorkingTime(from, clockTime);
  }

  public Duration elapsed(Instant from, Instant to) {
    if (!to.isAfter(from)) return Duration.ZERO;
    return mode == ClockMode.ALWAYS ? Duration.between(from, to) : calendar.workingTimeBetween(from, to);
  }
}
