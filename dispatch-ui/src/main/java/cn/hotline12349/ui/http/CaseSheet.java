package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.referral.Referral;
import cn.hotline12349.core.sla.TicketClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The case sheet's HTML: self-contained (inline print CSS, no script), every value escaped. */
final class CaseSheet {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));
  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("CREATED", "受理登记"), Map.entry("DISPATCHED", "派单"), Map.entry("CLAIMED", "签收"),
      Map.entry("NOTE_ADDED", "处置记录"), Map.entry("RESULT_SUBMITTED", "提交办理结果"), Map.entry("RESULT_ACCEPTED", "审核通过"),
      Map.entry("RESULT_RETURNED", "审核退回"), Map.entry("REPLY_ATTEMPTED", "回访未接通"), Map.entry("REPLIED", "已回复来电人"),
      Map.entry("CLOSED", "结案"), Map.entry("TRANSFERRED", "转办"), Map.entry("SUSPENDED", "挂起"), Map.entry("RESUMED", "恢复"),
      Map.entry("REOPENED", "重新开启"), Map.entry("SLA_WARNING", "时限预警"), Map.entry("ESCALATED", "超时升级"),
      Map.entry("REFERRAL_SENT", "转介"), Map.entry("REFERRAL_ACCEPTED", "转介已受理"), Map.entry("REFERRAL_RETURNED", "转介被退回"),
      Map.entry("REFERRAL_WAITING", "转介待处理"), Map.entry("REFERRAL_COMPLETED", "转介办结"), Map.entry("REFERRAL_FAILED", "转介失败"),
      Map.entry("REFERRAL_FEEDBACK", "公安反馈"), Map.entry("FOLLOW_UP_DONE", "回访走访"), Map.entry("SENT", "已转介"),
      Map.entry("ACCEPTED", "已受理"), Map.entry("RETURNED", "已退回"), Map.entry("WAITING", "待处理"),
      Map.entry("COMPLETED", "已办结"), Map.entry("FAILED", "失败"), Map.entry("REACHED", "已接通"),
      Map.entry("NO_ANSWER", "无人接听"), Map.entry("WRONG_NUMBER", "号码错误"), Map.entry("REFUSED", "拒绝回访"),
      Map.entry("NEW", "待派单"), Map.entry("IN_PROGRESS", "处置中"), Map.entry("REVIEWED", "已审核待回访"),
      Map.entry("EMERGENCY", "紧急"), Map.entry("HIGH", "高"), Map.entry("NORMAL", "一般"), Map.entry("CONSULT", "咨询"),
      Map.entry("VIOLATION", "侵害未成年人权益线索"), Map.entry("LIFE_DIFFICULTY", "生活困难求助"),
      Map.entry("PSYCHOLOGICAL", "心理疏导"), Map.entry("CONSULTATION", "政策法规咨询"), Map.entry("REFERRAL_OTHER", "帮扶转介及其他"),
      Map.entry("DISPATCH", "派单"), Map.entry("CLAIM", "签收"), Map.entry("FIRST_CONTACT", "首次联系儿童"),
      Map.entry("RESULT", "报送结果"), Map.entry("REPLY", "回复来电人"), Map.entry("SUPERVISION", "督办"),
      Map.entry("REFERRAL", "转介受理"), Map.entry("FOLLOW_UP", "结案回访"),
      Map.entry("ON_TIME", "未超时"), Map.entry("WARNED", "已预警"), Map.entry("OVERDUE", "已超时"), Map.entry("PAUSED", "暂停"),
      Map.entry("STOPPED", "已停止"), Map.entry("MET", "按时"), Map.entry("LATE", "超时完成"), Map.entry("CANCELLED", "取消"));
  private static final String CSS = """
      @page { size: A4; margin: 15mm 14mm; }
      body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; font-size: 10.5pt; color: #000; margin: 0 auto; max-width: 190mm; }
      h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12pt; border-bottom: 1px solid #000; margin: 5mm 0 2mm; }
      table { width: 100%; border-collapse: collapse; } th, td { border: 1px solid #888; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
      th { background: #eee; width: 22%; } .facts { white-space: pre-wrap; border: 1px solid #888; padding: 2mm; }
      .meta { color: #333; font-size: 9pt; } tr, .facts { break-inside: avoid; } thead { display: table-header-group; }
      .sign td { height: 14mm; } @media print { .no-print { display: none; } }
      """;

  private CaseSheet() {}

  static String render(JsonObject t, JsonArray history, List<Referral> referrals, JsonArray attempts,
                       List<TicketClock> clocks, String printedBy, OrgTree orgs) {
    java.util.function.Function<String, String> org = code -> code == null ? "—"
        : orgs.find(code).map(u -> u.nameZh() + "（" + code + "）").orElse(code);
    StringBuilder b = new StringBuilder("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>个案表 ")
        .append(e(t.getString("ref"))).append("</title><style>").append(CSS).append("</style></head><body>");
    b.append("<p class=\"no-print\">打印本页（Ctrl+P）带往家访或存档 · Print this page for the home visit or the file</p>");
    b.append("<h1>12349 儿童救助保护热线 · 个案表</h1><p class=\"meta\">工单 ").append(e(t.getString("ref")))
        .append(" · 打印人 ").append(e(printedBy)).append(" · 内含儿童个人信息，按规定保管</p>");
    b.append("<h2>基本情况</h2><table>");
    row(b, "状态", label(t.getString("status")));
    row(b, "类别", label(t.getString("category")) + (t.getString("subcategory") == null ? "" : " / " + t.getString("subcategory")));
    row(b, "紧急程度", label(t.getString("severity")));
    row(b, "受理市州 / 处置县区", org.apply(t.getString("intakeOrg")) + " / " + org.apply(t.getString("countyCode")));
    row(b, "受理时间", time(t.getString("createdAt")));
    row(b, "来电人", (t.getString("callerNumber") == null ? "匿名" : t.getString("callerNumber"))
        + (t.getString("callerRelation") == null ? "" : "（" + t.getString("callerRelation") + "）"));
    b.append("</table><h2>事实经过</h2><div class=\"facts\">").append(e(t.getString("narrative"))).append("</div>");
    b.append("<h2>涉及儿童</h2><table><thead><tr><th>姓名</th><th>年龄</th><th>性别</th><th>住址</th><th>情况</th></tr></thead>");
    for (Object o : t.getJsonArray("children")) {
      JsonObject c = (JsonObject) o;
      b.append("<tr><td>").append(e(c.getString("name"))).append("</td><td>").append(e(str(c.getValue("age"))))
          .append("</td><td>").append(e(c.getString("gender"))).append("</td><td>").append(e(c.getString("address")))
          .append("</td><td>").append(Boolean.TRUE.equals(c.getBoolean("disability")) ? "残疾 " : "")
          .append(Boolean.TRUE.equals(c.getBoolean("noGuardian")) ? "无监护人" : "").append("</td></tr>");
    }
    b.append("</table><h2>转介</h2><table><thead><tr><th>机构</th><th>状态</th><th>转介时间</th><th>回执（接收人 / 编号 / 时间）</th><th>反馈</th></tr></thead>");
    for (Referral r : referrals) {
      b.append("<tr><td>").append(e(r.partnerName())).append(r.mandatoryRule() == null ? "" : "<br>强制报告 " + e(r.mandatoryRule()))
          .append("</td><td>").append(e(label(r.status().name()))).append("</td><td>").append(e(time(r.sentAt())))
          .append("</td><td>").append(e(r.receiptBy())).append(" / ").append(e(r.receiptRef())).append(" / ")
          .append(e(time(r.receiptAt()))).append("</td><td>").append(e(r.feedbackNote())).append("</td></tr>");
    }
    b.append("</table><h2>回访来电人</h2><table><thead><tr><th>次数</th><th>时间</th><th>结果</th><th>满意度</th></tr></thead>");
    for (Object o : attempts) {
      JsonObject a = (JsonObject) o;
      b.append("<tr><td>").append(a.getInteger("attempt")).append("</td><td>").append(e(time(a.getString("at"))))
          .append("</td><td>").append(e(label(a.getString("outcome")))).append(Boolean.TRUE.equals(a.getBoolean("unreachable")) ? "（无法联系）" : "")
          .append("</td><td>").append(e(str(a.getValue("satisfaction")))).append("</td></tr>");
    }
    b.append("</table><h2>时限</h2><table><thead><tr><th>环节</th><th>状态</th><th>期限</th><th>结果</th></tr></thead>");
    for (TicketClock c : clocks) {
      b.append("<tr><td>").append(e(label(c.stage().name()))).append("</td><td>")
          .append(e(label(c.state() == null ? c.status().name() : c.state().name())))
          .append("</td><td>").append(e(time(c.dueAt()))).append("</td><td>").append(e(c.outcome() == null ? "" : label(c.outcome().name())))
          .append("</td></tr>");
    }
    b.append("</table><h2>办理经过</h2><table><thead><tr><th>时间</th><th>事项</th><th>经办</th><th>说明</th></tr></thead>");
    for (Object o : history) {
      JsonObject h = (JsonObject) o;
      b.append("<tr><td>").append(e(time(h.getString("at")))).append("</td><td>").append(e(label(h.getString("type"))))
          .append("</td><td>").append(e(h.getString("actor"))).append(" ").append(e(h.getString("actorOrg") == null ? "" : org.apply(h.getString("actorOrg"))))
          .append("</td><td>").append(e(h.getString("reason"))).append("</td></tr>");
    }
    b.append("</table><h2>家访记录</h2><table class=\"sign\"><tr><th>走访时间</th><td></td></tr><tr><th>见到儿童情况</th><td></td></tr>"
        + "<tr><th>走访人签名</th><td></td></tr></table></body></html>");
    return b.toString();
  }

  private static void row(StringBuilder b, String k, String v) {
    b.append("<tr><th>").append(e(k)).append("</th><td>").append(e(v)).append("</td></tr>");
  }

  private static String label(String code) { return code == null ? "" : LABELS.getOrDefault(code, code); }

  private static String time(String iso) { return iso == null ? "" : TIME.format(Instant.parse(iso)); }

  private static String time(Instant i) { return i == null ? "" : TIME.format(i); }

  private static String str(Object o) { return o == null ? "" : o.toString(); }

  static String e(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
