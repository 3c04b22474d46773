package cn.hotline12349.core.stats.bench;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.stats.CsvRows;
import cn.hotline12349.core.stats.ExportFilter;
import cn.hotline12349.core.stats.TicketExport;
import cn.hotline12349.core.stats.XlsxSheet;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;

/**
 * A year of a province exported (scripts/bench/export-year): N tickets over 2026 at every county, streamed to CSV and
 * to XLSX into byte-counting sinks under a small heap; prints rows, bytes, time, peak heap and the page query's plan.
 */
public final class ExportBench {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    OrgTree orgs = OrgUnitsCsv.load(ConfigDir.resolve());
    TestDb db = TestDatabase.create();
    Actor prov = db.insertUser("prov", Role.PROVINCE_SUPERVISOR, "630000");
    long t0 = System.nanoTime();
    try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
      s.executeUpdate("""
          with counties as (select array_agg(code order by code) a from org_units where tier = 'COUNTY')
          insert into tickets (ref, status, intake_org, county_code, caller_number, caller_relation, category, severity,
            narrative, created_by, created_at, updated_at)
          select 'QH2026-' || lpad(g::text, 7, '0'), 'CLOSED', o.parent_code, o.code, '1390000' || lpad((g %% 10000)::text, 4, '0'),
            'neighbour', (array['VIOLATION','LIFE_DIFFICULTY','PSYCHOLOGICAL','CONSULTATION','REFERRAL_OTHER'])[1 + g %% 5],
            (array['EMERGENCY','HIGH','NORMAL','CONSULT'])[1 + g %% 4], repeat('叙述文本', 40), %d,
            timestamptz '2026-01-01 00:00+08' + (g * (365.0 * 86400 / %d)) * interval '1 second', now()
          from generate_series(1, %d) g, counties, org_units o where o.code = counties.a[1 + g %% array_length(counties.a, 1)]"""
          .formatted(prov.userId(), n, n));
      s.executeUpdate("insert into ticket_children (ticket_id, position, name, age) select id, 0, '儿童' || id, id % 18 from tickets");
      s.execute("analyze");
      System.out.printf("generated %,d tickets in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
      try (ResultSet rs = s.executeQuery("explain " + TicketExport.pageSqlForExplain())) {
        System.out.println("page query plan:");
        while (rs.next()) System.out.println("  " + rs.getString(1));
      }
    }
    Vertx vertx = Vertx.vertx();
    try {
      TicketExport export = new TicketExport(db.pool(vertx), orgs, Clock.systemUTC());
      ExportFilter year = new ExportFilter(null, null, null, null, null);
      for (boolean xlsx : new boolean[] {false, true}) {
        System.gc();
        resetPeaks();
        Counting out = new Counting();
        long start = System.nanoTime();
        long rows;
        if (xlsx) {
          XlsxSheet sheet = new XlsxSheet(out, "tickets", TicketExport.header(true));
          rows = export.stream(prov, year, true, page -> vertx.executeBlocking(() -> { sheet.write(page); return null; })
              .mapEmpty()).await();
          sheet.close();
        } else {
          out.write((CsvRows.BOM + CsvRows.line(TicketExport.header(true))).getBytes(StandardCharsets.UTF_8));
          rows = export.stream(prov, year, true, page -> {
            StringBuilder b = new StringBuilder();
            page.forEach(r -> b.append(CsvRows.line(r)));
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            return Future.succeededFuture();
          }).await();
        }
        System.out.printf("%s: %,d rows, %,d bytes, %.1f s, peak heap %d MiB (max %d MiB)%n", xlsx ? "xlsx" : "csv ",
            rows, out.count, (System.nanoTime() - start) / 1e9, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
      }
    } finally {
      vertx.close().await();
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
    return sum;
  }

  private static final class Counting extends OutputStream {
    long count;

    @Override public void write(int b) { count++; }

    @Override public void write(byte[] b, int off, int len) { count += len; }

    @Override public void write(byte[] b) { count += b.length; }
  }
}
