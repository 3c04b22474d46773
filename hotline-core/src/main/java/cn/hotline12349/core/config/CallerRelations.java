package cn.hotline12349.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * config/caller-relations.yaml: the choices for "who is calling", one list for the intake form and the server. A
 * ticket stores the code; an alias (a free-text value earlier clients sent) is read as its code.
 */
public final class CallerRelations {
  public record Relation(String code, String zh, String en) {}

  private final List<Relation> all;
  private final Map<String, String> byValue;

  private CallerRelations(List<Relation> all, Map<String, String> byValue) {
    this.all = List.copyOf(all);
    this.byValue = Map.copyOf(byValue);
  }

  public static CallerRelations load(Path configDir) {
    Path file = configDir.resolve("caller-relations.yaml");
    try {
      JsonNode list = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file)).path("relations");
      List<Relation> all = new ArrayList<>();
      Map<String, String> byValue = new HashMap<>();
      for (JsonNode r : list) {
        String code = r.path("code").asText("");
        if (!code.matches("[A-Z][A-Z_]{1,39}") || r.path("zh").asText("").isBlank() || r.path("en").asText("").isBlank()) {
          throw new IllegalArgumentException(file + ": every relation needs a code (A-Z, _), zh and en");
        }
        all.add(new Relation(code, r.path("zh").asText(), r.path("en").asText()));
        add(byValue, code, code, file);
        for (JsonNode a : r.path("aliases")) add(byValue, a.asText().trim(), code, file);
      }
      if (all.isEmpty()) throw new IllegalArgumentException(file + ": no relations");
      return new CallerRelations(all, byValue);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private static void add(Map<String, String> byValue, String value, String code, Path file) {
    String before = byValue.putIfAbsent(value, code);
    if (before != null && !before.equals(code)) {
      throw new IllegalArgumentException(file + ": \"" + value + "\" names both " + before + " and " + code);
    }
  }

  public List<Relation> all() { return all; }

  /** The code a typed value stands for (a code itself or an alias, surrounding spaces ignored); empty if none. */
  public Optional<String> code(String value) {
    return value == null ? Optional.empty() : Optional.ofNullable(byValue.get(value.trim()));
  }
}
