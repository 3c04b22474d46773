package cn.hotline12349.core.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The port of an embedded PostgreSQL already running on a data directory (postmaster.pid line 4), else null. */
final class EmbeddedPort {
  private EmbeddedPort() {}

  static Integer ofRunning(Path pgDir) {
    Path pid = pgDir.resolve("postmaster.pid");
    if (!Files.exists(pid)) return null;
    try {
      List<String> lines = Files.readAllLines(pid);
      long process = Long.parseLong(lines.get(0).trim());
      if (ProcessHandle.of(process).map(ProcessHandle::isAlive).orElse(false)) return Integer.parseInt(lines.get(3).trim());
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
