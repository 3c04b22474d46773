package cn.hotline12349.telephony.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.domain.CallSignal.*;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The held flag from AMI Hold/Unhold: the latest by PBX time wins in any arrival order; never held once ended. */
class CallHoldTest {
  static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");
  static final String L = "1795710000.9";

  static CallTracker tracker() {
    return new CallTracker(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofMinutes(30));
  }

  static List<CallSignal> answered() {
    return List.of(new ChannelOpened(L, L, "PJSIP/trunk-xining-01", "13909710001", "12349", T0),
        new AgentAnswered(L, "hotline-630100", "PJSIP/8001", "op-xining", 2, T0.plusSeconds(3), "PJSIP/8001-02"));
  }

  static HoldChanged hold(boolean on, int second) {
    return new HoldChanged(L, "PJSIP/8001-02", on, T0.plusSeconds(second));
  }

  @Test
  void anyOrderOfHoldsAndUnholdsEndsInTheLatestOnesStateWithTheSameTimeline() {
    List<CallSignal> holds = new ArrayList<>(List.of(hold(true, 10), hold(false, 20), hold(true, 30), hold(true, 30),
        hold(false, 40), hold(true, 50)));
    Random random = new Random(17);
    for (int run = 0; run < 30; run++) {
      Collections.shuffle(holds, random);
      CallTracker t = tracker();
      answered().forEach(t::apply);
      holds.forEach(t::apply);
      Call c = t.get(L).orElseThrow();
      assertThat(c.onHold()).as("the Hold at 50 s is the latest").isTrue();
      assertThat(c.holdChangedAt()).isEqualTo(T0.plusSeconds(50));
    }
  }

  @Test
  void aDuplicateChangesNothingAndAnEndedCallIsNeverHeld() {
    CallTracker t = tracker();
    answered().forEach(t::apply);
    CallChange first = t.apply(hold(true, 10)).orElseThrow();
    assertThat(first.added()).extracting(TimelineEntry::type).containsExactly(TimelineEntry.HELD);
    assertThat(t.apply(hold(true, 10))).as("a duplicate Hold").isEmpty();
    CallChange late = t.apply(hold(false, 5)).orElseThrow(); // an older Unhold arriving late: its fact, not its state
    assertThat(late.after().onHold()).isTrue();
    assertThat(late.added()).extracting(TimelineEntry::type).containsExactly(TimelineEntry.UNHELD);

    t.apply(new ChannelHungUp(L, L, "PJSIP/trunk-xining-01", "13909710001", 16, "Normal Clearing", T0.plusSeconds(60)));
    assertThat(t.get(L).orElseThrow().onHold()).isFalse();
    assertThat(t.apply(hold(true, 70))).as("a Hold after the end").isEmpty();
    assertThat(t.apply(new HangupRequested(L, "op-xining", T0.plusSeconds(59))).orElseThrow().added())
        .containsExactly(new TimelineEntry(TimelineEntry.HANGUP_REQUESTED, T0.plusSeconds(59), "by op-xining"));
    assertThat(t.apply(new HangupRequested("1795710000.99", "op-xining", T0))).as("an unknown call").isEmpty();
  }
}
