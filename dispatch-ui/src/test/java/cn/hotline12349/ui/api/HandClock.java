package cn.hotline12349.ui.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, for the whole running app: deadlines pass without sleeping. */
public final class HandClock extends Clock {
  private volatile Instant now;

  public HandClock(Instant start) { this.now = start; }

  public void advance(Duration d) { now = now.plus(d); }

  @Override public ZoneId getZone() { return ZoneOffset.UTC; }

  @Override public Clock withZone(ZoneId zone) { return this; }

  @Override public Instant instant() { return now; }
}
