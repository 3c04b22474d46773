package cn.hotline12349.telephony;

import cn.hotline12349.telephony.domain.CallState;
import java.util.Locale;

/** Owns the {@code hotline.call.*} event-bus addresses (and the operator screen-pop address). */
public final class CallEvents {
  private CallEvents() {}

  /** The family: every address below but the operator channel starts with it. */
  public static final String PREFIX = "hotline.call.";
  /** Every change of a call record: body = call JSON (see CallJson). */
  public static final String CHANGED = PREFIX + "changed";
  /** Queue member (operator) state changes: {queue, interface, username, availability, paused, reason}. */
  public static final String AGENT = PREFIX + "agent";
  /** Callback attempts and outcomes: {callbackId, linkedid, ticketId, status, ...}. */
  public static final String CALLBACK = PREFIX + "callback";
  /** PBX link status changes: {status, detail}. */
  public static final String PBX_STATUS = PREFIX + "pbx";
  /** Per-operator UI channel; the bridge publishes screen-pops here. */
  public static final String OPERATOR_UI_PREFIX = "hotline.ui.operator.";

  /** hotline.call.ringing, .ivr, .queued, .offered, .answered, .transferred, .ended, .abandoned */
  public static String state(CallState state) {
    return PREFIX + state.name().toLowerCase(Locale.ROOT);
  }

  public static String operator(String username) {
    return OPERATOR_UI_PREFIX + username;
  }
}
