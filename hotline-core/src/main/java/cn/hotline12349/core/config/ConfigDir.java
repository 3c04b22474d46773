package cn.hotline12349.core.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** The configuration folder: HOTLINE_CONFIG_DIR, else the repository's config/ (tests), else ./config. */
public final class ConfigDir {
  private ConfigDir() {}

  public static Path resolve() { return resolve(Env.process()); }

  public static Path resolve(Env env) {
    String dir = env.string("HOTLINE_CONFIG_DIR");
    if (dir != null) return existing(Path.of(dir));
    String root = System.getProperty("hotline.repo.root");
    if (root != null && !root.isBlank()) return existing(Path.of(root, "config"));
    return existing(Path.of("config"));
  }

  private static Path existing(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("configuration folder not found: " + dir.toAbsolutePath()
          + " (set HOTLINE_CONFIG_DIR)");
    }
    return dir.toAbsolutePath().normalize();
  }
}
