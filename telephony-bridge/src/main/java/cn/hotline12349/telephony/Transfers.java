package cn.hotline12349.telephony;

import cn.hotline12349.core.domain.PhoneNumber;
import cn.hotline12349.telephony.ami.AmiClient;
import cn.hotline12349.telephony.domain.PbxMapping;
import io.vertx.core.Future;
import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.RedirectAction;

/**
 * Transfers from the console, into the dialplan contexts {@value #CONTEXT} / {@value #ATTENDED_CONTEXT}
 * (scripts/asterisk/extensions.conf): another
 * operator's or a supervisor's phone (by username, from pbx-mapping.yaml) or an outside number (a county duty phone,
 * dialled on TRUNK_OUT). BLIND redirects the caller's channel there (the operator leaves the call at once); ATTENDED
 * starts Asterisk's attended transfer from the operator's channel (they talk to the target first and complete it by
 * hanging up; Asterisk then reports AttendedTransfer).
 */
public final class Transfers {
  public static final String CONTEXT = "hotline-transfer";
  public static final String ATTENDED_CONTEXT = "hotline-transfer-attended";

  public enum Kind { BLIND, ATTENDED }

  /** Where to: a user's phone, or an outside number. */
  public record Target(String username, String number) {}

  private final AmiClient ami;
  private final PbxMapping mapping;

  Transfers(AmiClient ami, PbxMapping mapping) {
    this.ami = ami;
    this.mapping = mapping;
  }

  /** The dialplan extension for a target: the phone's extension ("PJSIP/8002" -> 8002) or the normalized number. */
  public String extension(Target t) {
    if (t.username() != null) {
      String phone = mapping.phoneOf(t.username()).orElseThrow(() ->
          new CallRefused(CallRefused.Reason.NO_EXTENSION, "the target user has no phone in pbx-mapping.yaml"));
      return phone.substring(phone.indexOf('/') + 1);
    }
    return PhoneNumber.parse(t.number()).flatMap(PhoneNumber::dialable).orElseThrow(() ->
        new CallRefused(CallRefused.Reason.NOT_DIALABLE, "the number cannot be dialled"));
  }

  /**
   * @param callerChannel the caller's channel (BLIND moves it)
   * @param agentChannel the operator's channel (ATTENDED starts from it)
   */
  Future<Void> send(Kind kind, String exten, String callerChannel, String agentChannel) {
    ManagerAction a;
    if (kind == Kind.BLIND) {
      if (callerChannel == null) return Future.failedFuture(new CallRefused(CallRefused.Reason.NOT_TRANSFERABLE, "caller channel unknown"));
      a = new RedirectAction(callerChannel, CONTEXT, exten, 1);
    } else {
      if (agentChannel == null) return Future.failedFuture(new CallRefused(CallRefused.Reason.NOT_TRANSFERABLE, "operator channel unknown"));
      a = new AtxferAction(agentChannel, ATTENDED_CONTEXT, exten, 1);
    }
    return ami.send(a).mapEmpty();
  }
}
