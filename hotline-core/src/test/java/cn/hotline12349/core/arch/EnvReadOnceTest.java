package cn.hotline12349.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Settings are read once (core.config.Env, then AppSettings): no other production class reads the process
 * environment, so every variable is typed, checked and listed in one place. Read from the source of every module.
 */
class EnvReadOnceTest {
  private static final String READER = "hotline-core/src/main/java/cn/hotline12349/core/config/Env.java";

  @Test
  void onlyEnvReadsTheProcessEnvironment() throws IOException {
    List<String> readers = new ArrayList<>();
    MainSources.all().forEach((rel, text) -> {
      if (!rel.equals(READER) && (text.contains("System.getenv") || text.contains("ProcessBuilder().environment"))) {
        readers.add(rel);
      }
    });
    assertThat(readers).as("classes reading the environment themselves (read it through Env and AppSettings)").isEmpty();
    assertThat(Files.readString(MainSources.ROOT.resolve(READER))).contains("System.getenv()");
  }
}
