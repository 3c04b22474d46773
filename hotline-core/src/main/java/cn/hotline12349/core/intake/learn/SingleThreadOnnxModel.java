package cn.hotline12349.core.intake.learn;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.InputStream;

/**
 * langchain4j's BERT sentence encoder on a given onnxruntime session. {@link BertClsEncoder} does the suggester's
 * work with less per note; this one is its fallback for texts over 510 tokens and the reference its vectors are
 * checked against.
 */
final class SingleThreadOnnxModel extends AbstractInProcessEmbeddingModel {
  private final OnnxBertBiEncoder encoder;

  private SingleThreadOnnxModel(OnnxBertBiEncoder encoder) {
    super(Runnable::run);
    this.encoder = encoder;
  }

  /**
   * One intra-op and one inter-op thread: each suggestion runs on one worker thread and one core, so parallel calls
   * scale with the worker pool instead of fighting over cores.
   */
  static OrtSession.SessionOptions options() throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return options;
  }

  static SingleThreadOnnxModel on(OrtEnvironment env, OrtSession session, InputStream tokenizer) {
    return new SingleThreadOnnxModel(new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS));
  }

  @Override
  protected OnnxBertBiEncoder model() { return encoder; }
}
