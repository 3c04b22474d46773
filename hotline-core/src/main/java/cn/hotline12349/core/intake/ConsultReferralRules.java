package cn.hotline12349.core.intake;

import static cn.hotline12349.core.intake.Rule.Signal.*;
import static cn.hotline12349.core.intake.Rule.of;
import static cn.hotline12349.core.intake.ViolationRules.G;

import java.util.List;

/** Phrase families for policy and law consultation (政策法规咨询) and for referral and other matters (帮扶转介及其他). */
final class ConsultReferralRules {
  private ConsultReferralRules() {}

  /** Pseudo sub-class: a question about rules or procedures, scored for the CONSULTATION class as a whole. */
  static final String INTENT = "_CONSULT_INTENT";

  static final List<Rule> RULES = List.of(
      of(INTENT, 1.5, "咨询|请问|想问|问一下|问问|问下|了解一下|想了解|想知道|询问|能否|可否|是否可以|是否能", CONSULT_INTENT),
      of(INTENT, 3, "怎么(申请|办理|办|补办|上户|迁|才能|规定|判)|如何(申请|办理)|(需要|要|带)(准备)?(什么|哪些)(材料|手续|条件|证明|东西)|"
          + "什么条件|哪些材料|什么手续|(申请)?流程|在哪(里|个部门)?办|去哪(里)?办|有没有(什么)?(补贴|补助|政策|资助|规定|义务|权)|"
          + "(法律|法律上)" + G + "{0,4}规定|合不合法|合法吗|符合不符合|符不符合|能不能(申请|享受|办|补办|上|领|拿)|有没有权|是不是要|(申请|办理|所需|需要的?)(的)?(条件|材料|手续|流程)|(应该|该)?找谁|找哪个部门|归谁管|哪个部门管|谁来管|(办|需要|要)" + G + "{0,6}手续", CONSULT_INTENT),
      of("WELFARE_POLICY", 2.5, "补贴|补助|生活费|基本生活|救助|保障|事实无人抚养|报销|资助|助学金|雨露计划|孤儿|困境儿童|福利|政策|免学费|打到卡|发放|认定"),
      of("WELFARE_POLICY", 1, "低保|申请"),
      of("GUARDIANSHIP_CUSTODY", 3, "抚养权|抚养费|监护(人|权|资格)|探视(权)?|探望|看望孩子|不让(她|他|我)?(见|看)(孩子)?|判给|变更监护|撤销监护|(有没有|有)权(利)?|跟谁过"),
      of("ADOPTION", 4, "收养|领养|抱养|送养(?!" + G + "{0,8}(钱|费))"),
      of("HUKOU_DOCUMENTS", 3.5, "户口|上户|落户|改名|改姓|更名|出生证|出生医学证明|身份证|户籍|迁户|非婚生|黑户"),
      of("LAW_OTHER", 2, "未成年人保护法|维权|法律|合法|违法|规定|责任|赔(偿|多少)|权利|热线是(干什么|做什么)|管哪些|追回|义务|12349"),
      of("FOLLOW_UP", 3, "进度|跟进|处理结果|回访|工单|满意"),
      of("FOLLOW_UP", 3, "上次|(之前|前期|此前|先前|曾经?|已经?)(打|反映|说)|反映过|打过电话|(反映|说)(过)?的(那个|事)|上个月(打|反映)|前几天(打|反映)"),
      of("FOLLOW_UP", 2, "至今(无人|没人|没有|未)|一直没(人)?来|到现在(也)?没(人)?(来|管|处理|消息)|没有下文|还没(人)?(来|处理)"),
      of("COMPLAINT", 3.5, "投诉|态度(太|很)?差|不作为|推诿|表示不满|不满意"),
      of("COMPLAINT", 2, "建议|不给办|打不通"),
      of("INVALID_CALL", 4, "(无人|没人|没有人)(说话|应答|讲话)|不出声|无声|打错|误拨|打着玩|恶作剧|骚扰电话|脏话|测试(电话)?|挂断|笑着挂"),
      of("INVALID_CALL", 1.5, "挂了|骂人"),
      of("REFERRAL", 4, "养老院|养老|老人" + G + "{0,6}没人管|讨薪|欠" + G + "{0,3}工资|工资" + G + "{0,4}不(给)?发|心理咨询师|心理咨询机构|"
          + "(推荐|联系)" + G + "{0,6}(机构|律师|医院)|法律援助|律师|路灯|转介|帮忙联系|协调公安"),
      of("OTHER", 5.5, "捐赠|捐款|捐物|捐一批|爱心企业|志愿者|记者|媒体|采访|来电情况"),
      of("OTHER", 2, "捐|爱心|报名"));
}
