package cn.hotline12349.telephony.domain;

import java.util.Set;

/** Channel variables shared by the dialplan, the intake AGI and the call tracker. */
public final class CallVariables {
  private CallVariables() {}

  public static final String PREFECTURE = "HOTLINE_PREFECTURE";
  public static final String QUEUE = "HOTLINE_QUEUE";
  public static final String PRIORITY = "HOTLINE_PRIORITY";
  public static final String LANGUAGE = "HOTLINE_LANG";
  public static final String DANGER = "HOTLINE_DANGER";
  public static final String RECORDING = "HOTLINE_RECORDING";
  public static final String CALLBACK = "HOTLINE_CALLBACK";
  public static final String INTAKE_RESULT = "INTAKE_RESULT";
  /** Set by the dialplan when nobody answered in time (its value is Queue()'s QUEUESTATUS): a callback is owed. */
  public static final String UNANSWERED = "HOTLINE_UNANSWERED";
  /** Set by the callback context's hangup handler: {@code <DIALSTATUS>:<ANSWEREDTIME seconds>} of the called party. */
  public static final String CALLBACK_RESULT = "HOTLINE_CALLBACK_RESULT";
  /** The number an outbound call dialled (the callback context sets it from its extension). */
  public static final String DIALLED = "HOTLINE_DIALLED";
  /** Set by the dialplan when a blind transfer moved the caller: {@code BLIND:<extension>}. */
  public static final String TRANSFER = "HOTLINE_TRANSFER";
  /**
   * Epoch seconds when a queue connected an operator (the queues' membergosub sets it on the caller): copied into the
   * CDR, and read with Getvar when a call is first seen at a resynchronization. Not in {@link #TRACKED}.
   */
  public static final String ANSWERED = "HOTLINE_ANSWERED";
  /** Night service decided by the intake AGI in the configured time zone (1/0). */
  public static final String NIGHT = "HOTLINE_NIGHT";

  /** The only VarSet events the bridge looks at; every other VarSet is dropped on the reader thread. */
  public static final Set<String> TRACKED = Set.of(PREFECTURE, QUEUE, PRIORITY, LANGUAGE, DANGER, RECORDING, CALLBACK,
      UNANSWERED, CALLBACK_RESULT, DIALLED, TRANSFER);
}
