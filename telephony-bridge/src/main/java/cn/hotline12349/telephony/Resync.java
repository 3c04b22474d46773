package cn.hotline12349.telephony;

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
   * @param known whether the bridge already has a call (then its events told us everything); for the caller's channel
   *     of every other call, the variables that the lost events carried are read with Getvar
   *     ({@link PbxSnapshot#CALLER_VARIABLES}: one action each, in parallel, only for calls first seen now)
   */
  static Future<Result> run(AmiClient ami, Predicate<String> known) {
    return ami.list(new CoreShowChannelsAction())
        .compose(channels -> ami.list(new QueueStatusAction()).map(queue -> build(channels, queue)))
        .compose(r -> {
          List<Future<PbxSnapshot.LiveChannel>> read = r.pbx().channels().stream()
              .map(c -> c.uniqueid() != null && c.uniqueid().equals(c.linkedid()) && !known.test(c.linkedid())
                  ? variables(ami, c) : Future.succeededFuture(c))
              .toList();
          return Future.join(read).map(x -> new Result(new PbxSnapshot(read.stream().map(Future::result).toList(),
              r.pbx().queued()), r.members()));
        });
  }

  /** The caller channel's {@link PbxSnapshot#CALLER_VARIABLES}; a channel gone meanwhile, or an error, reads as unset. */
  private static Future<PbxSnapshot.LiveChannel> variables(AmiClient ami, PbxSnapshot.LiveChannel c) {
    List<Future<String>> values = PbxSnapshot.CALLER_VARIABLES.stream()
        .map(v -> ami.send(new GetVarAction(c.channel(), v)).map(r -> r instanceof GetVarResponse g ? g.getValue() : r.getAttribute("Value")).otherwise((String) null))
        .toList();
    return Future.join(values).map(x -> {
      Map<String, String> vars = new LinkedHashMap<>();
      for (int i = 0; i < values.size(); i++) {
        String value = values.get(i).result();
        if (value != null && !value.isBlank()) vars.put(PbxSnapshot.CALLER_VARIABLES.get(i), value.strip());
      }
      return c.withVariables(vars);
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
