package cn.hotline12349.core.sla.domain;

import static cn.hotline12349.core.sla.domain.TestCalendars.CHINA;
import static cn.hotline12349.core.sla.domain.TestCalendars.bj;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingCalendarTest {
  private static Instant plusWd(String start, int n) {
    return CHINA.plusWorkingTime(bj(start), CHINA.workingDayLength().multipliedBy(n));
  }

  @Test
  void makeUpWeekendsAreWorkedAndHolidayWeekdaysAreNot() {
    assertThat(CHINA.isWorkingDay(LocalDate.parse("2026-02-14"))).as("Sat 调休").isTrue();
    assertThat(CHINA.isWorkingDay(LocalDate.parse("2026-02-16"))).as("Mon 春节").isFalse();
    assertThat(CHINA.isWorkingDay(LocalDate.parse("2026-02-28"))).as("Sat 调休").isTrue();
    assertThat(CHINA.isWorkingDay(LocalDate.parse("2026-03-01"))).as("plain Sunday").isFalse();
    assertThat(CHINA.isWorkingDay(LocalDate.parse("2026-09-20"))).as("Sun 调休").isTrue();
    assertThat(CHINA.isWorkingDay(LocalDate.parse("2026-10-05"))).as("Mon 国庆").isFalse();
    assertThat(CHINA.isWorkingDay(LocalDate.parse("2026-10-10"))).as("Sat 调休").isTrue();
    assertThat(CHINA.coveredYears()).contains(2026, 2027);
  }

  @ParameterizedTest(name = "{0} + {1}wd = {2}")
  @CsvSource({
      "2026-02-13T10:00, 1, 2026-02-14T10:00",   // Friday before the festival: next working day is the 调休 Saturday
      "2026-02-13T10:00, 2, 2026-02-24T10:00",   // then nine days off (15th-23rd)
      "2026-02-14T16:00, 1, 2026-02-24T16:00",
      "2026-02-24T09:00, 3, 2026-02-27T09:00",
      "2026-02-27T09:00, 1, 2026-02-28T09:00",   // second make-up Saturday
      "2026-02-27T09:00, 2, 2026-03-02T09:00",
      "2026-09-18T10:00, 1, 2026-09-20T10:00",   // Sunday 20 September is worked
      "2026-09-18T10:00, 2, 2026-09-21T10:00",
      "2026-09-24T10:00, 1, 2026-09-28T10:00",   // Mid-Autumn Friday 25th off
      "2026-09-30T10:00, 1, 2026-10-08T10:00",   // National Day 1st-7th off
      "2026-09-30T10:00, 3, 2026-10-10T10:00",   // Saturday 10 October is worked
      "2026-09-30T10:00, 4, 2026-10-12T10:00",
      "2026-03-07T10:00, 1, 2026-03-09T17:30",   // starting on a Saturday: end of Monday
      "2026-03-03T20:00, 1, 2026-03-04T17:30",   // starting after hours: end of the next working day
      "2026-03-03T07:00, 1, 2026-03-03T17:30",   // starting before opening: end of the same day
      "2026-02-15T12:00, 1, 2026-02-24T17:30"    // starting inside the festival
  })
  void addsWorkingDaysAcrossHolidaysAndMakeUpDays(String start, int n, String expected) {
    assertThat(plusWd(start, n)).isEqualTo(bj(expected));
  }

  @Test
  void workingHoursCarryOverToTheNextWorkingDay() {
    assertThat(CHINA.plusWorkingTime(bj("2026-02-13T16:30"), Duration.ofHours(3))).isEqualTo(bj("2026-02-14T10:30"));
    assertThat(CHINA.plusWorkingTime(bj("2026-02-14T16:30"), Duration.ofHours(3))).isEqualTo(bj("2026-02-24T10:30"));
    assertThat(CHINA.plusWorkingTime(bj("2026-03-03T10:00"), Duration.ZERO)).isEqualTo(bj("2026-03-03T10:00"));
  }

  @Test
  void measuresWorkingTimeBetweenInstantsSkippingTheFestival() {
    assertThat(CHINA.workingTimeBetween(bj("2026-02-13T10:00"), bj("2026-02-24T10:00")))
        .isEqualTo(CHINA.workingDayLength().multipliedBy(2));
    assertThat(CHINA.workingTimeBetween(bj("2026-10-01T09:00"), bj("2026-10-07T18:00"))).isZero();
    assertThat(CHINA.workingTimeBetween(bj("2026-03-03T12:00"), bj("2026-03-03T11:00"))).isZero();
  }

  @Test
  void measureAndAdditionAreInverse() {
    Instant start = bj("2026-09-23T15:45");
    for (int h = 1; h < 60; h += 7) {
      Instant end = CHINA.plusWorkingTime(start, Duration.ofHours(h));
      assertThat(CHINA.workingTimeBetween(start, end)).isEqualTo(Duration.ofHours(h));
    }
  }

  @Test
  void countsCalendarWorkingDays() {
    assertThat(CHINA.plusWorkingDays(LocalDate.parse("2026-09-30"), 2)).isEqualTo(LocalDate.parse("2026-10-09"));
    assertThat(CHINA.plusWorkingDays(LocalDate.parse("2026-02-13"), 1)).isEqualTo(LocalDate.parse("2026-02-14"));
  }

  @Test
  void draft2027IsLoadedAndEditable() {
    assertThat(CHINA.isWorkingDay(LocalDate.parse("2027-02-08"))).as("draft 春节 Monday").isFalse();
    assertThat(CHINA.isWorkingDay(LocalDate.parse("2027-02-20"))).as("draft 调休 Saturday").isTrue();
  }
}
