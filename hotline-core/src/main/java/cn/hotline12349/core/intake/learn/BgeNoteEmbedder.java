package cn.hotline12349.core.intake.learn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * bge-small-zh-v1.5 (quantised ONNX) running in-process through onnxruntime. The model file ships inside the
 * langchain4j jar; {@link #load(Path)} with a folder holding {@code model.onnx} and {@code tokenizer.json} uses another
 * BERT-style model instead. Loading maps the native library and the 24 MB model: do it once, on a worker thread, and
 * share the instance (onnxruntime sessions are thread-safe).
 */
public final class BgeNoteEmbedder implements NoteEmbedder {
  /**
   * Notes are cut to their first characters: the gist of a call is at its start, and latency grows with length (about
   * linearly: the longest notes set the p99). 160 since 2026-12-07 (was 256): CV showed no loss once the character
   * n-grams read the whole note, and the worst case costs about 60% (docs/BENCHMARKS.md). 128 since round 3 (the
   * encoder's time is linear in the tokens and set the p99 over 50 ms; CV compared 128 with 160, docs/intake.md).
   */
  public static final int MAX_CHARS = 128;
  /** The cut in use: {@link #MAX_CHARS} unless {@code -Dhotline.intake.embedChars} says otherwise (CV experiments). */
  static final int CUT = Integer.getInteger("hotline.intake.embedChars", MAX_CHARS);
  /**
   * Of a note longer than the cut, how many of its last characters the encoder reads instead of the start's tail
   * (start + "…" + end, the same length, so the same cost): the danger is often told late in a long call.
   */
  public static final int TAIL_CHARS = 0;
  static final int TAIL = Integer.getInteger("hotline.intake.embedTail", TAIL_CHARS);
  static final String BUNDLED_CLASS =
      "dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel";

  private final BertClsEncoder model;
  private final String id;
  private final int dimension;

  private BgeNoteEmbedder(BertClsEncoder model, String id) {
    this.model = model;
    this.id = id;
    this.dimension = model.embed("孩子").length;
  }

  private static final class Shared {
    static final BgeNoteEmbedder INSTANCE = load(null);
  }

  /**
   * The bundled model, loaded once per JVM on first call (from a worker thread) and shared by every user: one
   * native session, one copy of the weights outside the heap. A load failure is rethrown on every call.
   */
  public static BgeNoteEmbedder shared() {
    try {
      return Shared.INSTANCE;
    } catch (ExceptionInInitializerError e) {
      throw e.getCause() instanceof IntakeModelException ime ? ime : new IntakeModelException(e.toString(), e);
    } catch (NoClassDefFoundError e) {
      throw new IntakeModelException("intake embedding model failed to load earlier in this process: " + e, e);
    }
  }

  /** The bundled bge-small-zh-v1.5 when {@code modelDir} is null, else the ONNX model in that folder. */
  public static BgeNoteEmbedder load(Path modelDir) {
    if (modelDir != null) return loadFrom(modelDir);
    Class<?> bundled;
    try {
      // not initialised: its static initialiser would open a second, multi-threaded session
      bundled = Class.forName(BUNDLED_CLASS, false, BgeNoteEmbedder.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IntakeModelException("intake embedding model not on the class path: " + BUNDLED_CLASS
          + " (add dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q)", e);
    }
    try (InputStream onnx = bundled.getResourceAsStream("/bge-small-zh-v1.5-q.onnx");
         InputStream tokenizer = bundled.getResourceAsStream("/bge-small-zh-v1.5-q-tokenizer.json")) {
      if (onnx == null || tokenizer == null) {
        throw new IntakeModelException("intake embedding model files missing from the langchain4j jar");
      }
      return new BgeNoteEmbedder(BertClsEncoder.open(onnx.readAllBytes(), tokenizer.readAllBytes()), "bge-small-zh-v1.5-q");
    } catch (IOException e) {
      throw new IntakeModelException("intake embedding model unreadable: " + e.getMessage(), e);
    } catch (LinkageError | RuntimeException e) {
      if (e instanceof IntakeModelException ime) throw ime;
      throw failure(e);
    }
  }

  private static BgeNoteEmbedder loadFrom(Path dir) {
    Path onnx = dir.resolve("model.onnx");
    Path tokenizer = dir.resolve("tokenizer.json");
    for (Path p : new Path[] {onnx, tokenizer}) {
      if (!Files.isRegularFile(p)) {
        throw new IntakeModelException("intake embedding model file not found: " + p.toAbsolutePath()
            + " (HOTLINE_INTAKE_MODEL_DIR must hold model.onnx and tokenizer.json)");
      }
    }
    try {
      return new BgeNoteEmbedder(BertClsEncoder.open(Files.readAllBytes(onnx), Files.readAllBytes(tokenizer)),
          "onnx:" + dir.getFileName());
    } catch (IOException e) {
      throw new IntakeModelException("intake embedding model unreadable: " + e.getMessage(), e);
    } catch (LinkageError | RuntimeException e) {
      throw failure(e);
    }
  }

  private static IntakeModelException failure(Throwable e) {
    String what = e instanceof LinkageError
        ? "the onnxruntime native library or its Java classes could not be loaded"
        : "the embedding model could not be started";
    return new IntakeModelException("intake embedding model unavailable: " + what + ": " + e, e);
  }

  @Override
  public String id() { return id; }

  @Override
  public int dimension() { return dimension; }

  @Override
  public float[] embed(String note) { return model.embed(embeddedText(note)); }

  /** langchain4j's encoder on the same session, for checking that {@link #embed} gives the same vectors. */
  public float[] referenceEmbed(String note) { return model.reference().embed(embeddedText(note)).content().vector(); }

  /** The bench's view of the parts: the tokenisation of a note and the encoder run on its tokens. */
  public Object tokenise(String note) { return model.tokenise(embeddedText(note)); }

  public float[] embedTokens(Object tokens, String note) {
    return model.embed((ai.djl.huggingface.tokenizers.Encoding) tokens, embeddedText(note));
  }

  @Override
  public String embeddedText(String note) {
    String text = note == null || note.isBlank() ? "空" : note.strip();
    if (text.length() <= CUT) return text;
    if (TAIL <= 0) return text.substring(0, CUT);
    return text.substring(0, CUT - TAIL) + "…" + text.substring(text.length() - TAIL);
  }
}
