package cn.hotline12349.core.retention;

import cn.hotline12349.core.domain.Category;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** config/retention.yaml: how long after closure each category's personal data is kept. Every category must be named. */
public record RetentionPolicy(Map<Category, Duration> afterClosed) {
  public RetentionPolicy {
    afterClosed = Map.copyOf(afterClosed);
  }

  public static RetentionPolicy load(Path configDir) {
    Path file = configDir.resolve("retention.yaml");
    try {
      JsonNode days = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file)).path("afterClosedDays");
      Map<Category, Duration> out = new EnumMap<>(Category.class);
      for (Category c : Category.values()) {
        JsonNode d = days.get(c.name());
        if (d == null || !d.canConvertToInt() || d.asInt() < 1) {
          throw new IllegalArgumentException(file + ": afterClosedDays." + c.name() + " must be a whole number of days >= 1");
        }
        out.put(c, Duration.ofDays(d.asInt()));
      }
      return new RetentionPolicy(out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
