package cn.hotline12349.core.demo;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.ChildDraft.Gender;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.domain.TicketDraft;
import cn.hotline12349.core.ticket.TicketService;
import cn.hotline12349.core.user.User;
import cn.hotline12349.core.user.UserService;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo users of the foundation issue and a handful of tickets in several prefectures and states, created through
 * the real services so that they carry real histories. Seeds once: a database that has user {@code prov} is left
 * alone.
 */
public final class DemoData {
  private static final Logger log = LoggerFactory.getLogger(DemoData.class);
  private final UserService users;
  private final TicketService tickets;

  public DemoData(UserService users, TicketService tickets) {
    this.users = users;
    this.tickets = tickets;
  }

  public Future<Boolean> seedIfEmpty(String password) {
    return users.exists("prov").compose(seeded -> seeded ? Future.succeededFuture(false)
        : seedUsers(password).compose(this::seedTickets).map(true))
        .onSuccess(seeded -> { if (seeded) log.info("demo users and tickets created"); });
  }

  private Future<List<User>> seedUsers(String password) {
    List<Future<User>> all = List.of(
        users.create("prov", password, "省级督导", Role.PROVINCE_SUPERVISOR, "630000"),
        users.create("op-xining", password, "西宁接线员", Role.OPERATOR, "630100"),
        users.create("sup-xining", password, "西宁受理主管", Role.INTAKE_SUPERVISOR, "630100"),
        users.create("h-chengdong", password, "城东区处置员", Role.COUNTY_HANDLER, "630102"),
        users.create("h-yushu", password, "玉树市处置员", Role.COUNTY_HANDLER, "632701"),
        users.create("op-haixi", password, "海西接线员", Role.OPERATOR, "632800"),
        users.create("h-golmud", password, "格尔木市处置员", Role.COUNTY_HANDLER, "632801"),
        users.create("admin", password, "系统管理员", Role.ADMIN, "630000"),
        users.create("h-chengdong2", password, "城东区处置员二", Role.COUNTY_HANDLER, "630102"));
    return Future.all(all).map(cf -> { List<User> out = new ArrayList<>(); all.forEach(f -> out.add(f.result())); return out; });
  }

  private Future<Void> seedTickets(List<User> u) {
    Actor op = u.get(1).actor();
    Actor sup = u.get(2).actor();
    Actor chengdong = u.get(3).actor();
    Actor yushu = u.get(4).actor();
    Actor opHaixi = u.get(5).actor();
    Actor golmud = u.get(6).actor();
    return create(op, draft("13897012345", "NEIGHBOUR", Category.VIOLATION, "PHYSICAL_ABUSE", Severity.HIGH,
            "邻居反映楼上孩子经常被父亲打，昨晚又听到哭喊声。", child("小明", 8, Gender.MALE, "630102", "城东区某小区")), "630102")
        .compose(id -> act(chengdong, id, new TicketCommand.Claim()))
        .compose(id -> create(op, draft("09718123456", "祖母", Category.LIFE_DIFFICULTY, "LEFT_BEHIND", Severity.NORMAL,
            "留守儿童，父母在外打工，祖母年老体弱无力照顾。", child("小花", 10, Gender.FEMALE, "632701", "玉树市结古镇")), "632701"))
        .compose(id -> act(yushu, id, new TicketCommand.Claim()))
        .compose(id -> act(yushu, id, new TicketCommand.AddNote("已入户走访，孩子身体状况良好。", true)))
        .compose(id -> act(yushu, id, new TicketCommand.SubmitResult("已联系村儿童主任，落实临时照料。")))
        .compose(id -> create(op, draft(null, "本人", Category.CONSULTATION, "POLICY", Severity.CONSULT,
            "咨询事实无人抚养儿童的认定条件。"), null))
        .compose(id -> act(op, id, new TicketCommand.ResolveAtIntake("已告知认定条件与申请流程。")))
        .compose(id -> create(op, draft("15809711234", "TEACHER", Category.PSYCHOLOGICAL, "EMOTIONAL", Severity.EMERGENCY,
            "老师来电，学生在班级群里说不想活了。", child(null, 14, Gender.FEMALE, "630102", "城东区某中学")), "630102"))
        .compose(id -> create(opHaixi, draft("13997054321", "路人", Category.LIFE_DIFFICULTY, "MISSING", Severity.HIGH,
            "路人在格尔木火车站发现一名独自徘徊的男孩。", child(null, 12, Gender.MALE, "632801", "格尔木火车站")), "632801"))
        .compose(id -> act(golmud, id, new TicketCommand.Claim()))
        .compose(id -> create(sup, draft("13709718888", "PARENT", Category.VIOLATION, "BULLYING", Severity.NORMAL,
            "母亲反映孩子在学校被同学欺负。", child("小军", 11, Gender.MALE, "630102", "城东区某小学")), null))
        .mapEmpty();
  }

  private Future<Long> create(Actor by, TicketDraft d, String dispatchTo) {
    return tickets.create(by, d, dispatchTo).map(t -> t.id());
  }

  private Future<Long> act(Actor by, long id, TicketCommand c) {
    return tickets.act(by, id, c, null).map(t -> id);
  }

  private static TicketDraft draft(String number, String relation, Category cat, String sub, Severity sev,
      String narrative, ChildDraft... children) {
    return new TicketDraft(number, relation, List.of(children), cat, sub, sev, narrative, null, null, null);
  }

  private static ChildDraft child(String name, int age, Gender g, String county, String address) {
    return new ChildDraft(name, age, g, county, address, false, false);
  }

}
