package cn.hotline12349.core.intake.learn;

/** Turns a call note into a fixed-length sentence vector. Implementations are thread-safe and loaded once. */
public interface NoteEmbedder {
  /** Names the model, so cached vectors of another model are never mixed in. */
  String id();

  int dimension();

  float[] embed(String note);

  /** The part of the note the model actually reads (a cache keys on it, so a change of cut never reuses a stale vector). */
  default String embeddedText(String note) { return note; }
}
