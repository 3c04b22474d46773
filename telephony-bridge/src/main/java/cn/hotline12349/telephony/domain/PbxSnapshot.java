package cn.hotline12349.telephony.domain;

import java.time.Duration;
import java.util.List;

/** What the PBX reports as live right after a (re)connect: CoreShowChannels plus QueueStatus entries. */
public record PbxSnapshot(List<LiveChannel> channels, List<QueuedCaller> queued) {

  /** One CoreShowChannel item; {@code duration} is how long the channel has existed. */
  public record LiveChannel(String linkedid, String uniqueid, String channel, String callerNum, String exten,
      String application, String bridgeId, Duration duration) {}

  /** One QueueEntry item of QueueStatus. */
  public record QueuedCaller(String queue, int position, String uniqueid, String channel, String callerNum,
      int waitSeconds) {}

  public boolean isLive(String linkedid) {
    return channels.stream().anyMatch(c -> linkedid.equals(c.linkedid()));
  }
}
