package cn.hotline12349.telephony.loopback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the loopback PBX believes is live, kept up to date from every event it emits (also the ones
 * no client received), so CoreShowChannels and QueueStatus after a reconnect tell the truth.
 */
final class PbxModel {
  record Member(String queue, String name, String iface, boolean paused, String reason, int status) {}

  private final Map<String, AmiMessage> channels = new LinkedHashMap<>();
  private final Map<String, AmiMessage> queueEntries = new LinkedHashMap<>();
  private final Map<String, Double> channelStart = new LinkedHashMap<>();
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Map<String, String> bridgeOf = new LinkedHashMap<>();
  private final Map<String, String> appOf = new LinkedHashMap<>();
  /** Channel variables by Uniqueid, as Getvar reads them: VarSet values and what app_queue sets on the caller. */
  private final Map<String, Map<String, String>> variables = new LinkedHashMap<>();
  private double lastTimestamp = Double.NaN;

  synchronized void apply(AmiMessage e) {
    String type = e.get("Event");
    if (type == null) return;
    if (!Double.isNaN(e.timestamp())) lastTimestamp = e.timestamp();
    String uid = e.get("Uniqueid");
    switch (type) {
      case "VarSet" -> var(uid, e.get("Variable"), e.get("Value"));
      case "AgentConnect" -> { // app_queue (setinterfacevar, setqueuevar) and the queues' membergosub (HOTLINE_ANSWERED)
        var(uid, "MEMBERINTERFACE", e.get("Interface"));
        var(uid, "MEMBERNAME", e.get("MemberName"));
        var(uid, "QUEUENAME", e.get("Queue"));
        if (!Double.isNaN(e.timestamp())) var(uid, "HOTLINE_ANSWERED", Long.toString((long) Math.floor(e.timestamp())));
      }
      case "Newchannel" -> {
        channels.put(uid, e);
        channelStart.put(uid, e.timestamp());
      }
      case "Newstate", "NewCallerid", "NewConnectedLine" -> {
        if (channels.containsKey(uid)) channels.put(uid, e);
      }
      case "Newexten" -> appOf.put(uid, e.get("Application"));
      case "BridgeEnter" -> bridgeOf.put(uid, e.get("BridgeUniqueid"));
      case "BridgeLeave" -> bridgeOf.remove(uid);
      case "Hangup" -> {
        channels.remove(uid);
        channelStart.remove(uid);
        bridgeOf.remove(uid);
        appOf.remove(uid);
        queueEntries.remove(uid);
        variables.remove(uid);
      }
      case "QueueCallerJoin" -> queueEntries.put(uid, e);
      case "QueueCallerLeave", "QueueCallerAbandon" -> {
        queueEntries.remove(uid);
        var(uid, "QUEUEPOSITION", e.get("Position")); // app_queue: the position the caller left the queue from
      }
      case "QueueMemberAdded", "QueueMemberStatus", "QueueMemberPause" -> members.put(
          e.get("Queue") + "/" + e.get("Interface"),
          new Member(e.get("Queue"), e.get("MemberName"), e.get("Interface"), "1".equals(e.get("Paused")),
              e.get("PausedReason"), parseInt(e.get("Status"), 1)));
      case "QueueMemberRemoved" -> members.remove(e.get("Queue") + "/" + e.get("Interface"));
      default -> { }
    }
  }

  /** A PBX restart: channels and queue entries are gone; dynamic members come back (persistentmembers). */
  synchronized void restart() {
    channels.clear();
    queueEntries.clear();
    channelStart.clear();
    bridgeOf.clear();
    appOf.clear();
    variables.clear();
  }

  private void var(String uid, String name, String value) {
    if (uid == null || name == null || value == null) return;
    variables.computeIfAbsent(uid, k -> new LinkedHashMap<>()).put(name, value);
  }

  /**
   * AMI Getvar on a live channel: its variable's value ("" when unset, as Asterisk answers), or null when no channel has
   * that name ("No such channel").
   */
  synchronized String getvar(String channel, String name) {
    for (var en : channels.entrySet()) {
      if (channel == null || !channel.equals(en.getValue().get("Channel"))) continue;
      return variables.getOrDefault(en.getKey(), Map.of()).getOrDefault(name, "");
    }
    return null;
  }

  synchronized void putMember(Member m) {
    members.put(m.queue() + "/" + m.iface(), m);
  }

  synchronized Member member(String queue, String iface) {
    return members.get(queue + "/" + iface);
  }

  synchronized List<Member> members() {
    return new ArrayList<>(members.values());
  }

  /** The live channel's last Newchannel/Newstate-like event by channel name, or null. */
  synchronized AmiMessage channelNamed(String name) {
    for (AmiMessage c : channels.values()) if (name != null && name.equals(c.get("Channel"))) return c;
    return null;
  }

  /** The live channels of one call (sharing a Linkedid), the caller's (uniqueid = linkedid) first. */
  synchronized List<AmiMessage> channelsOf(String linkedid) {
    List<AmiMessage> out = new ArrayList<>();
    for (var en : channels.entrySet()) {
      if (!linkedid.equals(en.getValue().get("Linkedid"))) continue;
      if (en.getKey().equals(linkedid)) out.add(0, en.getValue());
      else out.add(en.getValue());
    }
    return out;
  }

  /** CoreShowChannel items (without ActionID). */
  synchronized List<AmiMessage> coreShowChannels() {
    List<AmiMessage> out = new ArrayList<>();
    for (var en : channels.entrySet()) {
      AmiMessage c = en.getValue();
      long secs = Double.isNaN(lastTimestamp) ? 0 : Math.max(0, Math.round(lastTimestamp - channelStart.get(en.getKey())));
      out.add(AmiMessage.of("Event", "CoreShowChannel", "Channel", c.get("Channel"),
          "ChannelState", c.get("ChannelState"), "ChannelStateDesc", c.get("ChannelStateDesc"),
          "CallerIDNum", c.get("CallerIDNum"), "CallerIDName", c.get("CallerIDName"),
          "ConnectedLineNum", nz(c.get("ConnectedLineNum")), "ConnectedLineName", nz(c.get("ConnectedLineName")),
          "Language", "en", "AccountCode", "", "Context", c.get("Context"), "Exten", c.get("Exten"),
          "Priority", c.get("Priority"), "Uniqueid", en.getKey(), "Linkedid", c.get("Linkedid"),
          "Application", nz(appOf.get(en.getKey())), "ApplicationData", "",
          "Duration", String.format("%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60),
          "BridgeId", nz(bridgeOf.get(en.getKey()))));
    }
    return out;
  }

  /** QueueEntry items (without ActionID) for one queue, or all queues when queue is null. */
  synchronized List<AmiMessage> queueEntries(String queue) {
    List<AmiMessage> out = new ArrayList<>();
    for (AmiMessage j : queueEntries.values()) {
      if (queue != null && !queue.equals(j.get("Queue"))) continue;
      long wait = Double.isNaN(lastTimestamp) ? 0 : Math.round(lastTimestamp - j.timestamp());
      out.add(AmiMessage.of("Event", "QueueEntry", "Queue", j.get("Queue"), "Position", j.get("Position"),
          "Channel", j.get("Channel"), "Uniqueid", j.get("Uniqueid"), "CallerIDNum", j.get("CallerIDNum"),
          "CallerIDName", j.get("CallerIDName"), "ConnectedLineNum", "unknown", "ConnectedLineName", "unknown",
          "Wait", Long.toString(Math.max(0, wait)), "Priority", "0"));
    }
    return out;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static int parseInt(String s, int dflt) {
    try {
      return s == null ? dflt : Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return dflt;
    }
  }
}
