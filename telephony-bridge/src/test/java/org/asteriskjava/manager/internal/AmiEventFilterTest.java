package org.asteriskjava.manager.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.ami.AmiEventMapper;
import cn.hotline12349.telephony.ami.AmiSink;
import cn.hotline12349.telephony.domain.AgentSignal;
import cn.hotline12349.telephony.domain.CallSignal;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

/**
 * The reader's filter ({@link AmiEventMapper#wants}, installed by {@link PrefilteredManagerConnection}) drops nothing
 * the mapper reads: every recorded Asterisk 20 transcript gives the same signals with and without it, while most
 * events are never built. In Asterisk-Java's package because its event builder is package-private.
 */
class AmiEventFilterTest {
  static final List<String> TRANSCRIPTS = List.of(AmiTranscript.FIVE_ANSWERED, AmiTranscript.ABANDONED,
      "/ami/real/answered.txt", "/ami/real/danger-key.txt", "/ami/real/abandoned-ivr.txt",
      "/ami/real/abandoned-queue.txt", "/ami/real/unanswered-overflow.txt", "/ami/real/night.txt",
      "/ami/real/callback-answered.txt", "/ami/real/callback-not-answered.txt", "/ami/real/pbx-restart.txt",
      "/ami/real/pbx-kill9.txt", "/ami/real/transfer-blind.txt", "/ami/real/danger-priority.txt");

  @Test
  void everyRecordedTranscriptGivesTheSameSignalsWithTheFilter() {
    int events = 0;
    int built = 0;
    for (String transcript : TRANSCRIPTS) {
      EventBuilderImpl builder = new EventBuilderImpl();
      List<Object> all = new ArrayList<>();
      List<Object> filtered = new ArrayList<>();
      AmiEventMapper unfiltered = new AmiEventMapper(sink(all), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
      AmiEventMapper prefiltered = new AmiEventMapper(sink(filtered), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
      for (AmiMessage m : AmiTranscript.loadEvents(transcript)) {
        Map<String, Object> attributes = attributes(m);
        ManagerEvent e = builder.buildEvent(this, attributes);
        if (e == null) continue;
        events++;
        unfiltered.onManagerEvent(e);
        if (attributes.containsKey("actionid") || AmiEventMapper.wants(attributes)) {
          built++;
          prefiltered.onManagerEvent(e);
        }
      }
      assertThat(filtered).as(transcript).isNotEmpty().isEqualTo(all);
    }
    // most of the stream is never turned into objects
    assertThat(built).isLessThan(events / 3);
  }

  /** As Asterisk-Java's reader collects a packet: names lower-cased, a repeated name becomes a list. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> attributes(AmiMessage m) {
    Map<String, Object> out = new HashMap<>();
    for (AmiMessage.Field f : m.fields()) {
      String k = f.key().toLowerCase(Locale.ENGLISH);
      Object old = out.get(k);
      if (old == null) out.put(k, f.value());
      else if (old instanceof List<?> l) ((List<String>) l).add(f.value());
      else out.put(k, new ArrayList<>(List.of((String) old, f.value())));
    }
    return out;
  }

  private static AmiSink sink(List<Object> out) {
    return new AmiSink() {
      @Override public void call(CallSignal signal) { out.add(signal); }
      @Override public void agent(AgentSignal signal) { out.add(signal); }
      @Override public void connected() { out.add("connected"); }
      @Override public void disconnected() { out.add("disconnected"); }
      @Override public void originateResult(String actionId, boolean success, Integer reason, String uniqueId) {
        out.add(actionId + " " + success + " " + reason + " " + uniqueId);
      }
    };
  }
}
