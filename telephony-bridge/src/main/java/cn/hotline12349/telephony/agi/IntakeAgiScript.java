package cn.hotline12349.telephony.agi;

import cn.hotline12349.telephony.domain.CallVariables;
import cn.hotline12349.telephony.domain.IntakeRouting;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake step of the dialplan (agi://host:4573/intake). One instance serves all calls
 * concurrently: it keeps no per-call fields, only the immutable routing. It plays the language
 * menu and the "someone is in danger now" prompt, decides the prefecture and queue, and sets the
 * channel variables the dialplan uses (HOTLINE_QUEUE, HOTLINE_PRIORITY, ...). The dialplan sets
 * defaults first, so a failed or slow AGI still queues the call.
 */
public final class IntakeAgiScript implements AgiScript {
  public static final String LANGUAGE_PROMPT = "hotline/choose-language";
  public static final String DANGER_PROMPT = "hotline/danger-now";
  private static final Logger log = LoggerFactory.getLogger(IntakeAgiScript.class);

  private final IntakeRouting routing;
  private final long digitTimeoutMs;

  public IntakeAgiScript(IntakeRouting routing, long digitTimeoutMs) {
    this.routing = routing;
    this.digitTimeoutMs = digitTimeoutMs;
  }

  @Override
  public void service(AgiRequest request, AgiChannel channel) throws AgiException {
    // The prefecture first (trunk, DID, area code need no key): a caller who hangs up during the menu is then on
    // their own prefecture's abandoned list, not the province's (the dialplan's default).
    IntakeRouting.Decision first = routing.decide(new IntakeRouting.Request(request.getChannel(), request.getDnid(),
        request.getCallerIdNumber(), null, null));
    channel.setVariable(CallVariables.PREFECTURE, first.prefecture());
    String language;
    String danger;
    try {
      language = key(channel, LANGUAGE_PROMPT);
      // No key at all: the caller may be unable to speak or press keys; route now rather than ask a second question.
      danger = language == null ? null : key(channel, DANGER_PROMPT);
    } catch (AgiHangupException e) {
      log.info("intake {}: caller hung up in the IVR", request.getUniqueId()); // the bridge lists it as abandoned
      return;
    }
    IntakeRouting.Decision d = routing.decide(new IntakeRouting.Request(request.getChannel(), request.getDnid(),
        request.getCallerIdNumber(), language, danger));
    channel.setVariable(CallVariables.PREFECTURE, d.prefecture());
    channel.setVariable(CallVariables.QUEUE, d.queue());
    channel.setVariable(CallVariables.PRIORITY, Integer.toString(d.priority()));
    channel.setVariable(CallVariables.LANGUAGE, d.language());
    channel.setVariable(CallVariables.DANGER, d.danger() ? "1" : "0");
    channel.setVariable(CallVariables.NIGHT, d.night() ? "1" : "0");
    channel.setVariable(CallVariables.INTAKE_RESULT, "ok");
    log.info("intake {}: prefecture {} by {}, queue {}, language {}, danger {}, night {}", request.getUniqueId(),
        d.prefecture(), d.source(), d.queue(), d.language(), d.danger(), d.night());
  }

  /**
   * One key after a prompt. Asterisk answers GET DATA with -1 at once when the prompt file is missing (a real
   * Asterisk 20 without the project's recorded prompts did so): the key is then waited for without a prompt, so the
   * caller still gets the full timeout and keys still count.
   */
  private String key(AgiChannel channel, String prompt) throws AgiException {
    String data = channel.getData(prompt, digitTimeoutMs, 1);
    if (data != null && data.startsWith("-")) {
      char c = channel.waitForDigit((int) digitTimeoutMs);
      return c == 0 ? null : String.valueOf(c);
    }
    return firstDigit(data);
  }

  private static String firstDigit(String data) {
    if (data == null || data.isEmpty() || "timeout".equalsIgnoreCase(data)) return null;
    return data.substring(0, 1);
  }
}
