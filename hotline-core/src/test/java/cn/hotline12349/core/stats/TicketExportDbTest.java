package cn.hotline12349.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exports stream page by page, carry no personal data by default, and read back with the library. */
class TicketExportDbTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  private final TestDb db = TestDatabase.create();
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void csvAndXlsxCarryEveryMatchingTicketPageByPage() throws Exception {
    Actor prov = db.insertUser("prov", Role.PROVINCE_SUPERVISOR, "630000");
    Actor op = db.insertUser("op", Role.OPERATOR, "630100");
    try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
      // 1,150 tickets (three pages), a third of them HIGH, half at Haixi; names and numbers on every one.
      s.executeUpdate("""
          insert into tickets (ref, status, intake_org, county_code, caller_number, caller_relation, category, severity,
            narrative, created_by, created_at, updated_at)
          select 'QH20261101-' || lpad(g::text, 6, '0'), 'DISPATCHED', case when g % 2 = 0 then '630100' else '632800' end,
            case when g % 2 = 0 then '630102' else '632801' end, '1390000' || lpad(g::text, 4, '0'), 'mother',
            'LIFE_DIFFICULTY', case when g % 3 = 0 then 'HIGH' else 'NORMAL' end, '叙述=文本 ' || g,
            """ + op.userId() + ", timestamptz '2026-11-01 02:00Z' + g * interval '1 minute', now() from generate_series(1, 1150) g");
      s.executeUpdate("insert into ticket_children (ticket_id, position, name, age) select id, 0, '张小' || id, 7 from tickets");
    }
    TicketExport export = new TicketExport(db.pool(vertx), ORGS, Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
    List<Integer> pages = new ArrayList<>();
    StringBuilder csv = new StringBuilder(CsvRows.line(TicketExport.header(false)));
    long n = export.stream(prov, new ExportFilter(null, null, null, null, null), false, rows -> {
      pages.add(rows.size());
      rows.forEach(r -> csv.append(CsvRows.line(r)));
      return Future.succeededFuture();
    }).await();
    assertThat(n).isEqualTo(1150);
    assertThat(pages).containsExactly(500, 500, 150);
    assertThat(csv.toString().lines().count()).isEqualTo(1151);
    assertThat(csv.toString()).doesNotContain("1390000", "张小", "叙述").contains("QH20261101-000001");

    // XLSX of the HIGH tickets of Xining, with personal data (province supervisor), read back with FastExcel's reader.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    XlsxSheet sheet = new XlsxSheet(bytes, "tickets", TicketExport.header(true));
    long high = export.stream(prov, new ExportFilter(null, List.of(Severity.HIGH), "630100", null, null), true, rows -> {
      sheet.write(rows);
      return Future.succeededFuture();
    }).await();
    sheet.close();
    assertThat(high).isEqualTo(1150 / 6); // g divisible by 2 and 3
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
      List<Row> rows = wb.getFirstSheet().read();
      assertThat(rows).hasSize((int) high + 1);
      assertThat(rows.get(0).stream().map(cell -> cell.getText()).collect(Collectors.toList()))
          .isEqualTo(TicketExport.header(true));
      Row first = rows.get(1);
      assertThat(first.getCellText(0)).isEqualTo("QH20261101-000006");
      assertThat(first.getCellText(5)).isEqualTo("HIGH");
      assertThat(first.getCellText(7)).isEqualTo("西宁市");
      assertThat(first.getCellText(TicketExport.header(true).indexOf("child_names"))).startsWith("张小");
      assertThat(first.getCellText(TicketExport.header(true).indexOf("caller_number"))).isEqualTo("13900000006");
    }
    assertThatThrownBy(() -> export.stream(op, new ExportFilter(null, null, null, null, null), true,
        rows -> Future.succeededFuture()).await()).isInstanceOf(RuleViolationException.class);
    // The operator's plain export holds only Xining's tickets; every export is audited.
    List<Object> intakeOrgs = new ArrayList<>();
    export.stream(op, new ExportFilter(null, null, null, null, null), false, rows -> {
      rows.forEach(r -> intakeOrgs.add(r.get(6)));
      return Future.succeededFuture();
    }).await();
    assertThat(intakeOrgs).hasSize(575).containsOnly("630100");
    try (Connection c = db.jdbc(); Statement s = c.createStatement();
         var rs = s.executeQuery("select string_agg(action, ',' order by id) from audit_log")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("export,export-full,export");
    }
  }

  /**
   * Thousands of pages in one export (page size 1 here; 1.5 million rows at 500 a page are as many): the pages were a
   * self-calling compose chain, one nested future per page: at 3,000 pages (also 5,000, 8,000) every page was read,
   * then the chain overflowed the event loop's stack, the error was swallowed and the export never completed.
   */
  @Test
  void anExportOfThousandsOfPagesCompletes() throws Exception {
    int tickets = Integer.getInteger("export.tickets", 3_000);
    Actor prov = db.insertUser("prov", Role.PROVINCE_SUPERVISOR, "630000");
    try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
      s.executeUpdate("""
          insert into tickets (ref, status, intake_org, county_code, category, severity, narrative, created_by,
            created_at, updated_at)
          select 'QH20261101-' || lpad(g::text, 6, '0'), 'DISPATCHED', '630100', '630102', 'LIFE_DIFFICULTY', 'NORMAL',
            'n', """ + prov.userId() + ", now(), now() from generate_series(1, " + tickets + ") g");
    }
    TicketExport export = new TicketExport(db.pool(vertx), ORGS, Clock.systemUTC(), 1);
    java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
    io.vertx.core.Promise<Long> result = io.vertx.core.Promise.promise();
    // from a verticle's context, as the HTTP route calls it
    vertx.getOrCreateContext().runOnContext(v -> export.stream(prov, new ExportFilter(null, null, null, null, null),
        false, rows -> {
          pages.incrementAndGet();
          return Future.succeededFuture();
        }).onComplete(result));
    Long n = null;
    try {
      n = result.future().await(Integer.getInteger("export.wait", 60), java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // asserted below, with how far it got
    }
    assertThat(n).as("the export completed (pages read: %d)", pages.get()).isEqualTo(tickets);
    assertThat(pages).hasValue(tickets);
  }

  @Test
  void csvCellsAreQuotedAndFormulasDefused() {
    assertThat(CsvRows.line(List.of("a,b", "say \"hi\"", "=SUM(A1)", 5))).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),5\r\n");
  }
}
