package cn.hotline12349.ui.push;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.org.OrgUnitsCsv;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushFilterTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  private final PushFilter filter = new PushFilter(ORGS);

  private static final Actor PROV = new Actor(1, "prov", Role.PROVINCE_SUPERVISOR, "630000");
  private static final Actor OP_XINING = new Actor(2, "op-xining", Role.OPERATOR, "630100");
  private static final Actor H_CHENGDONG = new Actor(4, "h-chengdong", Role.COUNTY_HANDLER, "630102");
  private static final Actor H_YUSHU = new Actor(5, "h-yushu", Role.COUNTY_HANDLER, "632701");

  private static JsonObject ticket(String intakeOrg, String county) {
    return new JsonObject().put("ticketId", 7).put("intakeOrg", intakeOrg).put("countyCode", county);
  }

  @Test
  void ticketChangesReachOnlyTheScopeOfTheTicket() {
    JsonObject chengdong = ticket("630100", "630102");
    assertThat(filter.view(PROV, "hotline.ticket.changed", chengdong)).isPresent();
    assertThat(filter.view(OP_XINING, "hotline.ticket.changed", chengdong)).isPresent();
    assertThat(filter.view(H_CHENGDONG, "hotline.ticket.changed", chengdong)).isPresent();
    assertThat(filter.view(H_YUSHU, "hotline.ticket.changed", chengdong)).isEmpty();
  }

  @Test
  void aTransferIsNewsForTheCountyTheTicketLeft() {
    JsonObject moved = ticket("630100", "630103").put("fromCountyCode", "630102");
    assertThat(filter.view(H_CHENGDONG, "hotline.ticket.changed", moved)).isPresent();
    assertThat(filter.view(H_YUSHU, "hotline.ticket.changed", moved)).isEmpty();
    assertThat(filter.view(H_CHENGDONG, "hotline.ticket.changed", ticket("630100", "630103"))).isEmpty();
  }

  @Test
  void undispatchedTicketIsInvisibleToCounties() {
    JsonObject fresh = ticket("630100", null);
    assertThat(filter.view(OP_XINING, "hotline.ticket.changed", fresh)).isPresent();
    assertThat(filter.view(H_CHENGDONG, "hotline.ticket.changed", fresh)).isEmpty();
  }

  @Test
  void operatorScreenPopGoesToThatOperatorOnly() {
    JsonObject pop = new JsonObject().put("callerNumber", "13800000000");
    assertThat(filter.view(OP_XINING, "hotline.ui.operator.op-xining", pop)).contains(pop);
    assertThat(filter.view(PROV, "hotline.ui.operator.op-xining", pop)).isEmpty();
    assertThat(filter.view(OP_XINING, "hotline.ui.operator.op-xining2", pop)).isEmpty();
  }

  @Test
  void callEventsFollowThePrefectureAndCarryNumbersMaskedForEveryRole() {
    JsonObject abandoned = new JsonObject().put("prefectureCode", "630100").put("callerNumber", "13812345678")
        .put("callerNumberNorm", "13812345678").put("operator", "op-xining");
    for (Actor user : List.of(OP_XINING, PROV)) {
      JsonObject seen = filter.view(user, "hotline.call.abandoned", abandoned).orElseThrow();
      assertThat(seen.getString("callerNumber")).as(user.username()).isEqualTo("138****5678");
      assertThat(seen.containsKey("callerNumberNorm")).isFalse();
    }
    assertThat(abandoned.getString("callerNumber")).as("the bus message itself is untouched").isEqualTo("13812345678");
    assertThat(filter.view(H_CHENGDONG, "hotline.call.abandoned", abandoned)).isEmpty();
  }

  @Test
  void slaEventsWithoutOrgGoToTheProvinceOnly() {
    JsonObject bare = new JsonObject().put("stage", "CLAIM");
    assertThat(filter.view(PROV, "hotline.sla.escalated", bare)).isPresent();
    assertThat(filter.view(OP_XINING, "hotline.sla.escalated", bare)).isEmpty();
    JsonObject scoped = ticket("630100", "632701").put("stage", "CLAIM");
    assertThat(filter.view(H_YUSHU, "hotline.sla.warned", scoped)).isPresent();
    assertThat(filter.view(H_CHENGDONG, "hotline.sla.warned", scoped)).isEmpty();
  }

  @Test
  void otherAddressesAreNeverForwarded() {
    assertThat(filter.view(PROV, "hotline.ticket.claimed", ticket("630100", "630102"))).isEmpty();
    assertThat(filter.view(PROV, "hotline.internal.secret", new JsonObject())).isEmpty();
  }

  @Test
  void theAdministratorGetsBoardNewsButNoChildNameNarrativeOrCall() {
    Actor admin = new Actor(9, "admin", Role.ADMIN, "630000");
    JsonObject news = ticket("630100", "630102").put("ticket", new JsonObject().put("id", 7)
        .put("childName", "王小明").put("summary", "邻居说孩子被打"));
    JsonObject seen = filter.view(admin, "hotline.ticket.changed", news).orElseThrow();
    assertThat(seen.getLong("ticketId")).isEqualTo(7L);
    assertThat(seen.containsKey("ticket")).as("the pushed list row").isFalse();
    assertThat(seen.encode()).doesNotContain("王小明").doesNotContain("邻居");
    assertThat(filter.view(PROV, "hotline.ticket.changed", news).orElseThrow().containsKey("ticket")).isTrue();
    assertThat(filter.view(admin, "hotline.sla.escalated", ticket("630100", "630102").put("stage", "CLAIM"))).isPresent();
    JsonObject call = new JsonObject().put("prefectureCode", "630100").put("callerNumber", "13812345678");
    assertThat(filter.view(admin, "hotline.call.abandoned", call)).isEmpty();
    assertThat(filter.view(admin, "hotline.call.changed", call)).isEmpty();
  }

  @Test
  void theScreenPopCarriesOnlyTheEarlierTicketsAndCallsInTheOperatorsScope() {
    io.vertx.core.json.JsonArray tickets = new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("id", 1).put("intakeOrg", "630100").put("countyCode", "630102"))
        .add(new JsonObject().put("id", 2).put("intakeOrg", "632800").put("countyCode", "632801"))
        .add(new JsonObject().put("id", 3).put("intakeOrg", "632800").put("countyCode", "630103"));
    io.vertx.core.json.JsonArray calls = new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("linkedid", "a").put("prefectureCode", "630100"))
        .add(new JsonObject().put("linkedid", "b").put("prefectureCode", "632800"));
    JsonObject pop = new JsonObject().put("type", "screen-pop").put("callerNumber", "13800000000")
        .put("earlierTickets", tickets).put("earlierCalls", calls);
    JsonObject seen = filter.view(OP_XINING, "hotline.ui.operator.op-xining", pop).orElseThrow();
    assertThat(seen.getJsonArray("earlierTickets").stream().map(t -> ((JsonObject) t).getInteger("id")))
        .as("Haixi's own ticket is not Xining's; one Haixi took in but sent to a Xining county is").containsExactly(1, 3);
    assertThat(seen.getJsonArray("earlierCalls").stream().map(c -> ((JsonObject) c).getString("linkedid"))).containsExactly("a");
    assertThat(seen.getString("callerNumber")).as("the answering operator's own pop").isEqualTo("13800000000");
    Actor provOperator = new Actor(8, "op-prov", Role.OPERATOR, "630000");
    JsonObject all = filter.view(provOperator, "hotline.ui.operator.op-prov", pop).orElseThrow();
    assertThat(all.getJsonArray("earlierTickets")).hasSize(3);
    assertThat(all.getJsonArray("earlierCalls")).hasSize(2);
    assertThat(pop.getJsonArray("earlierTickets")).as("the bus message itself is untouched").hasSize(3);
  }
}
