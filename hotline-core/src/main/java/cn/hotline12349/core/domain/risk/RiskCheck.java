package cn.hotline12349.core.domain.risk;

import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's answers to the risk check and what they imply. Severity follows explicit rules:
 * <ul>
 *   <li>生命优先 (life first): in danger now, injured needing care, or suicide/self-harm talk: EMERGENCY.</li>
 *   <li>弱势优先 (vulnerable first): a child under 6 or disabled who is alone, or whose abuser has access now:
 *       EMERGENCY; under 6 / disability otherwise raises the level by one (at most HIGH) and weighs in the priority.</li>
 *   <li>紧迫优先 (urgent first): alone without a caregiver, or the abuser has access now: at least HIGH.</li>
 * </ul>
 * No answers means no floor; the text suggestion's level stands.
 */
public record RiskCheck(Map<RiskQuestion, RiskAnswer> answers) {
  public RiskCheck {
    answers = answers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(answers));
  }

  public static RiskCheck none() { return new RiskCheck(Map.of()); }

  public boolean yes(RiskQuestion q) { return answers.get(q) == RiskAnswer.YES; }

  public boolean answered() { return !answers.isEmpty(); }

  /** The level the answers demand and why (empty reasons: no floor). */
  public record Assessment(Severity floor, boolean vulnerable, List<String> why) {
    public Assessment {
      why = List.copyOf(why);
    }
  }

  public Assessment assess() {
    List<String> why = new ArrayList<>();
    boolean vulnerable = yes(RiskQuestion.UNDER6_OR_DISABILITY);
    Severity floor = Severity.CONSULT;
    if (yes(RiskQuestion.IN_DANGER_NOW)) why.add("生命优先: 孩子此刻有危险");
    if (yes(RiskQuestion.INJURED_NEEDS_CARE)) why.add("生命优先: 受伤需要就医");
    if (yes(RiskQuestion.SUICIDE_SELF_HARM)) why.add("生命优先: 有自杀或自伤言语");
    if (vulnerable && yes(RiskQuestion.ALONE_NO_CAREGIVER)) why.add("弱势优先: 6岁以下或残疾儿童无人照料");
    if (vulnerable && yes(RiskQuestion.ABUSER_HAS_ACCESS)) why.add("弱势优先: 6岁以下或残疾儿童，施害人现在能接触到");
    if (!why.isEmpty()) return new Assessment(Severity.EMERGENCY, vulnerable, why);
    if (yes(RiskQuestion.ALONE_NO_CAREGIVER)) why.add("紧迫优先: 独自一人或无人照料");
    if (yes(RiskQuestion.ABUSER_HAS_ACCESS)) why.add("紧迫优先: 施害人现在能接触到孩子");
    if (!why.isEmpty()) floor = Severity.HIGH;
    else if (vulnerable) why.add("弱势优先: 6岁以下或残疾，等级上调一级");
    return new Assessment(floor, vulnerable, why);
  }

  /**
   * The level to suggest: the text's level, raised to the answers' floor; with only "under 6 / disability" the
   * text's level goes up one step (at most HIGH).
   */
  public Severity combine(Severity fromText) {
    Assessment a = assess();
    Severity s = fromText.compareTo(a.floor()) > 0 ? a.floor() : fromText;
    if (a.vulnerable() && s.compareTo(Severity.HIGH) > 0) s = Severity.values()[s.ordinal() - 1];
    return s;
  }

  /**
   * An EMERGENCY the answers call for may only be lowered with a recorded reason. (A text-only EMERGENCY suggestion
   * is a high-recall alarm with false alarms; lowering it is recorded as an override, without a reason.)
   * @return the violation naming {@code riskCheck.downgradeReason}, if the final level is lower without one
   */
  public Optional<RuleViolation> checkDowngrade(Severity chosen, String reason) {
    if (assess().floor() != Severity.EMERGENCY || chosen == Severity.EMERGENCY) return Optional.empty();
    if (reason != null && !reason.isBlank()) return Optional.empty();
    return Optional.of(RuleViolation.invalid("riskCheck.downgradeReason", "the risk check answers call for "
        + "EMERGENCY; choosing " + chosen + " needs a recorded reason (riskCheck.downgradeReason)"));
  }
}
