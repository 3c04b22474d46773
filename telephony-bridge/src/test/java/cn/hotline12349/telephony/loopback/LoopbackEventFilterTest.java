package cn.hotline12349.telephony.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.ami.AmiEventMapper;
import cn.hotline12349.telephony.loopback.LoopbackAmiServerTest.Client;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The loopback PBX filters events per session as Asterisk 20.20.1 does (main/manager.c; the same filters cut a real
 * PBX's answered call from 219 events to the ones the bridge reads, docs/telephony.md "AMI event filter").
 */
class LoopbackEventFilterTest {
  static final String ANSWERED = "/ami/real/answered.txt";

  @Test
  void aFilteredSessionGetsOnlyWhatTheBridgeReadsAnUnfilteredOneEverything() throws Exception {
    List<AmiMessage> call = AmiTranscript.loadEvents(ANSWERED);
    List<AmiMessage> wanted = call.stream().filter(m -> AmiEventMapper.wants(attributes(m))).toList();
    assertThat(wanted.size()).isBetween(5, call.size() / 3);
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "admin", "secret");
        Client plain = login(pbx); Client filtered = login(pbx)) {
      int n = 0;
      for (AmiEventMapper.PbxFilter f : AmiEventMapper.pbxFilters()) {
        filtered.send("Action: Filter", "ActionID: f" + ++n, "Operation: Add", "MatchCriteria: " + f.matchCriteria(),
            "Filter: " + f.pattern());
        AmiMessage r = filtered.read();
        assertThat(r.get("Response")).as(f.toString()).isEqualTo("Success");
        assertThat(r.get("ActionID")).isEqualTo("f" + n);
      }
      pbx.emitAll(call.subList(0, call.size() / 2));
      for (AmiMessage e : call.subList(call.size() / 2, call.size())) pbx.emit(e);
      pbx.emit(AmiMessage.of("Event", "UserEvent", "UserEvent", "End"));

      assertThat(eventsUntilEnd(plain)).isEqualTo(names(call));
      List<AmiMessage> got = new ArrayList<>();
      for (int i = 0; i < wanted.size(); i++) got.add(filtered.read());
      assertThat(names(got)).isEqualTo(names(wanted));
      assertThat(got).isEqualTo(wanted);

      // answers to actions are never filtered
      filtered.send("Action: Ping", "ActionID: p1");
      assertThat(filtered.read().get("Ping")).isEqualTo("Pong");
    }
  }

  @Test
  void filterSyntaxAndPermissionAsAsterisk() throws Exception {
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "admin", "secret"); Client c = login(pbx)) {
      c.send("Action: Filter", "ActionID: bad", "Operation: Add", "MatchCriteria: name(VarSet),method(exact)");
      assertThat(c.read().get("Message")).isEqualTo("Filter was formatted incorrectly.  Check the syntax of the filter given.");
      c.send("Action: Filter", "ActionID: bad2", "Operation: Add", "Filter: Event: (Hangup");
      assertThat(c.read().get("Message")).isEqualTo("Filter did not compile.  Check the syntax of the filter given.");
      c.send("Action: Filter", "ActionID: op", "Operation: Remove", "Filter: Event: Hangup");
      assertThat(c.read().get("Message")).isEqualTo("Unknown operation");
      // legacy: a regular expression over the whole event; an exclude with "!"
      c.send("Action: Filter", "ActionID: l1", "Operation: Add", "Filter: Event: (Hangup|Newchannel)");
      assertThat(c.read().get("Response")).isEqualTo("Success");
      c.send("Action: Filter", "ActionID: l2", "Operation: Add", "Filter: !Channel: Local/");
      assertThat(c.read().get("Response")).isEqualTo("Success");
      pbx.emit(AmiMessage.of("Event", "Newchannel", "Channel", "Local/x@y-0001;1", "Uniqueid", "1.1", "Linkedid", "1.1"));
      pbx.emit(AmiMessage.of("Event", "DeviceStateChange", "Device", "PJSIP/op1", "State", "INUSE"));
      pbx.emit(AmiMessage.of("Event", "Newchannel", "Channel", "PJSIP/op1-0001", "Uniqueid", "1.2", "Linkedid", "1.2"));
      AmiMessage e = c.read();
      assertThat(e.get("Event")).isEqualTo("Newchannel");
      assertThat(e.get("Channel")).isEqualTo("PJSIP/op1-0001");
    }
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "admin", "secret")) {
      pbx.setFilterActionPermitted(false); // a manager user without write = system
      pbx.addUserEventFilter("eventfilter(name(Hangup))", "");
      try (Client c = login(pbx)) {
        c.send("Action: Filter", "ActionID: f", "Operation: Add", "MatchCriteria: name(Newchannel)");
        assertThat(c.read().get("Message")).isEqualTo("Permission denied");
        pbx.emit(AmiMessage.of("Event", "Newchannel", "Channel", "PJSIP/op1-0001", "Uniqueid", "1.2", "Linkedid", "1.2"));
        pbx.emit(AmiMessage.of("Event", "Hangup", "Channel", "PJSIP/op1-0001", "Uniqueid", "1.2", "Linkedid", "1.2"));
        assertThat(c.read().get("Event")).isEqualTo("Hangup"); // the user's manager.conf filter applies at login
      }
    }
  }

  private static Client login(LoopbackAmiServer pbx) throws Exception {
    Client c = new Client(pbx.port());
    c.in.readLine();
    c.send("Action: Login", "Username: admin", "Secret: secret", "Events: on");
    assertThat(c.read().get("Response")).isEqualTo("Success");
    assertThat(c.read().get("Event")).isEqualTo("FullyBooted");
    return c;
  }

  private static List<String> eventsUntilEnd(Client c) throws Exception {
    List<String> out = new ArrayList<>();
    for (AmiMessage m = c.read(); !"UserEvent".equals(m.get("Event")); m = c.read()) out.add(m.get("Event"));
    return out;
  }

  private static List<String> names(List<AmiMessage> events) {
    return events.stream().map(m -> m.get("Event")).toList();
  }

  static Map<String, Object> attributes(AmiMessage m) {
    Map<String, Object> out = new HashMap<>();
    for (AmiMessage.Field f : m.fields()) out.putIfAbsent(f.key().toLowerCase(Locale.ROOT), f.value());
    return out;
  }
}
