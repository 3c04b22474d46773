package cn.hotline12349.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No method loops by calling itself inside {@code compose}/{@code flatMap}/{@code transform}: such a chain nests one
 * future per step and overflows the event loop's stack at a few thousand steps, silently (the future never
 * completes). Asynchronous loops use {@link cn.hotline12349.core.async.Loops#untilDone}. Read from the source of
 * every module; a source heuristic, so it looks at one statement at a time.
 */
class NoRecursiveComposeLoopsTest {
  private static final Pattern METHOD = Pattern.compile(
      "(?m)^\\s*(?:(?:public|private|protected|static|final|synchronized)\\s+)*(?:<[^>]+>\\s+)?[\\w.<>\\[\\], ?]+\\s+(\\w+)\\s*\\([^;{)]*\\)[^;{]*\\{");

  /** Methods of {@code java} in which a compose-like call's statement calls the method itself (unqualified). */
  static List<String> selfComposingMethods(String java) {
    List<String> out = new ArrayList<>();
    Matcher m = METHOD.matcher(java);
    while (m.find()) {
      String name = m.group(1);
      String body = body(java, m.end());
      Pattern self = Pattern.compile("\\.(?:compose|flatMap|transform|eventually)\\([^;]*(?<![.\\w])"
          + Pattern.quote(name) + "\\s*\\(");
      if (self.matcher(body).find()) out.add(name);
    }
    return out;
  }

  private static String body(String java, int from) {
    int depth = 1;
    int i = from;
    while (i < java.length() && depth > 0) {
      char c = java.charAt(i++);
      if (c == '{') depth++;
      else if (c == '}') depth--;
    }
    return java.substring(from, i);
  }

  @Test
  void theDetectorFindsTheOldLoopsAndLeavesOrdinaryChainsAlone() {
    assertThat(selfComposingMethods("""
        private Future<Integer> fireAllDue(int soFar) {
          return fireBatch().compose(n -> n.claimed() == 0 ? Future.succeededFuture(soFar + n.fired().size())
              : fireAllDue(soFar + n.fired().size()));
        }""")).containsExactly("fireAllDue");
    assertThat(selfComposingMethods("""
        private Future<Long> page(Actor actor, long afterId) {
          return pool.query(sql).execute().compose(rows -> {
            long last = 1;
            return sink.apply(out).compose(v -> n < PAGE ? Future.succeededFuture(n) : page(actor, last));
          });
        }""")).containsExactly("page");
    assertThat(selfComposingMethods("""
        public Future<JsonObject> get(String id) {
          return store.get(id).compose(r -> calls.get(id, r));
        }
        private Future<Void> retry(int n) {
          return Future.succeededFuture();
        }""")).isEmpty();
  }

  @Test
  void mainCodeHasNoSelfCallingComposeLoops() throws IOException {
    Map<String, String> files = MainSources.all();
    List<String> found = new ArrayList<>();
    files.forEach((rel, text) -> selfComposingMethods(text).forEach(method -> found.add(rel + ": " + method)));
    assertThat(files).as("source files scanned").hasSizeGreaterThan(100);
    assertThat(found).as("a method looping by calling itself in compose (use Loops.untilDone)").isEmpty();
  }
}
