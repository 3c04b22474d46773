package cn.hotline12349.telephony.domain;

import java.util.List;

/** The result of applying a signal: the call before (null if new) and after, plus new timeline facts. */
public record CallChange(Call before, Call after, List<TimelineEntry> added) {
  public boolean stateChanged() {
    return before == null || before.state() != after.state();
  }
}
