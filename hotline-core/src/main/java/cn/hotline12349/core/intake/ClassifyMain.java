package cn.hotline12349.core.intake;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.intake.learn.BgeNoteEmbedder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * scripts/classify FILE: one note per line in, one JSON object per line out (blank lines too, so lines stay aligned):
 * {"category","subcategory","severity","confidence"} from the full model (rules + embedding classifier). With --explain,
 * also countyCode, candidates, unsure, runner-up and reasons.
 */
public final class ClassifyMain {
  private ClassifyMain() {}

  public static void main(String[] args) throws IOException {
    boolean explain = args.length > 0 && args[0].equals("--explain");
    int fileArg = explain ? 1 : 0;
    if (args.length <= fileArg) {
      System.err.println("usage: classify [--explain] FILE   (one note per line, UTF-8)");
      System.exit(2);
    }
    IntakeSuggester.warmUp();
    // the full model: rules plus the embedding classifier (model file from HOTLINE_INTAKE_MODEL_FILE if set)
    String modelFile = cn.hotline12349.core.config.Env.process().string("HOTLINE_INTAKE_MODEL_FILE");
    LearnedSuggester suggester = LearnedSuggester.load(IntakeSuggester.fromConfig(ConfigDir.resolve()),
        BgeNoteEmbedder.load(null), modelFile == null || modelFile.isBlank() ? null : Path.of(modelFile));
    ObjectMapper json = new ObjectMapper();
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    for (String line : Files.readAllLines(Path.of(args[fileArg]), StandardCharsets.UTF_8)) {
      Suggestion s = suggester.suggest(IntakeRequest.ofNotes(line.replace("\uFEFF", "")));
      ObjectNode o = json.createObjectNode();
      o.put("category", s.category().name());
      o.put("subcategory", s.subcategory());
      o.put("severity", s.severity().name());
      o.put("confidence", s.confidence());
      if (explain) {
        o.put("countyCode", s.countyCode());
        o.set("candidateCounties", json.valueToTree(s.candidateCounties()));
        o.put("unsure", s.unsure());
        o.put("runnerUp", s.runnerUp() == null ? null : s.runnerUp().name());
        o.put("runnerUpConfidence", s.runnerUpConfidence());
        o.set("reasons", json.valueToTree(s.reasons()));
      }
      out.write(json.writeValueAsString(o));
      out.newLine();
    }
    out.flush();
  }
}
