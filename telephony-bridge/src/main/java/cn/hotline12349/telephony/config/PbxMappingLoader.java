package cn.hotline12349.telephony.config;

import cn.hotline12349.core.config.ConfigDir;
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

  /** The configuration folder, as hotline-core resolves it ({@link ConfigDir}: the one reader of HOTLINE_CONFIG_DIR). */
  public static Path configDir() { return ConfigDir.resolve(); }
}
