package cn.hotline12349.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestDatabaseTest {
  @Test
  void eachDatabaseIsFreshMigratedAndHoldsTheOrgTree() throws Exception {
    TestDb a = TestDatabase.create();
    TestDb b = TestDatabase.create();
    assertThat(a.jdbcUrl()).isNotEqualTo(b.jdbcUrl());
    try (Connection c = a.jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "select tier, count(*) from org_units group by tier order by tier")) {
      StringBuilder counts = new StringBuilder();
      while (rs.next()) counts.append(rs.getString(1)).append('=').append(rs.getInt(2)).append(' ');
      assertThat(counts.toString().trim()).isEqualTo("COUNTY=45 PREFECTURE=8 PROVINCE=1");
    }
    try (Connection c = a.jdbc()) {
      c.createStatement().execute("insert into users (username, password_hash, display_name, role, org_code) "
          + "values ('only-in-a', 'x', 'A', 'ADMIN', '630000')");
    }
    try (Connection c = b.jdbc(); ResultSet rs = c.createStatement().executeQuery("select count(*) from users")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }
}
