package cn.hotline12349.telephony.loopback;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The loopback PBX's call detail records: what Asterisk's CDR engine with cdr_pgsql and scripts/asterisk's dialplan
 * would write into {@code pbx_cdr} for the events the PBX emits, whether or not a client heard them. Simplified to
 * one row per channel, handed to the sink at the channel's Hangup: start (Newchannel), answer and destination channel
 * (AgentConnect, the queue bridging the caller to an operator), end (Hangup), disposition ANSWERED (the intake
 * dialplan answers every call), and the CDR variables the dialplan sets: {@code hotline_queue} where Queue() is
 * entered (QueueCallerJoin here), {@code hotline_member} (MEMBERINTERFACE) and the HOTLINE_* variables copied by the
 * hangup handler.
 */
public final class SimulatedCdr {
  /** One row as cdr_pgsql writes it into pbx_cdr (the simulator knows the PBX, not the bridge's types). */
  public record Row(String linkedid, String uniqueid, String channel, String dstchannel, String src, String dst,
      String dcontext, Instant start, Instant answer, Instant end, String disposition, Integer sequence,
      String prefecture, String queue, String member, String unanswered, String recording, String language,
      String danger, String callback) {}

  private static final Map<String, String> VARIABLES = Map.of("HOTLINE_PREFECTURE", "prefecture",
      "HOTLINE_RECORDING", "recording", "HOTLINE_LANG", "language", "HOTLINE_DANGER", "danger",
      "HOTLINE_UNANSWERED", "unanswered", "HOTLINE_CALLBACK", "callback");

  private static final class Open {
    String uniqueid, linkedid, channel, dstchannel, src, dst, context, queue, member;
    Instant start, answer;
    final Map<String, String> vars = new HashMap<>();
  }

  private final Map<String, Open> open = new HashMap<>();
  private final Consumer<Row> sink;
  private int sequence;

  public SimulatedCdr(Consumer<Row> sink) {
    this.sink = sink;
  }

  synchronized void apply(AmiMessage e) {
    String type = e.get("Event");
    String uid = e.get("Uniqueid");
    if (type == null || uid == null) return;
    Instant at = Double.isNaN(e.timestamp()) ? Instant.now()
        : Instant.ofEpochSecond(0, Math.round(e.timestamp() * 1e9));
    if (type.equals("Newchannel")) {
      Open o = new Open();
      o.uniqueid = uid;
      o.linkedid = e.get("Linkedid");
      o.channel = e.get("Channel");
      o.src = e.get("CallerIDNum");
      o.dst = e.get("Exten");
      o.context = e.get("Context");
      o.start = at;
      open.put(uid, o);
      return;
    }
    Open o = open.get(uid);
    if (o == null) return;
    switch (type) {
      case "VarSet" -> {
        String key = VARIABLES.get(e.get("Variable"));
        if (key != null) o.vars.put(key, e.get("Value"));
      }
      case "QueueCallerJoin" -> o.queue = e.get("Queue");
      case "AgentConnect" -> {
        o.answer = at;
        o.dstchannel = e.get("DestChannel");
        o.member = e.get("Interface");
      }
      case "Hangup" -> {
        open.remove(uid);
        sink.accept(new Row(o.linkedid, o.uniqueid, o.channel, o.dstchannel, o.src, o.dst, o.context,
            o.start, o.answer == null ? o.start : o.answer, at, "ANSWERED", ++sequence, o.vars.get("prefecture"),
            o.queue, o.member, o.vars.get("unanswered"), o.vars.get("recording"), o.vars.get("language"),
            o.vars.get("danger"), o.vars.get("callback")));
      }
      default -> { }
    }
  }
}
