package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.risk.RiskQuestion;
import cn.hotline12349.core.intake.Rule.Signal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Risk-check answers the notes make clear, with the phrase that shows it: only "yes" is ever pre-filled, and only
 * from a phrase that is neither negated nor hypothetical (没有受伤 pre-fills nothing). Questions the text cannot
 * settle (does the abuser have access now?) are left to the operator.
 */
final class RiskHints {
  private RiskHints() {}

  private static final Pattern INJURY = Pattern.compile("受伤|受了伤|伤得|流血|出血|满脸(是)?血|骨折|昏迷|昏过去|晕过去|"
      + "不省人事|烫伤|烧伤|送(去)?医院|要缝针|缝了|头破|打破了头|伤口");
  private static final Pattern ONGOING = Pattern.compile("刚才|刚刚|正在|现在|此刻|还在|救命|快来");

  static Map<RiskQuestion, String> of(IntakeText t, Set<Signal> signals, Map<Signal, String> phrases, Integer age) {
    Map<RiskQuestion, String> hints = new EnumMap<>(RiskQuestion.class);
    if (signals.contains(Signal.SUICIDE)) hints.put(RiskQuestion.SUICIDE_SELF_HARM, phrases.get(Signal.SUICIDE));
    if (signals.contains(Signal.VIOLENCE) || signals.contains(Signal.TRAFFICKING) || signals.contains(Signal.SEXUAL)) {
      String now = find(t, SeverityRules.NOW);
      if (now == null) now = find(t, ONGOING);
      if (now != null) hints.put(RiskQuestion.IN_DANGER_NOW, now);
    }
    String injury = find(t, INJURY);
    if (injury != null) hints.put(RiskQuestion.INJURED_NEEDS_CARE, injury);
    if (signals.contains(Signal.ALONE)) hints.put(RiskQuestion.ALONE_NO_CAREGIVER, phrases.get(Signal.ALONE));
    else if (signals.contains(Signal.NO_GUARDIAN)) {
      hints.put(RiskQuestion.ALONE_NO_CAREGIVER, phrases.get(Signal.NO_GUARDIAN));
    }
    if (age != null && age < 6) hints.put(RiskQuestion.UNDER6_OR_DISABILITY, age + "岁");
    else if (signals.contains(Signal.DISABILITY)) {
      hints.put(RiskQuestion.UNDER6_OR_DISABILITY, phrases.get(Signal.DISABILITY));
    }
    hints.values().removeIf(java.util.Objects::isNull);
    return hints;
  }

  /** The first match that is neither negated nor hypothetical. */
  private static String find(IntakeText t, Pattern p) {
    Matcher m = p.matcher(t.text);
    while (m.find()) {
      if (m.end() == m.start() || t.negated(m.start(), m.end()) || t.hypothetical(m.start())) continue;
      return m.group();
    }
    return null;
  }
}
