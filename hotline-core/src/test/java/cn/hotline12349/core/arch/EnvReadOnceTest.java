package cn.hotline12349.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Settings are read once (core.config.Env, then AppSettings): no other production class reads the process
 * environment, so every variable is typed, checked and listed in one place. Read from the source of every module.
 */
class EnvReadOnceTest {
  private static final String READER = "hotline-core/src/main/java/cn/hotline12349/core/config/Env.java";

  @Test
  void onlyEnvReadsTheProcessEnvironment() throws IOException {
    Path root = Path.of(System.getProperty("hotline.repo.root", ".."));
    List<String> readers = new ArrayList<>();
    for (String module : List.of("hotline-core", "telephony-bridge", "dispatch-ui")) {
      Path src = root.resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String rel = root.relativize(f).toString().replace('\\', '/');
          if (rel.equals(READER)) continue;
          String text = Files.readString(f);
          if (text.contains("System.getenv") || text.contains("ProcessBuilder().environment")) readers.add(rel);
        }
      }
    }
    assertThat(readers).as("classes reading the environment themselves (read it through Env and AppSettings)").isEmpty();
    assertThat(Files.readString(root.resolve(READER))).contains("System.getenv()");
  }
}
