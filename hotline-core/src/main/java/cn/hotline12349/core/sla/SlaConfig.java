package cn.hotline12349.core.sla;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.sla.domain.ClockMode;
import cn.hotline12349.core.sla.domain.DayKind;
import cn.hotline12349.core.sla.domain.SlaPolicy;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.core.sla.domain.StagePolicy;
import cn.hotline12349.core.sla.domain.WorkingCalendar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads config/sla-policy.yaml and the calendar CSV files it names into typed records, once, at start-up. */
public record SlaConfig(SlaPolicy policy, WorkingCalendar calendar) {
  public static SlaConfig load(Path configDir) {
    Path file = configDir.resolve("sla-policy.yaml");
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      WorkingCalendar cal = calendar(configDir, root.path("calendar"));
      int year = java.time.Year.now(cal.zone()).getValue();
      if (!cal.coveredYears().contains(year)) {
        org.slf4j.LoggerFactory.getLogger(SlaConfig.class)
            .warn("no holiday calendar for {}: working days fall back to Monday-Friday", year);
      }
      return new SlaConfig(policy(root), cal);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  static SlaPolicy policy(JsonNode root) {
    SlaPolicy d = SlaPolicy.defaults();
    Map<Severity, Map<SlaStage, StagePolicy>> stages = new EnumMap<>(Severity.class);
    JsonNode sev = root.path("severities");
    for (Severity s : Severity.values()) {
      if (!sev.has(s.name())) {
        stages.put(s, d.stages().getOrDefault(s, Map.of()));
        continue;
      }
      Map<SlaStage, StagePolicy> m = new EnumMap<>(SlaStage.class);
      sev.get(s.name()).fields().forEachRemaining(e -> m.put(SlaStage.valueOf(e.getKey()), stage(e.getValue())));
      stages.put(s, m);
    }
    List<Double> esc = new ArrayList<>();
    root.path("escalation-fractions").forEach(n -> esc.add(n.asDouble()));
    return new SlaPolicy(stages, root.path("warning-fraction").asDouble(d.warnFraction()),
        esc.isEmpty() ? d.escalationFractions() : esc,
        root.has("supervision-default") ? StagePolicy.of(root.get("supervision-default").asText())
            : d.supervisionDefault());
  }

  private static StagePolicy stage(JsonNode n) {
    String clock = n.path("clock").asText("");
    if (clock.isEmpty()) return StagePolicy.of(n.path("duration").asText());
    ClockMode mode = switch (clock) {
      case "24x7" -> ClockMode.ALWAYS;
      case "working" -> ClockMode.WORKING;
      default -> throw new IllegalArgumentException("clock must be 24x7 or working, not " + clock);
    };
    return StagePolicy.of(n.path("duration").asText(), mode);
  }

  static WorkingCalendar calendar(Path configDir, JsonNode n) throws IOException {
    ZoneId zone = ZoneId.of(n.path("zone").asText("Asia/Shanghai"));
    String[] hours = n.path("working-hours").asText("08:30-17:30").split("-");
    Map<LocalDate, DayKind> days = new HashMap<>();
    for (JsonNode f : n.path("files")) readDays(configDir.resolve(f.asText()), days);
    return new WorkingCalendar(zone, days, LocalTime.parse(hours[0].trim()), LocalTime.parse(hours[1].trim()));
  }

  /** CSV: date,kind,name[,note]; lines starting with # and the header are skipped. */
  static void readDays(Path csv, Map<LocalDate, DayKind> into) throws IOException {
    int lineNo = 0;
    for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
      lineNo++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith("date,")) continue;
      String[] cols = t.split(",", -1);
      try {
        if (into.put(LocalDate.parse(cols[0].trim()), DayKind.valueOf(cols[1].trim())) != null) {
          throw new IllegalArgumentException("date listed twice");
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(csv.getFileName() + " line " + lineNo + ": " + e.getMessage(), e);
      }
    }
  }
}
