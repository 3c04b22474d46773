package cn.hotline12349.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table (docs/architecture.md, "Table owners"): SQL naming a table appears only in its owner's
 * classes. Read from the source of every module, so telephony-bridge and dispatch-ui are checked too.
 */
class TableOwnersTest {
  private static final String CORE = "hotline-core/src/main/java/cn/hotline12349/core/";

  /** Table → path prefixes (from the repository root) whose SQL may name it. */
  private static final Map<String, List<String>> OWNERS = Map.ofEntries(
      Map.entry("tickets", List.of(CORE + "ticket/",
          // Known readers outside the ticket package, listed in docs/architecture.md: the SLA firer locks the
          // ticket row with its due deadline; the board's lists join tickets for scope (rewritten on branch scale).
          CORE + "sla/SlaStore.java", CORE + "sla/SlaBoardLists.java", CORE + "sla/SlaBoard.java",
          CORE + "intake/store/IntakeExamples.java",
          // Read-only joins of reports and the loop's scoped lists (issue 16); their writes go through the owners.
          CORE + "stats/", CORE + "referral/MandatoryBoard.java",
          CORE + "followup/FollowUps.java",
          // The province-sized generator writes straight into the tables (COPY-like bulk SQL, issue 12).
          CORE + "generate/",
          "hotline-core/src/main/java/db/migration/")),
      Map.entry("ticket_events", List.of(CORE + "ticket/TicketEventLog.java", CORE + "stats/StatsRepository.java",
          CORE + "generate/")),
      Map.entry("ticket_children", List.of(CORE + "ticket/TicketStore.java", CORE + "ticket/DuplicateFinder.java",
          CORE + "stats/TicketExport.java", CORE + "ticket/TicketLists.java", CORE + "ticket/TicketSummaries.java",
          CORE + "generate/")),
      // Ticket and link reads join users for a display name; creation writes its audit rows in its one statement.
      Map.entry("users", List.of(CORE + "user/UserStore.java", CORE + "ticket/TicketStore.java",
          CORE + "ticket/TicketLinkStore.java", CORE + "attachment/AttachmentStore.java",
          CORE + "ticket/", CORE + "generate/")),
      Map.entry("login_failures", List.of(CORE + "user/LoginThrottleStore.java")),
      Map.entry("ticket_attachments", List.of(CORE + "attachment/AttachmentStore.java")),
      Map.entry("sessions", List.of(CORE + "user/UserStore.java")),
      Map.entry("ticket_links", List.of(CORE + "ticket/TicketLinkStore.java")),
      Map.entry("ticket_idempotency", List.of(CORE + "ticket/TicketStore.java")),
      Map.entry("audit_log", List.of(CORE + "ticket/AuditLog.java", CORE + "ticket/TicketEventLog.java",
          CORE + "audit/AuditTrail.java")),
      Map.entry("supervision_orders", List.of(CORE + "sla/Supervision.java", CORE + "sla/SlaBoardLists.java")),
      Map.entry("board_counts", List.of(CORE + "sla/BoardCounters.java", CORE + "sla/BoardAggregates.java")),
      Map.entry("board_count_deltas", List.of(CORE + "sla/BoardCounters.java", CORE + "sla/BoardAggregates.java")),
      Map.entry("board_hour_counts", List.of(CORE + "sla/BoardCounters.java", CORE + "sla/BoardAggregates.java")),
      Map.entry("sla_deadlines", List.of(CORE + "sla/SlaStore.java", CORE + "sla/SlaBoardLists.java",
          CORE + "sla/SlaBoard.java", CORE + "stats/StatsRepository.java", CORE + "referral/ReferralStore.java",
          CORE + "referral/MandatoryBoard.java", CORE + "followup/FollowUps.java", CORE + "sla/BoardAggregates.java",
          CORE + "ticket/TicketListQuery.java", CORE + "generate/")));

  @Test
  void sqlOnATableLivesWithItsOwner() throws IOException {
    Path root = Path.of(System.getProperty("hotline.repo.root", ".."));
    List<String> strays = new ArrayList<>();
    for (String module : List.of("hotline-core", "telephony-bridge", "dispatch-ui")) {
      Path src = root.resolve(module).resolve("src/main/java");
      assertThat(src).isDirectory();
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String rel = root.relativize(f).toString().replace('\\', '/');
          String text = Files.readString(f);
          OWNERS.forEach((table, owners) -> {
            Pattern sql = Pattern.compile("(?i)\\b(from|join|update|into)\\s+" + table + "\\b");
            if (sql.matcher(text).find() && owners.stream().noneMatch(rel::startsWith)) strays.add(rel + " → " + table);
          });
        }
      }
    }
    assertThat(strays).as("SQL on a table outside its owner").isEmpty();
  }
}
