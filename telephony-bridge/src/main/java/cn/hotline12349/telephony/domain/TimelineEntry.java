package cn.hotline12349.telephony.domain;

import java.time.Instant;

/**
 * One fact in a call's life. {@code at} is null when the time is unknown (e.g. a call that
 * ended while the bridge was disconnected from the PBX). Identity is the whole record, so a
 * duplicated AMI event yields an equal entry and is stored once.
 */
public record TimelineEntry(String type, Instant at, String detail) {
  public static final String STARTED = "STARTED";
  public static final String IVR = "IVR";
  public static final String INTAKE = "INTAKE";
  public static final String QUEUED = "QUEUED";
  public static final String OFFERED = "OFFERED";
  public static final String ANSWERED = "ANSWERED";
  public static final String TRANSFERRED = "TRANSFERRED";
  public static final String ABANDONED = "ABANDONED";
  public static final String ENDED = "ENDED";
  public static final String RECORDING = "RECORDING";
  public static final String SEEN_AFTER_RECONNECT = "SEEN_AFTER_RECONNECT";
  /** A call rebuilt from the PBX's call detail records (no bridge saw it live): {@link CdrCalls}. */
  public static final String FROM_PBX_CDR = "FROM_PBX_CDR";
  /** Put on hold / taken off hold by a phone (AMI Hold/Unhold); detail: the channel. */
  public static final String HELD = "HELD";
  public static final String UNHELD = "UNHELD";
  /** Hung up from the console (POST /api/calls/{linkedid}/hangup); detail "by &lt;username&gt;". */
  public static final String HANGUP_REQUESTED = "HANGUP_REQUESTED";

  public String key() {
    return type + '|' + (at == null ? "" : at.toString()) + '|' + (detail == null ? "" : detail);
  }
}
