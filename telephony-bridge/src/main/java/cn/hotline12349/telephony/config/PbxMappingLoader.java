package cn.hotline12349.telephony.config;

import cn.hotline12349.telephony.domain.PbxMapping;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads config/pbx-mapping.yaml (blocking: call at start-up or inside executeBlocking). */
public final class PbxMappingLoader {
  public static final String FILE = "pbx-mapping.yaml";

  private PbxMappingLoader() {}

  public static PbxMapping load(Path configDir) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    try {
      return yaml.readValue(Files.readString(configDir.resolve(FILE)), PbxMapping.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + configDir.resolve(FILE), e);
    }
  }

  /** HOTLINE_CONFIG_DIR, else the repo's config/ in tests (hotline.repo.root), else ./config. */
  public static Path configDir() {
    String env = System.getenv("HOTLINE_CONFIG_DIR");
    if (env != null && !env.isBlank()) return Path.of(env);
    String root = System.getProperty("hotline.repo.root");
    return root != null ? Path.of(root, "config") : Path.of("config");
  }
}
