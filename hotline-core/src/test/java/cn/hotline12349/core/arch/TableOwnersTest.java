package cn.hotline12349.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One owner per table (docs/architecture.md, "Table owners"), read from the source of every module:
 * <ol>
 *   <li>writes (INSERT INTO, UPDATE, DELETE FROM, COPY, TRUNCATE, MERGE INTO; an upsert's ON CONFLICT is part of its
 *   INSERT) appear only in the table's writer: one repository class for {@link #ONE_WRITER}'s tables. The only
 *   exceptions are the bulk loaders {@link #BULK_LOAD};</li>
 *   <li>reads (FROM/JOIN) appear in the writer, in classes of the owner's package ({@link Owner#home}), or in a
 *   read model named here and in the docs' table as a "read model (read-only join)", which must not write it.</li>
 * </ol>
 */
class TableOwnersTest {
  private static final String CORE = "hotline-core/src/main/java/cn/hotline12349/core/";
  private static final String TEL = "telephony-bridge/src/main/java/cn/hotline12349/telephony/";

  /** The province-sized generator and the migrations write straight into the tables (COPY-like bulk SQL, issue 12). */
  private static final List<String> BULK_LOAD = List.of(CORE + "generate/", "hotline-core/src/main/java/db/migration/");

  /** Tables whose rows are written by exactly one repository class. */
  private static final List<String> ONE_WRITER = List.of("tickets", "ticket_children", "users", "sla_deadlines",
      "ticket_events", "ticket_links", "ticket_idempotency", "ticket_attachments", "sessions", "login_failures",
      "supervision_orders", "partners", "follow_ups", "referrals", "calls");

  /**
   * @param writers    the files whose SQL may write the table
   * @param home       a package (path prefix) whose classes may read it, or null: only the listed files
   * @param readModels files elsewhere that read it in joins and never write it
   */
  private record Owner(List<String> writers, String home, List<String> readModels) { }

  private static Owner owner(String writer, String home, String... readModels) {
    return new Owner(List.of(writer), home, List.of(readModels));
  }

  private static final Map<String, Owner> OWNERS = new LinkedHashMap<>();

  static {
    OWNERS.put("tickets", owner(CORE + "ticket/TicketStore.java", CORE + "ticket/",
        // reports and exports
        CORE + "stats/StatsRepository.java", CORE + "stats/TicketExport.java",
        // the SLA board's scoped lists, and the firer's lock of the ticket row with its due deadline
        CORE + "sla/SlaBoardLists.java", CORE + "sla/SlaStore.java",
        // the loop's scoped lists: the mandatory-report board and the follow-up workbench
        CORE + "referral/ReferralStore.java", CORE + "followup/FollowUpStore.java",
        // labelled ticket notes to retrain the intake model (audited as one system read per rebuild)
        CORE + "intake/store/IntakeExamples.java"));
    OWNERS.put("ticket_children", owner(CORE + "ticket/TicketStore.java", CORE + "ticket/",
        CORE + "stats/TicketExport.java"));
    OWNERS.put("users", owner(CORE + "user/UserStore.java", CORE + "user/",
        // a display name next to a ticket, link or attachment
        CORE + "ticket/TicketStore.java", CORE + "ticket/TicketLists.java", CORE + "ticket/TicketListQuery.java",
        CORE + "ticket/TicketSummaries.java", CORE + "ticket/TicketLinkStore.java",
        CORE + "attachment/AttachmentStore.java"));
    OWNERS.put("sla_deadlines", owner(CORE + "sla/SlaStore.java", CORE + "sla/",
        CORE + "stats/StatsRepository.java", CORE + "ticket/TicketListQuery.java",
        CORE + "referral/ReferralStore.java", CORE + "followup/FollowUpStore.java"));
    OWNERS.put("ticket_events", owner(CORE + "ticket/TicketEventLog.java", null, CORE + "stats/StatsRepository.java"));
    OWNERS.put("ticket_links", owner(CORE + "ticket/TicketLinkStore.java", null));
    OWNERS.put("ticket_idempotency", owner(CORE + "ticket/TicketStore.java", null));
    OWNERS.put("ticket_attachments", owner(CORE + "attachment/AttachmentStore.java", null));
    OWNERS.put("sessions", owner(CORE + "user/UserStore.java", null));
    OWNERS.put("login_failures", owner(CORE + "user/LoginThrottleStore.java", null));
    // per-request access audit and the audit search; the ticket side's rows; a new ticket's rows in its creation
    OWNERS.put("audit_log", new Owner(List.of(CORE + "audit/AuditTrail.java", CORE + "ticket/AuditLog.java",
        CORE + "ticket/TicketEventLog.java"), null, List.of()));
    OWNERS.put("supervision_orders", owner(CORE + "sla/Supervision.java", null, CORE + "sla/SlaBoardLists.java"));
    // counters and their deltas are written by the writer's trigger-like statements and folded by compaction
    OWNERS.put("board_counts", owner(CORE + "sla/BoardCounters.java", null, CORE + "sla/BoardAggregates.java"));
    OWNERS.put("board_count_deltas", owner(CORE + "sla/BoardCounters.java", null, CORE + "sla/BoardAggregates.java"));
    OWNERS.put("board_hour_counts", owner(CORE + "sla/BoardCounters.java", null, CORE + "sla/BoardAggregates.java"));
    OWNERS.put("open_ticket_counts", owner(CORE + "ticket/OpenTicketCounters.java", null));
    OWNERS.put("open_ticket_count_deltas", owner(CORE + "ticket/OpenTicketCounters.java", null));
    OWNERS.put("partners", owner(CORE + "partner/PartnerStore.java", null, CORE + "referral/ReferralStore.java"));
    OWNERS.put("follow_ups", owner(CORE + "followup/FollowUpStore.java", null));
    OWNERS.put("referrals", owner(CORE + "referral/ReferralStore.java", null,
        CORE + "stats/StatsRepository.java", CORE + "stats/TicketExport.java"));
    OWNERS.put("mandatory_reports", owner(CORE + "referral/ReferralStore.java", null, CORE + "stats/TicketExport.java"));
    OWNERS.put("calls", owner(TEL + "store/PgCallStore.java", TEL + "store/", CORE + "stats/StatsRepository.java"));
    OWNERS.put("call_timeline", owner(TEL + "store/PgCallStore.java", TEL + "store/"));
    OWNERS.put("call_callbacks", owner(TEL + "store/PgCallStore.java", null));
  }

  private static final Path ROOT = MainSources.ROOT;

  private static Pattern writes(String table) {
    return Pattern.compile("(?i)\\b(insert\\s+into|update|delete\\s+from|copy|truncate(\\s+table)?|merge\\s+into)"
        + "\\s+(only\\s+)?" + table + "\\b");
  }

  private static Pattern names(String table) {
    return Pattern.compile("(?i)\\b(from|join|update|into|copy)\\s+" + table + "\\b");
  }

  private static boolean in(String rel, List<String> prefixes) {
    return prefixes.stream().anyMatch(rel::startsWith);
  }

  @Test
  void writesOnlyInTheTablesWriter() throws IOException {
    List<String> strays = new ArrayList<>();
    MainSources.all().forEach((rel, text) -> OWNERS.forEach((table, o) -> {
      if (writes(table).matcher(text).find() && !o.writers().contains(rel) && !in(rel, BULK_LOAD)) {
        strays.add(rel + " writes " + table);
      }
    }));
    assertThat(strays).as("SQL writing a table outside its writer (route it through the owner's repository)").isEmpty();
  }

  @Test
  void readsOnlyInTheOwnersPackageOrANamedReadModel() throws IOException {
    List<String> strays = new ArrayList<>();
    MainSources.all().forEach((rel, text) -> OWNERS.forEach((table, o) -> {
      boolean allowed = o.writers().contains(rel) || o.readModels().contains(rel) || in(rel, BULK_LOAD)
          || o.home() != null && rel.startsWith(o.home());
      if (!allowed && names(table).matcher(text).find()) strays.add(rel + " → " + table);
    }));
    assertThat(strays).as("SQL on a table outside its owner and its named read models").isEmpty();
  }

  @Test
  void readModelsExistReadTheirTableAndNeverWriteIt() throws IOException {
    Map<String, String> src = MainSources.all();
    List<String> wrong = new ArrayList<>();
    OWNERS.forEach((table, o) -> {
      for (String rel : o.readModels()) {
        String text = src.get(rel);
        if (text == null) wrong.add(rel + " (listed for " + table + ") does not exist");
        else if (!names(table).matcher(text).find()) wrong.add(rel + " no longer reads " + table + ": unlist it");
        else if (writes(table).matcher(text).find()) wrong.add(rel + " writes " + table + " but is listed as a read model");
      }
      for (String rel : o.writers()) if (!src.containsKey(rel)) wrong.add(rel + " (writer of " + table + ") does not exist");
    });
    assertThat(wrong).isEmpty();
  }

  @Test
  void singleWriterTablesHaveOneWriter() {
    for (String table : ONE_WRITER) assertThat(OWNERS.get(table).writers()).as(table).hasSize(1);
  }

  /** The docs name the same read models, so the rule is written down where people look for it. */
  @Test
  void theDocsListTheReadModels() throws IOException {
    String docs = Files.readString(ROOT.resolve("docs/architecture.md"));
    int start = docs.indexOf("## Table owners");
    assertThat(start).as("docs/architecture.md has a 'Table owners' section").isNotNegative();
    int end = docs.indexOf("\n## ", start + 3);
    String section = end < 0 ? docs.substring(start) : docs.substring(start, end);
    List<String> missing = new ArrayList<>();
    OWNERS.forEach((table, o) -> {
      String row = section.lines().filter(l -> l.startsWith("|") && l.contains("`" + table + "`")).findFirst().orElse("");
      if (row.isEmpty()) {
        missing.add(table + ": no row");
        return;
      }
      for (String rel : o.writers()) if (!row.contains(simpleName(rel))) missing.add(table + ": writer " + simpleName(rel));
      if (!o.readModels().isEmpty() && !row.contains("read models (read-only joins)")) {
        missing.add(table + ": no 'read models (read-only joins)'");
      }
      for (String rel : o.readModels()) if (!row.contains(simpleName(rel))) missing.add(table + ": read model " + simpleName(rel));
    });
    assertThat(missing).as("docs/architecture.md, Table owners").isEmpty();
  }

  private static String simpleName(String rel) {
    return rel.substring(rel.lastIndexOf('/') + 1, rel.length() - ".java".length());
  }
}
