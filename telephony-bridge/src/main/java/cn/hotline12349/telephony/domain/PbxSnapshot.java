package cn.hotline12349.telephony.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the PBX reports as live right after a (re)connect: CoreShowChannels plus QueueStatus entries. */
public record PbxSnapshot(List<LiveChannel> channels, List<QueuedCaller> queued) {

  /**
   * One CoreShowChannel item; {@code duration} is how long the channel has existed; {@code variables}: for the caller's
   * channel of a call the bridge did not know, what Getvar read of {@link #CALLER_VARIABLES} (unset ones left out).
   */
  public record LiveChannel(String linkedid, String uniqueid, String channel, String callerNum, String exten,
      String application, String bridgeId, Duration duration, Map<String, String> variables) {
    public LiveChannel(String linkedid, String uniqueid, String channel, String callerNum, String exten,
        String application, String bridgeId, Duration duration) {
      this(linkedid, uniqueid, channel, callerNum, exten, application, bridgeId, duration, Map.of());
    }

    public LiveChannel withVariables(Map<String, String> vars) {
      return new LiveChannel(linkedid, uniqueid, channel, callerNum, exten, application, bridgeId, duration,
          Map.copyOf(vars));
    }
  }

  /** app_queue's variables on the caller's channel once a queue connected it (queues.conf setqueuevar, setinterfacevar). */
  public static final String QUEUENAME = "QUEUENAME";
  public static final String QUEUEPOSITION = "QUEUEPOSITION";
  public static final String MEMBERINTERFACE = "MEMBERINTERFACE";
  public static final String MEMBERNAME = "MEMBERNAME";

  /**
   * What a call first seen at a resynchronization lost with the AMI events nobody heard: the queue it was connected from
   * and its position (app_queue), the operator and the answer time (the queues' membergosub sets HOTLINE_ANSWERED), and
   * the intake's variables. A caller still waiting is in QueueStatus's QueueEntry instead.
   */
  public static final List<String> CALLER_VARIABLES = List.of(QUEUENAME, QUEUEPOSITION, MEMBERINTERFACE, MEMBERNAME,
      CallVariables.ANSWERED, CallVariables.PREFECTURE, CallVariables.PRIORITY, CallVariables.LANGUAGE,
      CallVariables.DANGER, CallVariables.RECORDING, CallVariables.CALLBACK, CallVariables.DIALLED);

  /** One QueueEntry item of QueueStatus. */
  public record QueuedCaller(String queue, int position, String uniqueid, String channel, String callerNum,
      int waitSeconds) {}

  public boolean isLive(String linkedid) {
    return channels.stream().anyMatch(c -> linkedid.equals(c.linkedid()));
  }
}
