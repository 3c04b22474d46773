package cn.hotline12349.core.referral;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.ReplyPolicy;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.referral.domain.MandatoryRule;
import cn.hotline12349.core.sla.domain.ClockMode;
import cn.hotline12349.core.sla.domain.StagePolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Closing-the-loop settings, read once at start-up: referral acceptance times and the mandatory-report feedback time
 * and follow-up visits (sections {@code referrals} and {@code follow-up} of sla-policy.yaml), the mandatory-report
 * rules (mandatory-report.yaml) and the reply policy (reply-policy.yaml). Errors name the file and the field.
 */
public record LoopConfig(Map<Severity, StagePolicy> acceptance, StagePolicy mandatoryFeedback,
                         Set<Severity> followUpSeverities, StagePolicy followUp, List<MandatoryRule> mandatoryRules,
                         ReplyPolicy reply) {
  public LoopConfig {
    acceptance = Map.copyOf(acceptance);
    followUpSeverities = followUpSeverities.isEmpty() ? Set.of() : Set.copyOf(followUpSeverities);
    mandatoryRules = List.copyOf(mandatoryRules);
  }

  public StagePolicy acceptance(Severity s) { return acceptance.getOrDefault(s, acceptance.get(Severity.NORMAL)); }

  public static LoopConfig load(Path dir) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode sla = read(yaml, dir.resolve("sla-policy.yaml"));
    JsonNode rules = read(yaml, dir.resolve("mandatory-report.yaml"));
    JsonNode reply = read(yaml, dir.resolve("reply-policy.yaml"));
    Map<Severity, StagePolicy> acceptance = new EnumMap<>(Severity.class);
    JsonNode acc = sla.path("referrals").path("acceptance");
    for (Severity s : Severity.values()) {
      acceptance.put(s, acc.has(s.name()) ? stage(acc.get(s.name()), "sla-policy.yaml referrals.acceptance." + s)
          : StagePolicy.of(s == Severity.EMERGENCY ? "30m" : s == Severity.HIGH ? "4h" : "2wd"));
    }
    JsonNode fb = sla.path("referrals").path("mandatory-feedback");
    StagePolicy feedback = fb.isMissingNode() ? StagePolicy.of("3d") : stage(fb, "sla-policy.yaml referrals.mandatory-feedback");
    JsonNode fu = sla.path("follow-up");
    StagePolicy after = fu.has("after") ? stage(fu.get("after"), "sla-policy.yaml follow-up.after") : StagePolicy.of("30d");
    Set<Severity> sevs = EnumSet.noneOf(Severity.class);
    if (fu.has("severities")) {
      for (JsonNode n : fu.get("severities")) sevs.add(enumOf(Severity.class, n.asText(), "sla-policy.yaml follow-up.severities"));
    } else {
      sevs.addAll(List.of(Severity.EMERGENCY, Severity.HIGH));
    }
    return new LoopConfig(acceptance, feedback, sevs, after, rules(rules), replyPolicy(reply));
  }

  private static JsonNode read(ObjectMapper yaml, Path file) {
    if (!Files.exists(file)) return yaml.createObjectNode();
    try {
      JsonNode n = yaml.readTree(file.toFile());
      return n == null ? yaml.createObjectNode() : n;
    } catch (IOException e) {
      throw new IllegalArgumentException(file.getFileName() + ": not readable YAML: " + e.getMessage(), e);
    }
  }

  static List<MandatoryRule> rules(JsonNode root) {
    List<MandatoryRule> out = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    JsonNode list = root.path("rules");
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String where = "mandatory-report.yaml rule " + (i + 1) + " (" + n.path("code").asText("?") + "), field ";
      Set<Category> cats = EnumSet.noneOf(Category.class);
      for (JsonNode c : n.path("categories")) cats.add(enumOf(Category.class, c.asText(), where + "categories"));
      Set<String> subs = new HashSet<>();
      n.path("subcategories").forEach(s -> subs.add(s.asText()));
      List<String> words = new ArrayList<>();
      n.path("keywords").forEach(s -> words.add(s.asText()));
      try {
        MandatoryRule r = new MandatoryRule(n.path("code").asText(null), n.path("label").path("zh").asText(null),
            n.path("label").path("en").asText(null), cats, subs, words);
        if (!codes.add(r.code())) throw new IllegalArgumentException("code: listed twice");
        out.add(r);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
    }
    return out;
  }

  static ReplyPolicy replyPolicy(JsonNode n) {
    JsonNode after = n.path("unreachable-after");
    if (!after.isMissingNode() && !after.canConvertToInt()) {
      throw new IllegalArgumentException("reply-policy.yaml, field unreachable-after: a whole number");
    }
    try {
      return new ReplyPolicy(after.asInt(ReplyPolicy.DEFAULT.unreachableAfter()),
          n.path("wrong-number-is-final").asBoolean(ReplyPolicy.DEFAULT.wrongNumberIsFinal()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("reply-policy.yaml, field " + e.getMessage(), e);
    }
  }

  private static StagePolicy stage(JsonNode n, String where) {
    try {
      String clock = n.path("clock").asText("");
      String duration = n.isTextual() ? n.asText() : n.path("duration").asText();
      if (clock.isEmpty()) return StagePolicy.of(duration);
      return StagePolicy.of(duration, switch (clock) {
        case "24x7" -> ClockMode.ALWAYS;
        case "working" -> ClockMode.WORKING;
        default -> throw new IllegalArgumentException("clock must be 24x7 or working, not " + clock);
      });
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String v, String where) {
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": unknown " + type.getSimpleName() + " " + v);
    }
  }
}
