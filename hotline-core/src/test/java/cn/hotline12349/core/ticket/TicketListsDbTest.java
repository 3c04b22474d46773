package cn.hotline12349.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.intake.PriorityScore;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.sla.SlaConfig;
import cn.hotline12349.core.sla.SlaTransitionHook;
import cn.hotline12349.core.testing.MutableClock;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keyset lists under concurrent inserts, the search box by every kind, and its scope. */
class TicketListsDbTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  private final TestDb db = TestDatabase.create();
  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T02:00:00Z"));
  private TicketService tickets;
  private TicketLists lists;
  private Actor op;
  private Actor opYushu;
  private Actor chengdong;
  private Actor yushu;
  private Actor province;

  @BeforeEach
  void setUp() throws Exception {
    var pool = db.pool(vertx);
    tickets = new TicketService(pool, vertx.eventBus(), ORGS, clock);
    tickets.addHook(new SlaTransitionHook(SlaConfig.load(ConfigDir.resolve())));
    lists = new TicketLists(pool, ORGS, clock);
    op = db.insertUser("op1", Role.OPERATOR, "630100");
    opYushu = db.insertUser("op2", Role.OPERATOR, "632700");
    chengdong = db.insertUser("h1", Role.COUNTY_HANDLER, "630102");
    yushu = db.insertUser("h2", Role.COUNTY_HANDLER, "632701");
    province = db.insertUser("p1", Role.PROVINCE_SUPERVISOR, "630000");
  }

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void keysetPagesNeitherSkipNorRepeatWhileTicketsArrive() {
    Random random = new Random(12349);
    Set<Long> before = new HashSet<>();
    for (int i = 0; i < 45; i++) before.add(create(random, i).id());
    for (TicketFilter.Order order : TicketFilter.Order.values()) {
      for (Actor who : List.of(province, op, chengdong)) {
        TicketFilter f = new TicketFilter(null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, order, 7, null);
        List<Long> seen = new ArrayList<>();
        TicketListPage page = lists.list(who, f).await();
        assertThat(page.count()).isNotNull();
        long firstCount = page.count();
        int pages = 0;
        while (true) {
          page.items().forEach(t -> seen.add(t.id()));
          // New tickets of every priority land before and after the cursor while we page.
          create(random, 100 + pages);
          create(random, 200 + pages);
          if (page.next() == null) break;
          page = lists.list(who, f.withCursor(page.next())).await();
          assertThat(page.count()).as("counted on the first page only").isNull();
          pages++;
        }
        assertThat(seen).as("%s %s: no ticket twice", order, who.username()).doesNotHaveDuplicates();
        Set<Long> visible = before.stream().filter(id -> visibleTo(who, id)).collect(Collectors.toSet());
        assertThat(seen).as("%s %s: every ticket that was there", order, who.username()).containsAll(visible);
        assertThat(firstCount).isGreaterThanOrEqualTo(visible.size());
        clock.advance(Duration.ofMinutes(1));
      }
    }
  }

  @Test
  void queueOrderIsStoredPriorityThenDeadlineAndItsRankIsTheStaticPriorityScore() throws Exception {
    Random random = new Random(7);
    List<TicketRecord> made = new ArrayList<>();
    for (int i = 0; i < 30; i++) made.add(create(random, i));
    TicketListPage page = lists.list(province, new TicketFilter(null, null, null, null, null, true, null, null, null,
        null, null, null, null, null, TicketFilter.Order.QUEUE, 200, null)).await();
    assertThat(page.priorities()).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    for (int i = 0; i < page.items().size(); i++) {
      TicketRecord t = tickets.get(province, page.items().get(i).id()).await();
      assertThat(page.priorities().get(i)).as("ticket %d", t.id())
          .isEqualTo(PriorityScore.score(t.severity(), vulnerability(t.children()), t.createdAt(), t.createdAt()));
    }
    try (Connection c = db.jdbc(); ResultSet rs = c.createStatement().executeQuery("""
        select t.queue_due, (select min(d.due_at) from sla_deadlines d where d.ticket_id = t.id and d.status = 'RUNNING')
          from tickets t where t.county_code is not null""")) {
      int n = 0;
      while (rs.next()) {
        assertThat(rs.getTimestamp(1)).isEqualTo(rs.getTimestamp(2));
        n++;
      }
      assertThat(n).isGreaterThan(10);
    }
  }

  @Test
  void oneSearchBoxFindsByEveryFieldInScopeOnly() throws Exception {
    TicketRecord t = tickets.create(op, new TicketDraft("+86 139-0971-2345", "邻居",
        List.of(new ChildDraft("张小丽", 9, ChildDraft.Gender.FEMALE, "630102", "城东区建国路幸福里7号", false, false)),
        Category.VIOLATION, "NEGLECT", Severity.HIGH, "孩子独自在家三天，邻居送饭。", null, null, null), "630102").await();
    tickets.act(chengdong, t.id(), new TicketCommand.Claim(), null).await();
    tickets.act(chengdong, t.id(), new TicketCommand.AddNote("走访时发现孩子左臂有淤青", true), null).await();
    Random random = new Random(3);
    for (int i = 0; i < 20; i++) create(random, i);
    List<String> queries = List.of(t.ref(), t.ref().substring(0, 12), "13909712345", "0086 139 0971 2345", "2345",
        "张小丽", "小丽", "zhangxiaoli", "xiaoli", "XL", "zxl", "左臂有淤青", "幸福里", "送饭");
    for (String q : queries) {
      assertThat(search(chengdong, q)).as("own county finds it by %s", q).contains(t.id());
      assertThat(search(op, q)).as("the intake prefecture by %s", q).contains(t.id());
      assertThat(search(province, q)).as("the province by %s", q).contains(t.id());
      assertThat(search(yushu, q)).as("another county never, by %s", q).doesNotContain(t.id());
      assertThat(search(opYushu, q)).as("another prefecture never, by %s", q).doesNotContain(t.id());
    }
    assertThat(search(chengdong, "xiaoli")).as("pinyin of the given name").containsExactly(t.id());
    assertThat(search(chengdong, "13909712345")).containsExactly(t.id());
    assertThat(TicketSearch.kinds("2345")).containsExactly(TicketSearch.Kind.LAST4);
    assertThat(TicketSearch.kinds("xl")).containsExactly(TicketSearch.Kind.NAME);
    assertThatThrownBy(() -> search(chengdong, "?")).hasMessageContaining("search by");
    try (Connection c = db.jdbc(); ResultSet rs = c.createStatement().executeQuery(
        "select count(*), bool_and(detail not like '%小丽%' and detail not like '%2345%') from audit_log where action = 'search'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("every search audited").isGreaterThanOrEqualTo(queries.size() * 5 + 2);
      assertThat(rs.getBoolean(2)).as("the audit keeps kinds and ids, not what was typed").isTrue();
    }
  }

  private List<Long> search(Actor who, String q) {
    TicketFilter f = new TicketFilter(null, null, null, null, null, null, null, null, null, null, null, null, null, q,
        null, 50, null);
    return lists.list(who, f).await().items().stream().map(TicketRecord::id).toList();
  }

  private TicketRecord create(Random random, int i) {
    String county = List.of("630102", "630103", "632701", "632801").get(random.nextInt(4));
    Severity sev = List.of(Severity.EMERGENCY, Severity.HIGH, Severity.NORMAL).get(random.nextInt(3));
    Integer age = random.nextInt(4) == 0 ? null : random.nextInt(18);
    List<ChildDraft> kids = List.of(new ChildDraft("儿童" + i, age, null, county, null, random.nextInt(6) == 0,
        random.nextInt(6) == 0));
    clock.advance(Duration.ofSeconds(1 + random.nextInt(40)));
    Actor by = county.startsWith("6301") ? op : county.startsWith("6327") ? opYushu : op;
    return tickets.create(by, new TicketDraft(null, null, kids, Category.LIFE_DIFFICULTY, null, sev, "第" + i + "件",
        null, null, null), county).await();
  }

  private boolean visibleTo(Actor who, long id) {
    TicketRecord t = tickets.get(province, id).await();
    return AccessScope.of(who, ORGS).allows(t.intakeOrg(), t.countyCode(), ORGS);
  }

  private static PriorityScore.Vulnerability vulnerability(List<ChildDraft> kids) {
    Integer youngest = kids.stream().map(ChildDraft::age).filter(a -> a != null).min(Integer::compare).orElse(null);
    return new PriorityScore.Vulnerability(youngest, kids.stream().anyMatch(ChildDraft::disability),
        kids.stream().anyMatch(ChildDraft::noGuardian));
  }
}
