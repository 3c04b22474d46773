package cn.hotline12349.ui.webroot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Both dictionaries carry the same keys, and every key the UI's code names exists in both. */
class I18nKeysTest {
  static final Path WEBROOT = Path.of("src", "main", "resources", "webroot");
  private static final Pattern T_CALL = Pattern.compile("\\bt\\(\\s*['\"]([\\w.\\-]+)['\"]");
  private static final Pattern DATA_ATTR = Pattern.compile("data-i18n(?:-aria)?=[\"']([\\w.\\-]+)[\"']");
  private static final Pattern TEMPLATE = Pattern.compile("\\bt\\(`([\\w.\\-]+\\.)\\$\\{");
  private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF]");

  static JsonObject dict(String lang) throws IOException {
    return new JsonObject(Files.readString(WEBROOT.resolve("i18n").resolve(lang + ".json")));
  }

  static List<Path> sources() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(WEBROOT)) {
      s.filter(p -> p.toString().endsWith(".js") || p.toString().endsWith(".html")).forEach(out::add);
    }
    return out;
  }

  @Test
  void bothDictionariesHaveTheSameKeys() throws IOException {
    Set<String> zh = dict("zh-CN").fieldNames();
    Set<String> en = dict("en").fieldNames();
    assertThat(zh).isNotEmpty();
    assertThat(new TreeSet<>(en)).as("keys of en.json").isEqualTo(new TreeSet<>(zh));
  }

  @Test
  void everyKeyUsedInTheCodeExistsInBoth() throws IOException {
    JsonObject zh = dict("zh-CN");
    JsonObject en = dict("en");
    Set<String> missing = new TreeSet<>();
    int used = 0;
    for (Path file : sources()) {
      String text = Files.readString(file);
      for (Pattern p : List.of(T_CALL, DATA_ATTR)) {
        Matcher m = p.matcher(text);
        while (m.find()) {
          used++;
          if (!zh.containsKey(m.group(1)) || !en.containsKey(m.group(1))) missing.add(file.getFileName() + ": " + m.group(1));
        }
      }
      Matcher m = TEMPLATE.matcher(text);
      while (m.find()) {
        String prefix = m.group(1);
        if (zh.fieldNames().stream().noneMatch(k -> k.startsWith(prefix))) missing.add(file.getFileName() + ": " + prefix + "*");
      }
    }
    assertThat(used).as("keys found in the code").isGreaterThan(100);
    assertThat(missing).isEmpty();
  }

  @Test
  void englishLabelsCarryNoChineseAndNoneIsEmpty() throws IOException {
    JsonObject en = dict("en");
    JsonObject zh = dict("zh-CN");
    List<String> bad = new ArrayList<>();
    for (String k : en.fieldNames()) {
      String v = en.getString(k);
      // app.lang names the other language in that language (中文), as language switches do.
      if (v == null || v.isBlank() || (CJK.matcher(v).find() && !k.equals("app.lang"))) bad.add(k + "=" + v);
      if (zh.getString(k) == null || zh.getString(k).isBlank()) bad.add("zh-CN " + k);
    }
    assertThat(bad).isEmpty();
  }
}
