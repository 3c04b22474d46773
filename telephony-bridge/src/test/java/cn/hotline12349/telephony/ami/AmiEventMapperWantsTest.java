package cn.hotline12349.telephony.ami;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.domain.AgentSignal;
import cn.hotline12349.telephony.domain.CallSignal;
import cn.hotline12349.telephony.loopback.AmiEventFilters;
import cn.hotline12349.telephony.loopback.AmiMessage;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

/**
 * {@link AmiEventMapper#HANDLED} is the one list of what the bridge reads; the mapping, the reader's prefilter
 * ({@link AmiEventMapper#wants}) and the PBX's filter ({@link AmiEventMapper#pbxFilters}) all come from it. What is
 * left to check is that each row's wire name is what Asterisk-Java builds into the row's class, and that the filters
 * as Asterisk applies them (the loopback's {@link AmiEventFilters}) and manager.conf say the same.
 */
class AmiEventMapperWantsTest {
  @Test
  void eachHandledEventIsBuiltAsItsClassWantedMappedAndSentByThePbx() throws Exception {
    Object builder = eventBuilder();
    AmiEventFilters pbx = pbxFilters();
    for (AmiEventMapper.Handled<?> h : AmiEventMapper.HANDLED) {
      Map<String, Object> attributes = new HashMap<>(Map.of("event", h.name(), "linkedid", "1.1", "uniqueid", "1.1",
          "queue", "hotline-630100", "interface", "PJSIP/op1"));
      AmiMessage wire = AmiMessage.of("Event", h.name(), "Linkedid", "1.1");
      if (h.when() != null) {
        String value = h.when().values().iterator().next();
        attributes.put(h.when().header().toLowerCase(), value);
        wire = wire.with(h.when().header(), value);
      }
      ManagerEvent e = build(builder, attributes);
      assertThat(e).as(h.name()).isNotNull();
      assertThat(e.getClass()).as("what Asterisk-Java builds of " + h.name()).isEqualTo(h.type());
      List<Object> out = new ArrayList<>();
      new AmiEventMapper(sink(out), Clock.systemUTC()).onManagerEvent(e);
      assertThat(out).as("mapped " + h.name()).hasSize(1);
      assertThat(AmiEventMapper.wants(attributes)).as("prefilter " + h.name()).isTrue();
      assertThat(pbx.admits(wire)).as("PBX filter " + h.name()).isTrue();
    }
  }

  @Test
  void whatIsNotReadIsNeitherWantedNorMappedNorSent() throws Exception {
    Object builder = eventBuilder();
    AmiEventFilters pbx = pbxFilters();
    List<Map<String, Object>> unread = List.of(
        Map.of("event", "VarSet", "variable", "DIALSTATUS", "value", "ANSWER", "linkedid", "1.1"),
        Map.of("event", "VarSet", "variable", "HOTLINE_DANGER_X", "value", "1", "linkedid", "1.1"),
        Map.of("event", "Newexten", "application", "Playback", "linkedid", "1.1"),
        Map.of("event", "DeviceStateChange", "device", "PJSIP/op1", "state", "INUSE"),
        Map.of("event", "HangupRequest", "channel", "PJSIP/op1-0001", "linkedid", "1.1"));
    for (Map<String, Object> a : unread) {
      assertThat(AmiEventMapper.wants(a)).as(a.toString()).isFalse();
      List<Object> out = new ArrayList<>();
      ManagerEvent e = build(builder, new HashMap<>(a));
      if (e != null) new AmiEventMapper(sink(out), Clock.systemUTC()).onManagerEvent(e);
      assertThat(out).as(a.toString()).isEmpty();
      List<String> kv = new ArrayList<>();
      a.forEach((k, v) -> kv.addAll(List.of(Character.toUpperCase(k.charAt(0)) + k.substring(1), (String) v)));
      AmiMessage wire = AmiMessage.of("Event", (String) a.get("event"));
      for (int i = 0; i < kv.size(); i += 2) if (!kv.get(i).equals("Event")) wire = wire.with(kv.get(i), kv.get(i + 1));
      assertThat(pbx.admits(wire)).as("PBX filter " + a).isFalse();
    }
  }

  @Test
  void managerConfCarriesExactlyTheBridgesFilters() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("../scripts/asterisk/manager.conf"));
    int from = lines.indexOf("; BEGIN generated eventfilter");
    int to = lines.indexOf("; END generated eventfilter");
    assertThat(from).isNotNegative();
    assertThat(lines.subList(from + 1, to)).as("scripts/asterisk/manager.conf, regenerate from AmiEventMapper.pbxFilters()")
        .isEqualTo(AmiEventMapper.pbxFilters().stream().map(f -> f.managerConfLine().strip()).toList());
  }

  private static AmiEventFilters pbxFilters() {
    AmiEventFilters f = new AmiEventFilters();
    for (AmiEventMapper.PbxFilter p : AmiEventMapper.pbxFilters()) {
      assertThat(f.add("eventfilter(" + p.matchCriteria() + ")", p.pattern())).as(p.toString())
          .isEqualTo(AmiEventFilters.Result.SUCCESS);
    }
    return f;
  }

  /** Asterisk-Java's own event builder (package-private), as its reader uses it. */
  private static Object eventBuilder() throws Exception {
    Constructor<?> c = Class.forName("org.asteriskjava.manager.internal.EventBuilderImpl").getDeclaredConstructor();
    c.setAccessible(true);
    return c.newInstance();
  }

  private static ManagerEvent build(Object builder, Map<String, Object> attributes) throws Exception {
    var m = builder.getClass().getMethod("buildEvent", Object.class, Map.class);
    m.setAccessible(true);
    return (ManagerEvent) m.invoke(builder, AmiEventMapperWantsTest.class, attributes);
  }

  private static AmiSink sink(List<Object> out) {
    return new AmiSink() {
      @Override public void call(CallSignal signal) { out.add(signal); }
      @Override public void agent(AgentSignal signal) { out.add(signal); }
      @Override public void connected() { out.add("connected"); }
      @Override public void disconnected() { out.add("disconnected"); }
      @Override public void originateResult(String actionId, boolean success, Integer reason, String uniqueId) {
        out.add("originate " + actionId);
      }
    };
  }
}
