package cn.hotline12349.telephony.loopback;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The loopback PBX's call detail records: what Asterisk's CDR engine with cdr_pgsql and scripts/asterisk's dialplan
 * would write into {@code pbx_cdr} for the events the PBX emits, whether or not a client heard them. Simplified to
 * one row per channel, handed to the sink at the channel's Hangup, shaped like the rows a real Asterisk 20.20.1 wrote
 * (telephony-bridge RealPbxCdrTest, resources cdr/real/): times in whole seconds (cdr_pgsql's format); start
 * (Newchannel); answer = start for a caller, because the intake answers every call in the dialplan at once; dst
 * {@code s} and dcontext {@code hotline-intake} for a caller (where the dialplan sent it), the number dialled in
 * {@code hotline_dialled}; destination channel at AgentConnect and the operator's answer in {@code hotline_answered}
 * (epoch seconds, the queues' membergosub); end (Hangup), disposition ANSWERED; {@code hotline_queue} where Queue() is
 * entered (QueueCallerJoin here), {@code hotline_member} (MEMBERINTERFACE) and the HOTLINE_* variables copied by the
 * hangup handler.
 */
public final class SimulatedCdr {
  /** One row as cdr_pgsql writes it into pbx_cdr (the simulator knows the PBX, not the bridge's types). */
  public record Row(String linkedid, String uniqueid, String channel, String dstchannel, String src, String dst,
      String dcontext, Instant start, Instant answer, Instant end, String disposition, Integer sequence,
      String prefecture, String queue, String member, String unanswered, String recording, String language,
      String danger, String callback, String dialled, String answered) {}

  private static final Map<String, String> VARIABLES = Map.of("HOTLINE_PREFECTURE", "prefecture",
      "HOTLINE_RECORDING", "recording", "HOTLINE_LANG", "language", "HOTLINE_DANGER", "danger",
      "HOTLINE_UNANSWERED", "unanswered", "HOTLINE_CALLBACK", "callback");

  private static final class Open {
    String uniqueid, linkedid, channel, dstchannel, src, dst, context, queue, member, dialled;
    Instant start, answer, operatorAnswer;
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
    // cdr_pgsql writes '%Y-%m-%d %T': whole seconds
    Instant at = Double.isNaN(e.timestamp()) ? Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        : Instant.ofEpochSecond((long) Math.floor(e.timestamp()));
    if (type.equals("Newchannel")) {
      Open o = new Open();
      o.uniqueid = uid;
      o.linkedid = e.get("Linkedid");
      o.channel = e.get("Channel");
      o.src = e.get("CallerIDNum");
      o.dst = e.get("Exten");
      o.context = e.get("Context");
      if (uid.equals(o.linkedid)) { // the caller's channel began the call: the intake answers it at once
        o.dialled = o.dst;
        o.dst = "s";
        o.context = "hotline-intake";
        o.answer = at;
      }
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
        if (o.answer == null) o.answer = at;
        o.operatorAnswer = at;
        o.dstchannel = e.get("DestChannel");
        o.member = e.get("Interface");
      }
      case "Hangup" -> {
        open.remove(uid);
        sink.accept(new Row(o.linkedid, o.uniqueid, o.channel, o.dstchannel, o.src, o.dst, o.context,
            o.start, o.answer == null ? o.start : o.answer, at, "ANSWERED", ++sequence, o.vars.get("prefecture"),
            o.queue, o.member, o.vars.get("unanswered"), o.vars.get("recording"), o.vars.get("language"),
            o.vars.get("danger"), o.vars.get("callback"), o.dialled,
            o.operatorAnswer == null ? null : Long.toString(o.operatorAnswer.getEpochSecond())));
      }
      default -> { }
    }
  }
}
