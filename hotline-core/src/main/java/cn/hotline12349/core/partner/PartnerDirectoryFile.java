package cn.hotline12349.core.partner;

import cn.hotline12349.core.domain.OrgTree;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads config/partners.yaml, the seed of the partner directory, once at start-up. Every problem names the entry
 * (position and code) and the field, and stops the start: a directory with a wrong entry is not half-loaded.
 */
public final class PartnerDirectoryFile {
  public static final String FILE = "partners.yaml";
  private static final Set<String> ENTRY_FIELDS = Set.of("code", "kind", "org", "name", "channels", "demo");

  private PartnerDirectoryFile() {}

  public static List<PartnerEntry> load(Path configDir, OrgTree orgs) {
    Path file = configDir.resolve(FILE);
    if (!Files.exists(file)) return List.of();
    try {
      return parse(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()), orgs, file.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static List<PartnerEntry> parse(JsonNode root, OrgTree orgs, String fileName) {
    JsonNode list = root == null ? null : root.get("partners");
    if (list == null || !list.isArray()) throw new IllegalArgumentException(fileName + ": a list 'partners' is required");
    List<PartnerEntry> out = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String code = text(n, "code");
      String where = fileName + " entry " + (i + 1) + (code == null ? "" : " (" + code + ")") + ", field ";
      if (!n.isObject()) throw new IllegalArgumentException(fileName + " entry " + (i + 1) + ": must be a mapping");
      for (Iterator<String> f = n.fieldNames(); f.hasNext(); ) {
        String name = f.next();
        if (!ENTRY_FIELDS.contains(name)) throw new IllegalArgumentException(where + name + ": unknown field");
      }
      List<Partner.Channel> channels = new ArrayList<>();
      JsonNode ch = n.get("channels");
      if (ch != null && !ch.isArray()) throw new IllegalArgumentException(where + "channels: must be a list");
      if (ch != null) ch.forEach(c -> channels.add(new Partner.Channel(text(c, "type"), text(c, "value"))));
      String problem = PartnerEntry.problem(code, text(n, "kind"), text(n, "org"), text(n, "name"), channels, orgs);
      if (problem != null) throw new IllegalArgumentException(where + problem);
      if (!codes.add(code)) throw new IllegalArgumentException(where + "code: " + code + " is listed twice");
      JsonNode demo = n.get("demo");
      if (demo != null && !demo.isBoolean()) throw new IllegalArgumentException(where + "demo: must be true or false");
      out.add(new PartnerEntry(code, PartnerEntry.kind(text(n, "kind")), text(n, "org"), text(n, "name").strip(),
          channels, demo != null && demo.asBoolean()));
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
