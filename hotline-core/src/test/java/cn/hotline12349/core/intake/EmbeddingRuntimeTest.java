package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.intake.learn.BgeNoteEmbedder;
import cn.hotline12349.core.intake.learn.IntakeModelException;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process model: its native runtime loads on this machine, and its absence is a clear error. */
class EmbeddingRuntimeTest {
  private static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void onnxRuntimeAndTheBundledModelLoadAndEmbedChineseNotes() {
    BgeNoteEmbedder e = IntakeModels.embedder();
    assertThat(e.dimension()).isEqualTo(512);
    float[] hit = e.embed("他爸喝了酒就拿皮带抽娃娃，身上青一块紫一块");
    float[] beaten = e.embed("孩子被父亲打得浑身是伤");
    float[] school = e.embed("想问一下孩子转学需要什么手续");
    assertThat(hit).hasSize(512);
    assertThat(cosine(hit, beaten)).isGreaterThan(cosine(hit, school));
    // the same text gives the same vector: one shared, deterministic session
    assertThat(e.embed("孩子被父亲打得浑身是伤")).containsExactly(beaten);
  }

  /**
   * The suggester's encoder (one tokenisation, CLS row only) gives langchain4j's vectors float for float, so the
   * latency work changes nothing the model was trained on: every 4th training note, one line to the longest.
   */
  @Test
  void theLeanEncoderGivesLangchain4jsVectorsExactly() throws Exception {
    BgeNoteEmbedder e = IntakeModels.embedder();
    List<IntakeCorpus.LabelledNote> notes = IntakeCorpus.read(getClass().getResourceAsStream("/intake/corpus-train.tsv"));
    int checked = 0;
    for (int i = 0; i < notes.size(); i += 4) {
      String note = notes.get(i).notes();
      assertThat(e.embed(note)).as(note).containsExactly(e.referenceEmbed(note));
      checked++;
    }
    for (String odd : List.of("", "  ", "ok", "孩子 被打 😢 ABC abc １２３", "娃娃".repeat(300))) {
      assertThat(e.embed(odd)).as(odd).containsExactly(e.referenceEmbed(odd));
    }
    assertThat(checked).isGreaterThan(400);
  }

  @Test
  void aModelFolderThatDoesNotExistIsAClearError(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-model");
    assertThatThrownBy(() -> BgeNoteEmbedder.load(missing))
        .isInstanceOf(IntakeModelException.class)
        .hasMessageContaining("model.onnx")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void withoutOnnxRuntimeOnTheClassPathLoadingSaysSo() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("onnxruntime")) continue;
      urls.add(Path.of(entry).toUri().toURL());
    }
    assertThat(urls).hasSizeLessThan(System.getProperty("java.class.path").split(File.pathSeparator).length);
    try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> type = isolated.loadClass(BgeNoteEmbedder.class.getName());
      assertThatThrownBy(() -> {
        try {
          type.getMethod("load", Path.class).invoke(null, (Object) null);
        } catch (InvocationTargetException ex) {
          throw ex.getCause();
        }
      }).satisfies(t -> {
        assertThat(t.getClass().getName()).isEqualTo(IntakeModelException.class.getName());
        assertThat(t.getMessage()).contains("onnxruntime");
      });
    }
  }

  @Test
  void theShippedModelWasTrainedOnTheCurrentTrainingFilesAndNeverOnTheFrozenTest() throws Exception {
    LearnedSuggester s = IntakeModels.cachedSuggester();
    assertThat(s.info().embedder()).isEqualTo("bge-small-zh-v1.5-q");
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    for (String f : IntakeCorpus.trainingFiles("/intake/")) {
      try (var in = getClass().getResourceAsStream(f)) {
        sha.update(in.readAllBytes());
      }
    }
    assertThat(s.info().trainedFrom()).as("stale model: run scripts/intake/train")
        .contains("sha256:" + java.util.HexFormat.of().formatHex(sha.digest()))
        .doesNotContain("frozen");
    assertThat(s.info().examples()).isEqualTo(IntakeCorpus.seed().size());
    // the shipped seed (for rebuilds) is the training side only
    assertThat(IntakeCorpus.class.getResource("/intake/seed/corpus-train.tsv")).isNotNull();
    assertThat(IntakeCorpus.class.getResource("/intake/seed/corpus-frozen-test.tsv")).isNull();
    assertThat(IntakeCorpus.corpus2Train("/intake/seed/corpus2/")).hasSameSizeAs(IntakeCorpus.corpus2Train("/intake/corpus2/"));
    assertThat(IntakeCorpus.class.getResource("/intake/seed/corpus2/frozen2-01.tsv")).isNull();
    for (String w : IntakeCorpus.TRAINING_WRITERS) {
      assertThat(IntakeCorpus.writerBatches("/intake/", w)).as(w).isNotEmpty();
      assertThat(IntakeCorpus.writerBatches("/intake/seed/", w)).as(w).hasSameSizeAs(IntakeCorpus.writerBatches("/intake/", w));
    }
  }
}
