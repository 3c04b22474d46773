package cn.hotline12349.core.intake.store;

import cn.hotline12349.core.intake.IntakeCorpus;
import cn.hotline12349.core.intake.IntakeCorpus.LabelledNote;
import cn.hotline12349.core.intake.LearnedSuggester;
import cn.hotline12349.core.intake.learn.EmbeddingCache;
import cn.hotline12349.core.intake.learn.NoteEmbedder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the learned intake model from the seed notes plus the hotline's own labelled tickets, on a schedule and
 * only when tickets were labelled or relabelled since the last build. Training runs on a worker thread (seconds of
 * CPU); the new model is written to the data folder (used on the next start) and swapped in whole. Logs counts only.
 */
public final class IntakeModelRebuilder {
  private static final Logger LOG = LoggerFactory.getLogger(IntakeModelRebuilder.class);
  /** At most this many recent tickets join the seed, so a rebuild stays bounded. */
  static final int MAX_TICKETS = 20_000;

  private final Vertx vertx;
  private final IntakeExamples examples;
  private final LearnedSuggester suggester;
  private final Path modelFile;
  private final NoteEmbedder seedVectors;
  private final Supplier<List<LabelledNote>> seed;
  private final Clock clock;
  private final AtomicLong builtOn = new AtomicLong(-1);
  private final AtomicBoolean running = new AtomicBoolean();

  /** Seeded with the shipped training notes; their vectors cached in the data folder (embedded once). */
  public IntakeModelRebuilder(Vertx vertx, IntakeExamples examples, LearnedSuggester suggester, Path dataDir,
                              Clock clock) {
    this(vertx, examples, suggester, dataDir, clock, IntakeCorpus::seed,
        new EmbeddingCache(suggester.embedder(), dataDir.resolve("intake-embeddings.cache")));
  }

  public IntakeModelRebuilder(Vertx vertx, IntakeExamples examples, LearnedSuggester suggester, Path dataDir,
                              Clock clock, Supplier<List<LabelledNote>> seed, NoteEmbedder seedVectors) {
    this.vertx = vertx;
    this.examples = examples;
    this.suggester = suggester;
    this.modelFile = dataDir.resolve("intake-model.bin");
    this.seedVectors = seedVectors;
    this.seed = seed;
    this.clock = clock;
  }

  /** The file a rebuilt model is kept in (loaded at the next start). */
  public Path modelFile() { return modelFile; }

  /** Checks every {@code every} whether there are new labelled tickets and rebuilds if so. */
  public long schedule(Duration every) {
    return vertx.setPeriodic(every.toMillis(), id -> rebuildIfNew());
  }

  /** Outcome of one rebuild: examples used (seed + tickets). */
  public record Result(boolean rebuilt, int seed, int tickets) {}

  public Future<Result> rebuildIfNew() {
    return examples.version().compose(n -> n == builtOn.get() || n == 0
        ? Future.succeededFuture(new Result(false, 0, 0)) : rebuildNow());
  }

  public Future<Result> rebuildNow() {
    if (!running.compareAndSet(false, true)) return Future.succeededFuture(new Result(false, 0, 0));
    return examples.version().compose(count -> examples.forTraining(MAX_TICKETS, clock.instant())
        .compose(tickets -> vertx.executeBlocking(() -> build(tickets, count), false)))
        .onComplete(r -> running.set(false))
        .onFailure(e -> LOG.warn("intake model rebuild failed: {}", e.toString()));
  }

  private Result build(List<LabelledNote> tickets, long count) {
    List<LabelledNote> seed = this.seed.get();
    long t0 = System.nanoTime();
    LearnedSuggester.IntakeModelBuild build = suggester.retrain(seed, tickets, seedVectors,
        "seed (" + seed.size() + ") + tickets (" + tickets.size() + ")");
    try {
      Path tmp = modelFile.resolveSibling(modelFile.getFileName() + ".tmp");
      Files.createDirectories(modelFile.toAbsolutePath().getParent());
      try (OutputStream out = Files.newOutputStream(tmp)) {
        build.write(out);
      }
      Files.move(tmp, modelFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    suggester.replaceModel(build);
    builtOn.set(count);
    LOG.info("intake model rebuilt from {} seed notes and {} tickets in {} s", seed.size(), tickets.size(),
        (System.nanoTime() - t0) / 1_000_000_000);
    return new Result(true, seed.size(), tickets.size());
  }
}
