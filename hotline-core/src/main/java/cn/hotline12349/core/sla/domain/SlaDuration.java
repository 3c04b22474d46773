package cn.hotline12349.core.sla.domain;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deadline length as written in the policy: {@code 5s}, {@code 10m}, {@code 4h}, {@code 2d} or {@code 3wd}.
 * One spelling per unit ({@code m} is minutes; {@code 30min}, {@code 1h30m} and fractions are rejected) so a policy
 * file reads the same to everyone. {@code d} is 24 hours of wall time, {@code wd} a working day.
 */
public record SlaDuration(long amount, Unit unit) {
  public enum Unit {
    SECONDS("s"), MINUTES("m"), HOURS("h"), DAYS("d"), WORKING_DAYS("wd");

    final String suffix;

    Unit(String suffix) { this.suffix = suffix; }
  }

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})(s|m|h|d|wd)");

  public SlaDuration {
    Objects.requireNonNull(unit, "unit");
    if (amount <= 0) throw new IllegalArgumentException("duration must be positive: " + amount);
  }

  public static SlaDuration parse(String text) {
    if (text == null) throw new IllegalArgumentException("duration is missing");
    Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("bad duration '" + text + "': expected e.g. 5s, 10m, 4h, 2d or 3wd");
    }
    long n = Long.parseLong(m.group(1));
    for (Unit u : Unit.values()) if (u.suffix.equals(m.group(2))) return new SlaDuration(n, u);
    throw new AssertionError(m.group(2));
  }

  public boolean inWorkingDays() { return unit == Unit.WORKING_DAYS; }

  /** The budget of clock time: wall time for 24x7 clocks, working time for working-time clocks. */
  public Duration budget(Duration workingDayLength) {
    return switch (unit) {
      case SECONDS -> Duration.ofSeconds(amount);
      case MINUTES -> Duration.ofMinutes(amount);
      case HOURS -> Duration.ofHours(amount);
      case DAYS -> Duration.ofDays(amount);
      case WORKING_DAYS -> workingDayLength.multipliedBy(amount);
    };
  }

  @Override
  public String toString() { return amount + unit.suffix; }
}
