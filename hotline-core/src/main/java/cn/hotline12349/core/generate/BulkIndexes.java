package cn.hotline12349.core.generate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * For a big load: the secondary indexes of the loaded tables are dropped first and built again afterwards (a build
 * from sorted data is many times faster than a million inserts into each). Constraint indexes stay. The definitions
 * are printed before dropping, so an interrupted run can be repaired by hand.
 */
record BulkIndexes(List<String> definitions) {
  static final long THRESHOLD = 50_000;
  static final BulkIndexes NONE = new BulkIndexes(List.of());

  static BulkIndexes drop(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    List<String> defs = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("""
             select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
               from pg_index i join pg_class t on t.oid = i.indrelid
              where t.relname in ('tickets', 'ticket_children', 'ticket_events', 'sla_deadlines')
                and t.relnamespace = 'public'::regnamespace
                and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)""")) {
      while (rs.next()) {
        names.add(rs.getString(1));
        defs.add(rs.getString(2));
      }
    }
    System.out.println("rebuilding after the load: " + String.join("; ", defs));
    try (Statement s = c.createStatement()) {
      for (String name : names) s.execute("drop index " + name);
    }
    return new BulkIndexes(List.copyOf(defs));
  }

  void restore(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("set maintenance_work_mem = '512MB'");
      for (String def : definitions) s.execute(def);
    }
  }
}
