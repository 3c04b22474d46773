package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.risk.RiskQuestion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** config/risk-check.yaml: order, zh/en wording and shortcut key of each risk question; every question exactly once. */
public record RiskCheckConfig(List<Question> questions) {
  public static final String FILE_NAME = "risk-check.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public record Question(RiskQuestion code, String key, String zh, String en) {}

  public RiskCheckConfig {
    questions = List.copyOf(questions);
  }

  public Question get(RiskQuestion q) {
    return questions.stream().filter(x -> x.code() == q).findFirst().orElseThrow();
  }

  public static RiskCheckConfig loadFrom(Path configDir) {
    Path file = configDir.resolve(FILE_NAME);
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new TaxonomyException(file + ": unreadable: " + e.getMessage(), e);
    }
  }

  static RiskCheckConfig parse(InputStream in, String source) throws IOException {
    JsonNode root = YAML.readTree(in);
    if (root == null || !root.path("questions").isArray()) {
      throw new TaxonomyException(source + ": expected a top-level 'questions' list");
    }
    List<Question> out = new ArrayList<>();
    Set<RiskQuestion> seen = EnumSet.noneOf(RiskQuestion.class);
    Set<String> keys = new HashSet<>();
    for (JsonNode q : root.get("questions")) {
      String code = q.path("code").asText("");
      RiskQuestion rq;
      try {
        rq = RiskQuestion.valueOf(code);
      } catch (IllegalArgumentException e) {
        throw new TaxonomyException(source + ": question '" + code + "': unknown code, expected one of "
            + List.of(RiskQuestion.values()));
      }
      String where = source + ": question " + rq;
      if (!seen.add(rq)) throw new TaxonomyException(where + ": listed twice");
      String zh = q.path("zh").asText("").strip();
      if (zh.isEmpty()) throw new TaxonomyException(where + ": missing zh");
      String key = q.path("key").asText("").strip();
      if (key.length() != 1 || !keys.add(key)) throw new TaxonomyException(where + ": key must be one unique character");
      String en = q.path("en").asText("").strip();
      out.add(new Question(rq, key, zh, en.isEmpty() ? zh : en));
    }
    if (seen.size() != RiskQuestion.values().length) {
      Set<RiskQuestion> missing = EnumSet.allOf(RiskQuestion.class);
      missing.removeAll(seen);
      throw new TaxonomyException(source + ": questions missing: " + missing);
    }
    return new RiskCheckConfig(out);
  }
}
