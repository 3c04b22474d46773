package cn.hotline12349.telephony;

import cn.hotline12349.telephony.store.PgCallStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call recordings written by MixMonitor (extensions.conf RECORDINGS, named in HOTLINE_RECORDING on the call) in
 * HOTLINE_RECORDINGS_DIR, which the bridge's host must see (same host or a shared mount). Files older than
 * HOTLINE_RECORDING_RETENTION_DAYS (default 180) are deleted once a day and the call is marked
 * ({@code recording_deleted_at}). Who may play them and the audit of each play are the REST layer's job.
 */
public final class Recordings {
  private static final Logger log = LoggerFactory.getLogger(Recordings.class);
  /** Only names the dialplan makes: no path separators, no "..". */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,200}\\.(wav|WAV|gsm|mp3)");

  private final Path dir;
  private final Duration retention;

  public Recordings(Path dir, Duration retention) {
    this.dir = dir;
    this.retention = retention;
  }

  public static Recordings fromEnv(Map<String, String> env) { return fromEnv(cn.hotline12349.core.config.Env.of(env)); }

  public static Recordings fromEnv(cn.hotline12349.core.config.Env env) {
    Path dir = env.path("HOTLINE_RECORDINGS_DIR", "/var/spool/asterisk/monitor/hotline");
    long days = env.integer("HOTLINE_RECORDING_RETENTION_DAYS", 180, 1, 36_500);
    return new Recordings(dir, Duration.ofDays(days));
  }

  public Duration retention() {
    return retention;
  }

  /** The file of a recording name, if the name is one the dialplan makes and the file exists (blocking). */
  public Optional<Path> file(String name) {
    if (name == null || !NAME.matcher(name).matches()) return Optional.empty();
    Path p = dir.resolve(name).normalize();
    return p.startsWith(dir.normalize()) && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** Deletes recordings older than the retention and marks their calls; completes with the number deleted. */
  public Future<Integer> enforceRetention(Vertx vertx, Pool pool, Clock clock) {
    Instant cutoff = clock.instant().minus(retention);
    return vertx.executeBlocking(() -> {
      List<String> deleted = new ArrayList<>();
      if (!Files.isDirectory(dir)) return deleted;
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff) && NAME.matcher(f.getFileName().toString()).matches()) {
            Files.delete(f);
            deleted.add(f.getFileName().toString());
          }
        }
      } catch (IOException e) {
        log.warn("recording retention: {}", e.getMessage());
      }
      return deleted;
    }, false).compose(names -> names.isEmpty() ? Future.succeededFuture(0)
        : PgCallStore.markRecordingsDeleted(pool, names).map(v -> names.size()));
  }

  /** Runs {@link #enforceRetention} now and then every day. */
  public void schedule(Vertx vertx, Pool pool, Clock clock) {
    Runnable run = () -> enforceRetention(vertx, pool, clock)
        .onSuccess(n -> { if (n > 0) log.info("recording retention: {} recordings deleted", n); })
        .onFailure(e -> log.warn("recording retention failed: {}", e.getMessage()));
    vertx.setTimer(60_000, id -> run.run());
    vertx.setPeriodic(Duration.ofDays(1).toMillis(), id -> run.run());
  }
}
