package cn.hotline12349.core.intake.learn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sentence vectors keyed by a hash of (model, the text the model reads), kept in an append-only file so a note is
 * embedded once. The file holds hashes and numbers, never note text. Used for training sets; live suggestions are not
 * cached.
 */
public final class EmbeddingCache implements NoteEmbedder {
  private final NoteEmbedder embedder;
  private final Path file;
  private final ConcurrentHashMap<String, float[]> vectors = new ConcurrentHashMap<>();

  public EmbeddingCache(NoteEmbedder embedder, Path file) {
    this.embedder = embedder;
    this.file = file;
    if (file != null && Files.isRegularFile(file)) load();
  }

  private void load() {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      while (true) {
        String key;
        try { key = in.readUTF(); } catch (EOFException end) { break; }
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
        vectors.put(key, v);
      }
    } catch (EOFException truncated) {
      // a write cut short by a crash: the complete entries before it are kept
    } catch (IOException e) {
      throw new UncheckedIOException("embedding cache unreadable: " + file, e);
    }
  }

  @Override
  public String id() { return embedder.id(); }

  @Override
  public int dimension() { return embedder.dimension(); }

  @Override
  public String embeddedText(String note) { return embedder.embeddedText(note); }

  @Override
  public float[] embed(String note) {
    String key = key(embedder.id(), embedder.embeddedText(note));
    float[] v = vectors.get(key);
    if (v != null) return v;
    v = embedder.embed(note);
    vectors.put(key, v);
    append(key, v);
    return v;
  }

  public int size() { return vectors.size(); }

  private synchronized void append(String key, float[] v) {
    if (file == null) return;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
        out.writeUTF(key);
        out.writeInt(v.length);
        for (float f : v) out.writeFloat(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("embedding cache not writable: " + file, e);
    }
  }

  static String key(String model, String note) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest((model + "\u0000" + note).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
