package cn.hotline12349.core.sla.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The official Chinese working calendar in one zone (Asia/Shanghai): a day is worked when it is Monday to Friday
 * and not a HOLIDAY, or when it is a WORKDAY (调休). Working time is [open, close) of each working day.
 * Years absent from the data fall back to Monday to Friday; {@link #coveredYears()} lets a loader warn about them.
 */
public final class WorkingCalendar {
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final int MAX_DAYS_SCANNED = 3700;

  private final ZoneId zone;
  private final Map<LocalDate, DayKind> days;
  private final LocalTime open;
  private final LocalTime close;

  public WorkingCalendar(ZoneId zone, Map<LocalDate, DayKind> days, LocalTime open, LocalTime close) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.days = Map.copyOf(days);
    this.open = Objects.requireNonNull(open, "open");
    this.close = Objects.requireNonNull(close, "close");
    if (!open.isBefore(close)) throw new IllegalArgumentException("working hours must open before they close");
  }

  public static WorkingCalendar china(Map<LocalDate, DayKind> days) {
    return new WorkingCalendar(CHINA, days, LocalTime.of(8, 30), LocalTime.of(17, 30));
  }

  public ZoneId zone() { return zone; }

  public LocalTime open() { return open; }

  public LocalTime close() { return close; }

  public Duration workingDayLength() { return Duration.between(open, close); }

  public Set<Integer> coveredYears() {
    Set<Integer> years = new TreeSet<>();
    days.keySet().forEach(d -> years.add(d.getYear()));
    return years;
  }

  public boolean isWorkingDay(LocalDate date) {
    DayKind kind = days.get(date);
    if (kind != null) return kind == DayKind.WORKDAY;
    DayOfWeek dow = date.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  public boolean isWorkingTime(Instant at) {
    ZonedDateTime t = at.atZone(zone);
    LocalTime time = t.toLocalTime();
    return isWorkingDay(t.toLocalDate()) && !time.isBefore(open) && time.isBefore(close);
  }

  /** The earliest instant at which {@code amount} of working time has passed since {@code start}. */
  public Instant plusWorkingTime(Instant start, Duration amount) {
    if (amount.isNegative()) throw new IllegalArgumentException("negative working time");
    if (amount.isZero()) return start;
    Duration remaining = amount;
    ZonedDateTime t = start.atZone(zone);
    for (int i = 0; i < MAX_DAYS_SCANNED; i++) {
      LocalDate day = t.toLocalDate();
      ZonedDateTime dayOpen = day.atTime(open).atZone(zone);
      ZonedDateTime dayClose = day.atTime(close).atZone(zone);
      if (isWorkingDay(day) && t.isBefore(dayClose)) {
        if (t.isBefore(dayOpen)) t = dayOpen;
        Duration available = Duration.between(t, dayClose);
        if (remaining.compareTo(available) <= 0) return t.plus(remaining).toInstant();
        remaining = remaining.minus(available);
      }
      t = day.plusDays(1).atStartOfDay(zone);
    }
    throw new IllegalStateException("no working time within " + MAX_DAYS_SCANNED + " days of " + start);
  }

  /** Working time inside [from, to); zero when {@code to} is not after {@code from}. */
  public Duration workingTimeBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) return Duration.ZERO;
    Duration sum = Duration.ZERO;
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
      if (!isWorkingDay(day)) continue;
      Instant a = max(from, day.atTime(open).atZone(zone).toInstant());
      Instant b = min(to, day.atTime(close).atZone(zone).toInstant());
      if (b.isAfter(a)) sum = sum.plus(Duration.between(a, b));
    }
    return sum;
  }

  /** The n-th working day after {@code date} (n ≥ 1); used for display and tests of the raw calendar. */
  public LocalDate plusWorkingDays(LocalDate date, int n) {
    LocalDate d = date;
    for (int left = n, scanned = 0; left > 0; scanned++) {
      if (scanned > MAX_DAYS_SCANNED) throw new IllegalStateException("calendar has no working days");
      d = d.plusDays(1);
      if (isWorkingDay(d)) left--;
    }
    return d;
  }

  private static Instant max(Instant a, Instant b) { return a.isAfter(b) ? a : b; }

  private static Instant min(Instant a, Instant b) { return a.isBefore(b) ? a : b; }
}
