package cn.hotline12349.telephony.domain;

import java.time.Instant;

/**
 * What the bridge learns from the PBX about one call (all channels sharing a Linkedid).
 * Adapters map AMI events to these; {@code at} is the PBX's event time when it sent one.
 */
public sealed interface CallSignal {
  String linkedid();

  Instant at();

  /** A channel of the call appeared; the caller's channel is the one whose uniqueid equals the linkedid. */
  record ChannelOpened(String linkedid, String uniqueid, String channel, String callerNum, String exten, Instant at)
      implements CallSignal {}

  /** The dialplan reached the intake AGI (IVR). */
  record IvrEntered(String linkedid, Instant at) implements CallSignal {}

  /** A channel variable the bridge cares about (see {@link CallVariables}). */
  record VariableSet(String linkedid, String uniqueid, String name, String value, Instant at) implements CallSignal {}

  record QueueJoined(String linkedid, String queue, int position, Instant at) implements CallSignal {}

  record AgentOffered(String linkedid, String queue, String memberInterface, String memberName, Instant at)
      implements CallSignal {}

  /** @param agentChannel the operator's channel (e.g. PJSIP/8001-00000005), for transfers; may be null */
  record AgentAnswered(String linkedid, String queue, String memberInterface, String memberName, int holdSeconds,
      Instant at, String agentChannel) implements CallSignal {
    public AgentAnswered(String linkedid, String queue, String memberInterface, String memberName, int holdSeconds,
        Instant at) {
      this(linkedid, queue, memberInterface, memberName, holdSeconds, at, null);
    }
  }

  /**
   * The end of an agent's call (AgentComplete): who took it and how long they talked, in whole seconds. Only used to
   * give back the answer of a call adopted after a reconnect, whose AgentConnect was lost with the link.
   */
  record AgentCompleted(String linkedid, String queue, String memberInterface, String memberName, int holdSeconds,
      int talkSeconds, Instant at) implements CallSignal {}

  record CallerAbandoned(String linkedid, String queue, int position, int holdSeconds, Instant at)
      implements CallSignal {}

  record Transferred(String linkedid, String kind, String target, Instant at) implements CallSignal {}

  record ChannelHungUp(String linkedid, String uniqueid, String channel, String callerNum, int cause,
      String causeText, Instant at) implements CallSignal {}

  /**
   * A channel of the call was put on hold or taken off it (AMI Hold/Unhold: Asterisk raises them when a phone sends a
   * hold re-INVITE; AMI itself has no action to hold a PJSIP call).
   */
  record HoldChanged(String linkedid, String channel, boolean held, Instant at) implements CallSignal {}

  /** The console asked the PBX to hang the call up (AMI Hangup accepted); the end itself comes as ChannelHungUp. */
  record HangupRequested(String linkedid, String byUsername, Instant at) implements CallSignal {}
}
