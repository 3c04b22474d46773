package cn.hotline12349.core.intake;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.intake.learn.BgeNoteEmbedder;
import cn.hotline12349.core.intake.learn.EmbeddingCache;
import java.nio.file.Path;

/**
 * One embedding model, rules and learned suggester per test JVM. Vectors of the fixed test notes are cached in
 * target/ by note hash (the same file scripts/intake/train uses), so the corpus is embedded once per checkout.
 */
public final class IntakeModels {
  private IntakeModels() {}

  private static final class Lazy {
    static final IntakeSuggester RULES = IntakeSuggester.fromConfig(ConfigDir.resolve());
    static final BgeNoteEmbedder EMBEDDER = BgeNoteEmbedder.load(null);
    static final EmbeddingCache CACHED = new EmbeddingCache(EMBEDDER, Path.of("target", "intake-embeddings.cache"));
    static final LearnedSuggester CACHED_SUGGESTER = LearnedSuggester.load(RULES, CACHED, null);
    static final LearnedSuggester LIVE_SUGGESTER = LearnedSuggester.load(RULES, EMBEDDER, null);
  }

  public static IntakeSuggester rules() { return Lazy.RULES; }

  public static BgeNoteEmbedder embedder() { return Lazy.EMBEDDER; }

  /** For labelled sets read many times: vectors come from the target/ cache. */
  public static LearnedSuggester cachedSuggester() { return Lazy.CACHED_SUGGESTER; }

  /** Embeds every note afresh, as in production. */
  public static LearnedSuggester liveSuggester() { return Lazy.LIVE_SUGGESTER; }
}
