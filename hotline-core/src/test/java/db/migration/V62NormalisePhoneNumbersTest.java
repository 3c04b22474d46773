package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

/** Rows normalised by the two old rules get the one form; rows already right are left alone. */
class V62NormalisePhoneNumbersTest {
  private final TestDb db = TestDatabase.create();

  @Test
  void storedNumbersGetTheOneForm() throws Exception {
    try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
      assertThat(column(s, "select version, success::text from flyway_schema_history where version = '62'"))
          .as("Flyway finds the Java migration").containsEntry("62", "true");
      s.execute("insert into users (username, password_hash, display_name, role, org_code)"
          + " values ('mig', 'x', 'mig', 'OPERATOR', '630100')");
      // As the old core rule stored them: Beijing without its 0, a foreign number as bare digits, garbage kept.
      insertTicket(s, 1, "+86 10 12345678", "1012345678");
      insertTicket(s, 2, "+1 415 555 0100", "14155550100");
      insertTicket(s, 3, "13812345678", "13812345678");
      insertTicket(s, 4, "anonymous", null);
      insertTicket(s, 5, "12345abc", "12345");
      s.execute("insert into calls (linkedid, caller_number, caller_number_norm) values"
          + " ('c1', '+86 10 12345678', '01012345678'), ('c2', '9716123456', null)");
      c.setAutoCommit(false);
      new V62__NormalisePhoneNumbers().migrate(new Context() {
        @Override public Configuration getConfiguration() { return null; }
        @Override public Connection getConnection() { return c; }
      });
      c.commit();
      assertThat(column(s, "select ref, caller_number_norm from tickets order by ref")).containsExactly(
          Map.entry("R1", "01012345678"), Map.entry("R2", "+14155550100"), Map.entry("R3", "13812345678"),
          Map.entry("R4", "null"), Map.entry("R5", "null"));
      assertThat(column(s, "select linkedid, caller_number_norm from calls order by linkedid")).containsExactly(
          Map.entry("c1", "01012345678"), Map.entry("c2", "09716123456"));
    }
  }

  private static void insertTicket(Statement s, int n, String number, String norm) throws Exception {
    s.execute("insert into tickets (ref, status, intake_org, caller_number, caller_number_norm, category, severity,"
        + " narrative, created_by, created_at, updated_at) values ('R" + n + "', 'NEW', '630100', '" + number + "', "
        + (norm == null ? "null" : "'" + norm + "'") + ", 'CONSULTATION', 'CONSULT', 'n', (select id from users),"
        + " now(), now())");
  }

  private static Map<String, String> column(Statement s, String sql) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) out.put(rs.getString(1), String.valueOf(rs.getString(2)));
    }
    return out;
  }
}
