package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.risk.RiskAnswer;
import cn.hotline12349.core.domain.risk.RiskCheck;
import cn.hotline12349.core.domain.risk.RiskQuestion;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text pre-fills the risk answers it is sure of and flags the ones the operator answered against it. */
class RiskAdviceTest {
  private static IntakeAdvice advise(String notes, Map<RiskQuestion, RiskAnswer> answers) {
    return IntakeModels.cachedSuggester().advise(IntakeRequest.ofNotes(notes), new RiskCheck(answers));
  }

  @Test
  void clearPhrasesPreFillYesAndNegatedOnesDoNot() {
    IntakeAdvice a = advise("孩子说要从楼顶跳楼，现在一个人在家，手上还在流血", Map.of());
    assertThat(a.hints()).containsKeys(RiskQuestion.SUICIDE_SELF_HARM, RiskQuestion.INJURED_NEEDS_CARE);
    assertThat(a.hints().get(RiskQuestion.SUICIDE_SELF_HARM)).contains("跳楼");
    assertThat(advise("孩子没有受伤，也没有想不开", Map.of()).hints())
        .doesNotContainKeys(RiskQuestion.INJURED_NEEDS_CARE, RiskQuestion.SUICIDE_SELF_HARM);
    assertThat(advise("孩子三岁，爸爸正在打他", Map.of()).hints())
        .containsEntry(RiskQuestion.UNDER6_OR_DISABILITY, "3岁").containsKey(RiskQuestion.IN_DANGER_NOW);
  }

  @Test
  void aNoAgainstTheNotesIsFlaggedWithThePhrase() {
    IntakeAdvice a = advise("孩子在电话里说想跳楼", Map.of(RiskQuestion.SUICIDE_SELF_HARM, RiskAnswer.NO));
    assertThat(a.disagreements()).singleElement().satisfies(d -> {
      assertThat(d.question()).isEqualTo(RiskQuestion.SUICIDE_SELF_HARM);
      assertThat(d.phrase()).contains("跳楼");
    });
    assertThat(advise("孩子在电话里说想跳楼", Map.of(RiskQuestion.SUICIDE_SELF_HARM, RiskAnswer.YES)).disagreements())
        .isEmpty();
  }

  @Test
  void theAnswersRaiseTheTextLevelNeverLowerIt() {
    IntakeAdvice calm = advise("想问问孩子转学要什么材料", Map.of(RiskQuestion.IN_DANGER_NOW, RiskAnswer.YES));
    assertThat(calm.suggestion().severity()).isNotEqualTo(Severity.EMERGENCY);
    assertThat(calm.severity()).isEqualTo(Severity.EMERGENCY);
    assertThat(calm.assessment().why()).anyMatch(w -> w.contains("生命优先"));
    IntakeAdvice grave = advise("孩子说不想活了", Map.of(RiskQuestion.IN_DANGER_NOW, RiskAnswer.NO));
    assertThat(grave.severity()).isEqualTo(Severity.EMERGENCY);
  }

  @Test
  void theConfigListsEveryQuestionOnceInBothLanguages() throws Exception {
    RiskCheckConfig c = RiskCheckConfig.loadFrom(ConfigDir.resolve());
    assertThat(c.questions()).extracting(RiskCheckConfig.Question::code).containsExactlyInAnyOrder(RiskQuestion.values());
    assertThat(c.questions()).allSatisfy(q -> assertThat(q.zh()).isNotBlank());
    String missing = "questions:\n  - { code: IN_DANGER_NOW, key: \"1\", zh: 危险 }\n";
    assertThatThrownBy(() -> RiskCheckConfig.parse(new ByteArrayInputStream(missing.getBytes(StandardCharsets.UTF_8)), "x"))
        .hasMessageContaining("questions missing");
    String unknown = "questions:\n  - { code: DANGER, key: \"1\", zh: 危险 }\n";
    assertThatThrownBy(() -> RiskCheckConfig.parse(new ByteArrayInputStream(unknown.getBytes(StandardCharsets.UTF_8)), "x"))
        .hasMessageContaining("'DANGER': unknown code");
  }
}
