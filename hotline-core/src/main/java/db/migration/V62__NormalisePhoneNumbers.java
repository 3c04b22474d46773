package db.migration;

import cn.hotline12349.core.domain.PhoneNumber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Objects;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Recomputes {@code caller_number_norm} of tickets and calls with the one phone-number rule
 * ({@link PhoneNumber}): hotline-core and telephony-bridge used to normalise differently (foreign, 010 and
 * area-code-less numbers), so caller look-ups had to try both forms. A Java migration so the rule lives in one place.
 */
public class V62__NormalisePhoneNumbers extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    normalise(c, "tickets", "id");
    normalise(c, "calls", "linkedid");
  }

  private static void normalise(Connection c, String table, String key) throws Exception {
    try (Statement read = c.createStatement();
         PreparedStatement write = c.prepareStatement(
             "update " + table + " set caller_number_norm = ? where " + key + " = ?")) {
      read.setFetchSize(5_000);
      int pending = 0;
      try (ResultSet rs = read.executeQuery("select " + key + ", caller_number, caller_number_norm from " + table
          + " where caller_number is not null")) {
        while (rs.next()) {
          String norm = PhoneNumber.normalize(rs.getString(2));
          if (Objects.equals(norm, rs.getString(3))) continue;
          write.setString(1, norm);
          write.setObject(2, rs.getObject(1));
          write.addBatch();
          if (++pending == 1_000) {
            write.executeBatch();
            pending = 0;
          }
        }
      }
      if (pending > 0) write.executeBatch();
    }
  }
}
