package cn.hotline12349.telephony;

import cn.hotline12349.core.async.Loops;
import cn.hotline12349.telephony.ami.AmiClient;
import cn.hotline12349.telephony.domain.AgentSignal;
import cn.hotline12349.telephony.domain.PbxSnapshot;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.GetVarResponse;

/** After a (re)connect: asks the PBX what is live (CoreShowChannels, QueueStatus) since AMI keeps no backlog. */
final class Resync {
  record Result(PbxSnapshot pbx, List<AgentSignal> members) {}

  private Resync() {}

  static Future<Result> run(AmiClient ami) {
    return run(ami, linkedid -> true);
  }

  /**
   * AMI actions the adoption keeps in flight at most. Each holds one of Vert.x's 20 worker threads until answered
   * (AmiClient.send): unbounded, 300 adopted calls' 3,600 Getvar held all 20 for the whole adoption and every other
   * blocking task of the node (an operator's queue login, a callback) waited up to 0.74 s behind them. With 8 the
   * adoption is about as fast (a few in flight hide the round trip; Asterisk runs one session's actions one after the
   * other anyway) and 12 workers stay free (docs/BENCHMARKS.md "Take-over adoption").
   */
  static final int GETVAR_IN_FLIGHT = 8;
  /** System property overriding {@link #GETVAR_IN_FLIGHT} (the benchmark's before/after comparison, scripts/bench/takeover). */
  static final String GETVAR_IN_FLIGHT_PROPERTY = "hotline.ami.getvarInFlight";

  static int getvarInFlight() {
    return Math.max(1, Integer.getInteger(GETVAR_IN_FLIGHT_PROPERTY, GETVAR_IN_FLIGHT));
  }

  /**
   * @param known whether the bridge already has a call (then its events told us everything); for the caller's channel
   *     of every other call, the variables that the lost events carried are read with Getvar
   *     ({@link PbxSnapshot#CALLER_VARIABLES}: one action each, {@link #GETVAR_IN_FLIGHT} at a time, only for calls
   *     first seen now)
   */
  static Future<Result> run(AmiClient ami, Predicate<String> known) {
    return ami.list(new CoreShowChannelsAction())
        .compose(channels -> ami.list(new QueueStatusAction()).map(queue -> build(channels, queue)))
        .compose(r -> {
          List<PbxSnapshot.LiveChannel> channels = r.pbx().channels();
          List<Getvar> reads = new ArrayList<>();
          for (int i = 0; i < channels.size(); i++) {
            PbxSnapshot.LiveChannel c = channels.get(i);
            if (c.uniqueid() != null && c.uniqueid().equals(c.linkedid()) && !known.test(c.linkedid())) {
              for (String v : PbxSnapshot.CALLER_VARIABLES) reads.add(new Getvar(i, c.channel(), v));
            }
          }
          return Loops.forEach(reads, getvarInFlight(), g -> getvar(ami, g)).map(x -> {
            List<Map<String, String>> vars = new ArrayList<>();
            for (int i = 0; i < channels.size(); i++) vars.add(new LinkedHashMap<>());
            for (Getvar g : reads) {
              if (g.value != null && !g.value.isBlank()) vars.get(g.channelIndex).put(g.variable, g.value.strip());
            }
            List<PbxSnapshot.LiveChannel> read = new ArrayList<>();
            for (int i = 0; i < channels.size(); i++) {
              read.add(vars.get(i).isEmpty() ? channels.get(i) : channels.get(i).withVariables(vars.get(i)));
            }
            return new Result(new PbxSnapshot(read, r.pbx().queued()), r.members());
          });
        });
  }

  /** One variable of one caller channel; {@code value} once read. */
  private static final class Getvar {
    final int channelIndex;
    final String channel;
    final String variable;
    volatile String value;

    Getvar(int channelIndex, String channel, String variable) {
      this.channelIndex = channelIndex;
      this.channel = channel;
      this.variable = variable;
    }
  }

  /** A channel gone meanwhile, or an error, reads as unset. */
  private static Future<Void> getvar(AmiClient ami, Getvar g) {
    return ami.send(new GetVarAction(g.channel, g.variable))
        .map(r -> r instanceof GetVarResponse gr ? gr.getValue() : r.getAttribute("Value"))
        .otherwise((String) null)
        .map(value -> {
          g.value = value;
          return (Void) null;
        });
  }

  static Result build(List<ResponseEvent> channelItems, List<ResponseEvent> queueItems) {
    List<PbxSnapshot.LiveChannel> channels = new ArrayList<>();
    for (ResponseEvent e : channelItems) {
      if (e instanceof CoreShowChannelEvent c) {
        channels.add(new PbxSnapshot.LiveChannel(c.getLinkedid(), c.getUniqueid(), c.getChannel(), c.getCallerIdNum(),
            c.getExten(), c.getApplication(), c.getBridgeid(), duration(c.getDuration())));
      }
    }
    List<PbxSnapshot.QueuedCaller> queued = new ArrayList<>();
    List<AgentSignal> members = new ArrayList<>();
    for (ResponseEvent e : queueItems) {
      if (e instanceof QueueEntryEvent q) {
        queued.add(new PbxSnapshot.QueuedCaller(q.getQueue(), q.getPosition() == null ? 0 : q.getPosition(),
            q.getUniqueId(), q.getChannel(), q.getCallerIdNum(), q.getWait() == null ? 0 : q.getWait().intValue()));
      } else if (e instanceof QueueMemberEvent m) {
        members.add(new AgentSignal(m.getQueue(), m.getInterface(), m.getMemberName() != null ? m.getMemberName() : m.getName(),
            true, m.getStatus() == null ? 0 : m.getStatus(), Boolean.TRUE.equals(m.getPaused()), m.getPausedreason(),
            m.getIncall() != null && m.getIncall() > 0, Instant.now()));
      }
    }
    return new Result(new PbxSnapshot(channels, queued), members);
  }

  /** CoreShowChannel Duration is HH:MM:SS. */
  static Duration duration(String hms) {
    if (hms == null || hms.isBlank()) return null;
    String[] p = hms.trim().split(":");
    try {
      long s = 0;
      for (String part : p) s = s * 60 + Long.parseLong(part);
      return Duration.ofSeconds(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
