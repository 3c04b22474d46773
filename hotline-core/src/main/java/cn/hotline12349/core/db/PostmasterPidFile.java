package cn.hotline12349.core.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code postmaster.pid} of a data directory, read before a start. After {@code kill -9} of the service the
 * server it started keeps running orphaned (pg_ctl detaches it); after a reboot the file names a pid that may now
 * belong to anything. A process counts as this directory's postmaster only if its executable is {@code postgres} and
 * its working directory is the data directory (PostgreSQL changes into it); then it is stopped (fast shutdown,
 * committed work is on disk), else the file is stale and removed, so the start never waits on a ghost.
 */
final class PostmasterPidFile {
  private static final Logger log = LoggerFactory.getLogger(PostmasterPidFile.class);
  private final Path dataDir;

  PostmasterPidFile(Path dataDir) { this.dataDir = dataDir; }

  Path file() { return dataDir.resolve("postmaster.pid"); }

  /** The pid in the file, if there is a readable one. */
  Optional<Long> pid() {
    try {
      List<String> lines = Files.readAllLines(file());
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The running postmaster of this data directory, if the file names one. */
  Optional<ProcessHandle> livePostmaster() {
    return pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(this::isOurPostmaster);
  }

  boolean isOurPostmaster(ProcessHandle p) {
    try {
      Path proc = Path.of("/proc", Long.toString(p.pid()));
      String exe = Files.readSymbolicLink(proc.resolve("exe")).getFileName().toString();
      Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
      return exe.startsWith("postgres") && Files.isSameFile(cwd, dataDir);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Stops an orphaned postmaster of this directory, or removes a file whose pid now belongs to another process;
   * returns what it found. A file whose pid is dead stays: PostgreSQL itself then checks that no backend of the dead
   * server still holds the shared memory before it starts.
   */
  String clear() throws IOException {
    Optional<ProcessHandle> live = pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    if (live.isEmpty()) return Files.exists(file()) ? "dead" : "none";
    if (isOurPostmaster(live.get())) {
      stop(live.get());
      return "orphan";
    }
    Files.deleteIfExists(file());
    log.warn("removed a stale postmaster.pid in {} (its pid now belongs to another process)", dataDir);
    return "stale";
  }

  /** Fast shutdown (SIGINT), then immediate (SIGQUIT), then SIGKILL: each step waits for the process to end. */
  static void stop(ProcessHandle postmaster) {
    log.warn("stopping an orphaned PostgreSQL (pid {}) left by an earlier run", postmaster.pid());
    for (String[] step : new String[][] {{"INT", "30"}, {"QUIT", "10"}, {"KILL", "10"}}) {
      signal(postmaster.pid(), step[0]);
      if (waitForExit(postmaster, Duration.ofSeconds(Long.parseLong(step[1])))) return;
    }
    throw new IllegalStateException("the orphaned PostgreSQL (pid " + postmaster.pid() + ") does not stop");
  }

  static boolean waitForExit(ProcessHandle p, Duration max) {
    try {
      p.onExit().get(max.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return !p.isAlive();
    } catch (Exception e) {
      return !p.isAlive();
    }
  }

  private static void signal(long pid, String sig) {
    try {
      new ProcessBuilder("kill", "-s", sig, Long.toString(pid)).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("cannot signal pid " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
