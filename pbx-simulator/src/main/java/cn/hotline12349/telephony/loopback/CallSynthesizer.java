package cn.hotline12349.telephony.loopback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes N realistic calls from the recorded event sequence of one answered call: ids, channel
 * names, caller number, queue and answering member are rewritten, the timestamps shifted so calls
 * overlap as on a busy day. Events without a Linkedid (device state) are left out.
 */
public final class CallSynthesizer {
  private static final Pattern UNIQUE = Pattern.compile("\\d{10}\\.\\d+");
  private static final Pattern SIPP_CHANNEL = Pattern.compile("PJSIP/sipp-[0-9a-f]{8}");
  private static final Pattern LOCAL_CHANNEL = Pattern.compile("Local/(\\d+)@queue-agents-[0-9a-f]{8}");
  private static final Pattern LOCAL_IFACE = Pattern.compile("Local/1001@queue-agents");

  /** @param prefecture if not null, the intake VarSets (as the AGI would set them) are added before the queue join */
  public record Spec(String callerNumber, String queue, String memberExtension, String prefecture,
      double extraWaitSeconds, double extraTalkSeconds) {
    public Spec(String callerNumber, String queue, String memberExtension, String prefecture) {
      this(callerNumber, queue, memberExtension, prefecture, 0, 0);
    }
  }

  private final List<AmiMessage> template;
  private final double templateStart;

  /** @param recorded the events of a transcript; the first call's Linkedid is used as the template */
  public CallSynthesizer(List<AmiMessage> recorded) {
    String first = recorded.stream().filter(m -> m.isEvent("Newchannel")).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Newchannel in template")).get("Linkedid");
    this.template = recorded.stream().filter(m -> first.equals(m.get("Linkedid"))).toList();
    this.templateStart = template.get(0).timestamp();
  }

  public List<AmiMessage> template() {
    return template;
  }

  /** Call i starts {@code spacingSeconds * i} after {@code startEpochSeconds}; result is in time order. */
  public List<AmiMessage> synthesize(List<Spec> specs, double startEpochSeconds, double spacingSeconds) {
    return synthesize(specs, startEpochSeconds, spacingSeconds, 0);
  }

  /** @param firstIndex number of the first call, so that separately synthesized batches get distinct ids and channels */
  public List<AmiMessage> synthesize(List<Spec> specs, double startEpochSeconds, double spacingSeconds, int firstIndex) {
    List<AmiMessage> all = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Spec spec = specs.get(i);
      int index = firstIndex + i;
      double offset = startEpochSeconds + i * spacingSeconds - templateStart;
      Map<String, String> ids = new HashMap<>();
      long base = (long) (startEpochSeconds + i * spacingSeconds);
      double stretch = 0;
      for (AmiMessage m : template) {
        AmiMessage r = m.mapValues(f -> new AmiMessage.Field(f.key(), rewrite(f, spec, index, ids, base)));
        double shift = offset + stretch;
        // app_queue's own variables name the queue and member too (Getvar reads them at a resynchronization)
        if (m.isEvent("VarSet") && "QUEUENAME".equals(m.get("Variable"))) r = r.with("Value", spec.queue());
        if (m.isEvent("VarSet") && "MEMBERNAME".equals(m.get("Variable"))) r = r.with("Value", "Ext " + spec.memberExtension());
        if (!Double.isNaN(m.timestamp())) r = r.with("Timestamp", String.format(Locale.ROOT, "%.6f", m.timestamp() + shift));
        if (spec.prefecture() != null && m.isEvent("QueueCallerJoin")) all.addAll(intakeVars(r, spec));
        all.add(r);
        // stretch the recorded call (0.3 s of talk) into a believable one: wait after joining, talk after connect
        if (m.isEvent("QueueCallerJoin")) stretch += spec.extraWaitSeconds();
        if (m.isEvent("AgentConnect")) stretch += spec.extraTalkSeconds();
      }
    }
    all.sort(Comparator.comparingDouble(AmiMessage::timestamp));
    return all;
  }

  private static List<AmiMessage> intakeVars(AmiMessage join, Spec spec) {
    String ts = String.format(Locale.ROOT, "%.6f", join.timestamp() - 0.000100);
    String rec = "hotline-" + spec.prefecture() + "-" + join.get("Uniqueid") + ".wav";
    List<AmiMessage> out = new ArrayList<>();
    String[][] vars = {{"HOTLINE_PREFECTURE", spec.prefecture()}, {"HOTLINE_QUEUE", spec.queue()},
        {"HOTLINE_LANG", "zh"}, {"HOTLINE_PRIORITY", "0"}, {"HOTLINE_DANGER", "0"}, {"HOTLINE_RECORDING", rec}};
    for (String[] v : vars) {
      out.add(AmiMessage.of("Event", "VarSet", "Privilege", "dialplan,all", "Timestamp", ts, "Channel", join.get("Channel"),
          "CallerIDNum", join.get("CallerIDNum"), "Uniqueid", join.get("Uniqueid"), "Linkedid", join.get("Linkedid"),
          "Variable", v[0], "Value", v[1]));
    }
    return out;
  }

  private static String rewrite(AmiMessage.Field f, Spec spec, int callIndex, Map<String, String> ids, long base) {
    String v = f.value();
    if (v == null || v.isEmpty()) return v;
    switch (f.key()) {
      case "CallerIDNum", "CallerIDName", "ConnectedLineNum", "ConnectedLineName", "DestCallerIDNum",
          "DestCallerIDName", "DestConnectedLineNum", "DestConnectedLineName" -> {
        return "sipp".equals(v) ? spec.callerNumber() : v;
      }
      case "Queue" -> {
        return spec.queue();
      }
      case "MemberName" -> {
        return "Ext " + spec.memberExtension();
      }
      default -> { }
    }
    String key = f.key().toLowerCase(Locale.ROOT);
    Matcher u = UNIQUE.matcher(v);
    if ((key.endsWith("uniqueid") || key.endsWith("linkedid")) && u.matches()) return ids.computeIfAbsent(v, k -> base + "." + (callIndex * 10 + ids.size()));
    String out = SIPP_CHANNEL.matcher(v).replaceAll(String.format("PJSIP/trunk-%08x", callIndex));
    out = LOCAL_CHANNEL.matcher(out).replaceAll("Local/" + spec.memberExtension() + "@queue-agents-"
        + String.format("%08x", callIndex));
    out = LOCAL_IFACE.matcher(out).replaceAll("Local/" + spec.memberExtension() + "@queue-agents");
    return out.replace("\"sipp\" <sipp>", "\"" + spec.callerNumber() + "\" <" + spec.callerNumber() + ">");
  }
}
