package cn.hotline12349.core.intake.learn;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The CLS sentence vector of a BERT encoder on one onnxruntime session limited to one thread per call, with the work
 * per note kept to what the vector needs: the note is tokenised once (langchain4j's encoder tokenises it three times:
 * to count, to rebuild the text, to encode it), only the last hidden state is asked for, and only its first row (the
 * CLS token) is copied out of the native tensor instead of the whole tokens x 512 array as Java arrays. The vector is
 * the same, float for float, as langchain4j's {@code OnnxBertBiEncoder} with CLS pooling for notes up to 510 tokens
 * (EmbeddingRuntimeTest compares them); a longer text falls back to that encoder (notes are cut to 160 characters
 * first, so it does not happen in the suggester).
 */
final class BertClsEncoder {
  static final int MAX_TOKENS = 512;

  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final Set<String> inputs;
  private final String output;
  private final SingleThreadOnnxModel fallback;

  private BertClsEncoder(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer,
      SingleThreadOnnxModel fallback) throws OrtException {
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.inputs = session.getInputNames();
    this.output = session.getOutputNames().iterator().next();
    this.fallback = fallback;
  }

  static BertClsEncoder open(byte[] onnx, byte[] tokenizerJson) {
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      OrtSession session = env.createSession(onnx, SingleThreadOnnxModel.options());
      HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(new java.io.ByteArrayInputStream(tokenizerJson),
          Map.of("padding", "false"));
      return new BertClsEncoder(env, session, tok, SingleThreadOnnxModel.on(env, session,
          new java.io.ByteArrayInputStream(tokenizerJson)));
    } catch (OrtException | IOException e) {
      throw new IntakeModelException("onnxruntime could not open the embedding model: " + e.getMessage(), e);
    }
  }

  /** The token ids, attention mask and type ids of {@code text} with [CLS] and [SEP]. */
  Encoding tokenise(String text) { return tokenizer.encode(text, true, false); }

  /** The unit-length CLS vector of {@code text}. */
  float[] embed(String text) { return embed(tokenise(text), text); }

  float[] embed(Encoding e, String text) {
    long[] ids = e.getIds();
    if (ids.length > MAX_TOKENS) return fallback.embed(text).content().vector();
    long[] shape = {1, ids.length};
    Map<String, OnnxTensor> in = new HashMap<>(4);
    try {
      in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getAttentionMask()), shape));
      if (inputs.contains("token_type_ids")) {
        in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getTypeIds()), shape));
      }
      try (OrtSession.Result r = session.run(in, Set.of(output))) {
        OnnxTensor hidden = (OnnxTensor) r.get(0);
        long[] dims = hidden.getInfo().getShape(); // [1, tokens, width]
        FloatBuffer all = hidden.getFloatBuffer();
        float[] cls = new float[(int) dims[2]];
        all.get(cls);
        return normalise(cls);
      }
    } catch (OrtException ex) {
      throw new IntakeModelException("embedding failed: " + ex.getMessage(), ex);
    } finally {
      for (OnnxTensor t : in.values()) t.close();
    }
  }

  /** As langchain4j does it (float sum, double square root, float division), so the vectors match to the bit. */
  private static float[] normalise(float[] v) {
    float sum = 0;
    for (float x : v) sum += x * x;
    float norm = (float) Math.sqrt(sum);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = v[i] / norm;
    return out;
  }

  /** langchain4j's encoder on the same session: the reference the vectors are checked against. */
  SingleThreadOnnxModel reference() { return fallback; }
}
