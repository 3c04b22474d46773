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
 * SQL lives in repositories (stores), not in services: no string literal or text block of a class whose name ends in
 * {@code Service} holds a statement. Read from the source of every module.
 */
class NoSqlInServicesTest {
  /** Text blocks first (they contain quotes), then ordinary string literals. */
  private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:\\\\.|[^\"\\\\\\n])*)\"", Pattern.DOTALL);

  /** A literal that starts a statement, or holds the heart of one (also when the rest is concatenated on). */
  private static final Pattern SQL = Pattern.compile("(?is)^\\s*(select|insert\\s+into|update\\s+\\w+\\s+set|delete\\s+from"
      + "|with\\s+\\w+\\s+as\\s*\\(|copy\\s+\\w+|merge\\s+into)\\b"
      + "|\\b(insert\\s+into|delete\\s+from)\\s+\\w+|\\bupdate\\s+\\w+\\s+set\\s+\\w+\\s*=|\\bselect\\b.*\\bfrom\\s+\\w+"
      + "|\\bfor\\s+update\\b|\\bon\\s+conflict\\b"
      // a bind parameter ($1) compared, listed or assigned: only SQL has them
      + "|[=(,]\\s*\\$\\d+\\b");

  static List<String> sqlLiterals(String java) {
    List<String> out = new ArrayList<>();
    Matcher m = LITERAL.matcher(java);
    while (m.find()) {
      String text = m.group(1) != null ? m.group(1) : m.group(2);
      if (SQL.matcher(text).find()) out.add(text.strip().lines().findFirst().orElse(""));
    }
    return out;
  }

  @Test
  void theDetectorFindsStatementsAndLeavesMessagesAlone() {
    assertThat(sqlLiterals("x = pool.preparedQuery(\"select \" + COLUMNS + \" from partners where id = $1\");")).hasSize(2);
    assertThat(sqlLiterals("q(\"\"\"\n    insert into follow_ups (a) values ($1)\n    \"\"\");")).hasSize(1);
    assertThat(sqlLiterals("q(\"update calls set ticket_id = $2 where linkedid = $1\");")).hasSize(1);
    assertThat(sqlLiterals("q(\"with t as (select 1) delete from x\");")).hasSize(1);
    assertThat(sqlLiterals("fail(\"only an admin edits the partner directory\", \"a partner with code \\\" exists\");"
        + " put(\"selected\", \"update the ticket first\");")).isEmpty();
  }

  @Test
  void servicesHoldNoSql() throws IOException {
    Map<String, String> services = MainSources.endingWith("Service.java");
    List<String> found = new ArrayList<>();
    services.forEach((rel, text) -> sqlLiterals(text).forEach(sql -> found.add(rel + ": " + sql)));
    assertThat(services).as("services scanned").hasSizeGreaterThan(5);
    assertThat(found).as("SQL in a service (move it into the aggregate's store/repository)").isEmpty();
  }
}
