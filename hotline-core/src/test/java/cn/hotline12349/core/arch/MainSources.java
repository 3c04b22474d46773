package cn.hotline12349.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The main Java sources of every module, read as text by the architecture tests of this package. */
final class MainSources {
  static final Path ROOT = Path.of(System.getProperty("hotline.repo.root", ".."));
  static final List<String> MODULES = List.of("hotline-core", "telephony-bridge", "dispatch-ui");

  private MainSources() {}

  /** Path from the repository root ('/'-separated) → text, for every main class of every module. */
  static Map<String, String> all() throws IOException {
    return endingWith(".java");
  }

  /** The same for the files whose name ends with {@code suffix} (e.g. {@code Service.java}). */
  static Map<String, String> endingWith(String suffix) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String module : MODULES) {
      Path src = ROOT.resolve(module).resolve("src/main/java");
      assertThat(src).isDirectory();
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : files.filter(p -> p.getFileName().toString().endsWith(suffix)).toList()) {
          out.put(ROOT.relativize(f).toString().replace('\\', '/'), Files.readString(f));
        }
      }
    }
    return out;
  }
}
