package cn.hotline12349.core.intake.learn;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.InputStream;

/**
 * A BERT sentence encoder on an onnxruntime session limited to one thread per call: each suggestion runs on one
 * worker thread and one core, so parallel calls scale with the worker pool instead of fighting over cores.
 */
final class SingleThreadOnnxModel extends AbstractInProcessEmbeddingModel {
  private final OnnxBertBiEncoder encoder;

  private SingleThreadOnnxModel(OnnxBertBiEncoder encoder) {
    super(Runnable::run);
    this.encoder = encoder;
  }

  static SingleThreadOnnxModel open(byte[] onnx, InputStream tokenizer) {
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      OrtSession session = env.createSession(onnx, options);
      return new SingleThreadOnnxModel(new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS));
    } catch (OrtException e) {
      throw new IntakeModelException("onnxruntime could not open the embedding model: " + e.getMessage(), e);
    }
  }

  @Override
  protected OnnxBertBiEncoder model() { return encoder; }
}
