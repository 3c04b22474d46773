package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.risk.RiskAnswer;
import cn.hotline12349.core.domain.risk.RiskCheck;
import cn.hotline12349.core.domain.risk.RiskQuestion;
import cn.hotline12349.core.intake.IntakeAdvice;
import cn.hotline12349.core.intake.LearnedSuggester;
import cn.hotline12349.core.intake.RiskCheckConfig;
import cn.hotline12349.core.intake.store.IntakeExamples;
import cn.hotline12349.core.intake.store.RiskCheckStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** JSON in and out for the risk check (issue 14): answers, pre-fill hints, disagreements, stored checks, accuracy. */
final class RiskCheckJson {
  static final int MAX_REASON = 2000;

  private RiskCheckJson() {}

  /** {"IN_DANGER_NOW": "YES", ...}; an unknown question or answer is a 422 naming {@code field.QUESTION}. */
  static RiskCheck answers(Object value, String field) {
    if (value == null) return RiskCheck.none();
    if (!(value instanceof JsonObject o)) throw Problems.invalid(field, field + " must be an object of answers");
    Map<RiskQuestion, RiskAnswer> m = new EnumMap<>(RiskQuestion.class);
    for (String k : o.fieldNames()) {
      RiskQuestion q;
      try {
        q = RiskQuestion.valueOf(k);
      } catch (IllegalArgumentException e) {
        throw Problems.invalid(field + "." + k, "unknown risk question " + k + ", expected one of " + List.of(RiskQuestion.values()));
      }
      Object a = o.getValue(k);
      if (a == null) continue;
      try {
        m.put(q, RiskAnswer.valueOf(String.valueOf(a)));
      } catch (IllegalArgumentException e) {
        throw Problems.invalid(field + "." + k, "answer must be YES, NO or UNKNOWN");
      }
    }
    return new RiskCheck(m);
  }

  static JsonObject config(RiskCheckConfig c) {
    JsonArray qs = new JsonArray();
    for (RiskCheckConfig.Question q : c.questions()) {
      qs.add(new JsonObject().put("code", q.code().name()).put("key", q.key()).put("zh", q.zh()).put("en", q.en()));
    }
    return new JsonObject().put("questions", qs);
  }

  /** Adds the model's extra fields and the risk part to a suggestion's JSON. */
  static JsonObject advice(JsonObject suggestion, IntakeAdvice a, RiskCheckConfig c) {
    suggestion.put("textSeverity", a.suggestion().severity().name()).put("severity", a.severity().name())
        .put("unsure", a.suggestion().unsure())
        .put("runnerUp", a.suggestion().runnerUp() == null ? null : a.suggestion().runnerUp().name())
        .put("runnerUpConfidence", a.suggestion().runnerUpConfidence()).put("model", a.suggestion().model());
    JsonArray hints = new JsonArray();
    a.hints().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> hints.add(new JsonObject().put("question", e.getKey().name()).put("answer", "YES")
            .put("phrase", e.getValue())));
    JsonArray dis = new JsonArray();
    for (IntakeAdvice.Disagreement d : a.disagreements()) {
      RiskCheckConfig.Question q = c.get(d.question());
      dis.add(new JsonObject().put("question", d.question().name()).put("phrase", d.phrase())
          .put("messageZh", "笔记中提到“" + d.phrase() + "”，但“" + q.zh() + "”答的是“否”")
          .put("messageEn", "the notes mention " + d.phrase() + " but '" + q.en() + "' is No"));
    }
    return suggestion.put("risk", new JsonObject().put("hints", hints).put("disagreements", dis)
        .put("severity", a.assessment().floor().name()).put("reasons", new JsonArray(a.assessment().why())));
  }

  static JsonObject stored(Optional<RiskCheckStore.Stored> s, RiskCheckConfig c) {
    if (s.isEmpty()) return new JsonObject().put("answered", false);
    RiskCheckStore.Stored r = s.get();
    JsonArray answers = new JsonArray();
    for (RiskCheckConfig.Question q : c.questions()) {
      RiskAnswer a = r.check().answers().get(q.code());
      answers.add(new JsonObject().put("question", q.code().name()).put("zh", q.zh()).put("en", q.en())
          .put("answer", a == null ? null : a.name()));
    }
    return new JsonObject().put("answered", true).put("answers", answers)
        .put("derivedSeverity", r.derivedSeverity().name()).put("reasons", new JsonArray(r.reasons()))
        .put("downgradeReason", r.downgradeReason()).put("answeredAt", r.answeredAt().toString());
  }

  static JsonObject accuracy(List<IntakeExamples.ClassAccuracy> rows, int days, LearnedSuggester learned) {
    JsonArray per = new JsonArray();
    int n = 0, cat = 0, sev = 0, em = 0, emOk = 0;
    for (IntakeExamples.ClassAccuracy r : rows) {
      per.add(new JsonObject().put("category", r.category().name()).put("examples", r.examples())
          .put("categoryAccuracy", ratio(r.categoryCorrect(), r.examples()))
          .put("severityAccuracy", ratio(r.severityCorrect(), r.examples()))
          .put("emergencies", r.emergencies()).put("emergenciesSuggested", r.emergenciesSuggested()));
      n += r.examples();
      cat += r.categoryCorrect();
      sev += r.severityCorrect();
      em += r.emergencies();
      emOk += r.emergenciesSuggested();
    }
    JsonObject model = learned == null ? new JsonObject().put("embedder", "rules")
        : new JsonObject().put("embedder", learned.info().embedder()).put("examples", learned.info().examples())
            .put("trainedFrom", learned.info().trainedFrom())
            .put("emergencyThreshold", learned.info().emergencyThreshold());
    return new JsonObject().put("days", days).put("examples", n).put("categoryAccuracy", ratio(cat, n))
        .put("severityAccuracy", ratio(sev, n)).put("emergencies", em).put("emergencyRecall", ratio(emOk, em))
        .put("perCategory", per).put("model", model);
  }

  private static Double ratio(int a, int b) { return b == 0 ? null : Math.round(1000.0 * a / b) / 1000.0; }

}
