package cn.hotline12349.telephony.loopback;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One manager session's event filters, as Asterisk 20.20.1 keeps and applies them (main/manager.c
 * {@code manager_add_filter}, {@code filter_cmp_fn}, {@code should_send_event}); read from that source and checked
 * against the real PBX (docs/telephony.md "AMI event filter"). Rules:
 * <ul>
 *   <li>{@code criteria} is {@code eventfilter} (legacy: {@code pattern} is a regular expression searched in the whole
 *   event text; a leading {@code !} makes it an exclude filter) or {@code eventfilter(<options>)} with options
 *   {@code action(include|exclude)}, {@code name(<event>)} (exact, case-sensitive), {@code header(<name>)} (the value
 *   of every line starting with {@code <name>:} is tested) and {@code method(regex|exact|starts_with|ends_with|contains|none)};
 *   with options the method defaults to none (the name or header alone decides), which takes no pattern;</li>
 *   <li>no filters: every event; only includes: those matching any include; only excludes: all but those matching any
 *   exclude; both: those matching an include and no exclude.</li>
 * </ul>
 * Only events are filtered: responses and the items of list actions are written to the session directly.
 */
public final class AmiEventFilters {
  /** Outcomes as Asterisk's {@code add_filter_result}; the Filter action answers each with its own error message. */
  public enum Result { SUCCESS, FORMAT_ERROR, COMPILE_FAIL }

  private enum Method { REGEX, EXACT, STARTS_WITH, ENDS_WITH, CONTAINS, NONE }

  private record Entry(String name, String header, Method method, Pattern regex, String text) {
    boolean matches(String eventName, String eventData) {
      if (name != null && !name.equals(eventName)) return false;
      if (header == null) return matchData(eventData);
      for (String line : eventData.split("\n")) {
        if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
        if (!line.startsWith(header)) continue;
        String value = line.substring(header.length()).stripLeading();
        if (!value.isEmpty() && matchData(value)) return true;
      }
      return false;
    }

    private boolean matchData(String data) {
      return switch (method) {
        case REGEX -> regex.matcher(data).find();
        case EXACT -> data.equals(text);
        case STARTS_WITH -> data.startsWith(text);
        case ENDS_WITH -> data.endsWith(text);
        case CONTAINS -> data.contains(text);
        case NONE -> true;
      };
    }
  }

  private final List<Entry> includes = new CopyOnWriteArrayList<>();
  private final List<Entry> excludes = new CopyOnWriteArrayList<>();

  /** Adds a filter; {@code criteria} "eventfilter" or "eventfilter(...)", {@code pattern} never null (may be empty). */
  public Result add(String criteria, String pattern) {
    boolean exclude = false;
    if (pattern.startsWith("!")) {
      exclude = true;
      pattern = pattern.substring(1);
    }
    Method method = Method.REGEX;
    String name = null;
    String header = null;
    int open = criteria.indexOf('(');
    if (open < 0 && pattern.isEmpty()) return Result.FORMAT_ERROR;
    if (open >= 0) {
      method = Method.NONE;
      String options = criteria.substring(open + 1).strip();
      if (options.isEmpty() || !options.endsWith(")")) return Result.FORMAT_ERROR;
      boolean found = false;
      boolean nameOrHeader = false;
      for (String option : options.split("[ ,)]+")) {
        if (option.isEmpty()) continue;
        int p = option.indexOf('(');
        String value = p < 0 ? "" : option.substring(p + 1).strip();
        if (option.startsWith("action")) {
          if (p < 0) return Result.FORMAT_ERROR;
          if (value.equals("include")) exclude = false;
          else if (value.equals("exclude")) exclude = true;
          else return Result.FORMAT_ERROR;
        } else if (option.startsWith("name")) {
          if (value.isEmpty()) return Result.FORMAT_ERROR;
          name = value;
          nameOrHeader = true;
        } else if (option.startsWith("header")) {
          if (value.isEmpty()) return Result.FORMAT_ERROR;
          header = value.endsWith(":") ? value : value + ":";
          nameOrHeader = true;
        } else if (option.startsWith("method")) {
          switch (value) {
            case "regex" -> method = Method.REGEX;
            case "exact" -> method = Method.EXACT;
            case "starts_with" -> method = Method.STARTS_WITH;
            case "ends_with" -> method = Method.ENDS_WITH;
            case "contains" -> method = Method.CONTAINS;
            case "none" -> method = Method.NONE;
            default -> {
              return Result.FORMAT_ERROR;
            }
          }
        } else {
          return Result.FORMAT_ERROR;
        }
        found = true;
      }
      if (!found) return Result.FORMAT_ERROR;
      if (pattern.isEmpty() && method != Method.NONE) return Result.FORMAT_ERROR;
      if (!pattern.isEmpty() && method == Method.NONE) return Result.FORMAT_ERROR;
      if (!nameOrHeader && method == Method.NONE) return Result.FORMAT_ERROR;
    }
    Pattern regex = null;
    if (method == Method.REGEX) {
      try {
        regex = Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        return Result.COMPILE_FAIL;
      }
    }
    (exclude ? excludes : includes).add(new Entry(name, header, method, regex, pattern));
    return Result.SUCCESS;
  }

  public boolean isEmpty() {
    return includes.isEmpty() && excludes.isEmpty();
  }

  /** Whether Asterisk would send {@code event} to this session. */
  public boolean admits(AmiMessage event) {
    return admits(event, event.render());
  }

  /** The same, given the event's wire text. */
  public boolean admits(AmiMessage event, String data) {
    if (includes.isEmpty() && excludes.isEmpty()) return true;
    String name = event.get("Event");
    boolean included = includes.isEmpty() || includes.stream().anyMatch(f -> f.matches(name, data));
    return included && excludes.stream().noneMatch(f -> f.matches(name, data));
  }
}
