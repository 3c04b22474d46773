package cn.hotline12349.core.sla.domain;

import java.time.Duration;
import java.util.Objects;

/** The deadline of one stage: how long, and on which clock. Working days only make sense on working time. */
public record StagePolicy(SlaDuration duration, ClockMode mode) {
  public StagePolicy {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(mode, "mode");
    if (duration.inWorkingDays() && mode != ClockMode.WORKING) {
      throw new IllegalArgumentException(duration + " is in working days but the stage runs 24x7");
    }
    if (duration.unit() == SlaDuration.Unit.DAYS && mode == ClockMode.WORKING) {
      throw new IllegalArgumentException(duration + " on working time is ambiguous: write wd");
    }
  }

  public static StagePolicy of(String duration, ClockMode mode) { return new StagePolicy(SlaDuration.parse(duration), mode); }

  /** Working-day durations imply working time; anything else runs 24x7 unless said otherwise. */
  public static StagePolicy of(String duration) {
    SlaDuration d = SlaDuration.parse(duration);
    return new StagePolicy(d, d.inWorkingDays() ? ClockMode.WORKING : ClockMode.ALWAYS);
  }

  public Duration budget(WorkingCalendar calendar) { return duration.budget(calendar.workingDayLength()); }
}
