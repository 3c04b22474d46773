package cn.hotline12349.core.db;

import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.OrgUnit;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Copies configuration-owned reference data (the org tree) into the database at start-up, parents first, so that
 * foreign keys hold. Blocking (JDBC): run it beside the migrations, off the event loop.
 */
public final class ReferenceData {
  private ReferenceData() {}

  public static void sync(DatabaseConfig config, OrgTree orgs) {
    DatabaseConfig db = config.migrator();
    String sql = """
        insert into org_units (code, name_zh, name_en, tier, parent_code) values (?, ?, ?, ?, ?)
        on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
          tier = excluded.tier, parent_code = excluded.parent_code""";
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement ps = c.prepareStatement(sql)) {
      c.setAutoCommit(false);
      for (var tier : cn.hotline12349.core.domain.Tier.values()) {
        for (OrgUnit u : orgs.ofTier(tier)) {
          ps.setString(1, u.code());
          ps.setString(2, u.nameZh());
          ps.setString(3, u.nameEn());
          ps.setString(4, u.tier().name());
          ps.setString(5, u.parentCode());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("could not load the org tree into " + db, e);
    }
  }
}
