package cn.hotline12349.core.intake;

import static cn.hotline12349.core.intake.Rule.Signal.*;
import static cn.hotline12349.core.intake.Rule.of;
import static cn.hotline12349.core.intake.ViolationRules.G;

import java.util.List;

/** Phrase families for children's life difficulties (儿童生活困难求助). */
final class LifeRules {
  private LifeRules() {}

  static final String PARENT = "(爸|妈|爹|娘|父亲|母亲|爸爸|妈妈|阿爸|阿妈|父母|爹妈|爸妈|家长)";

  static final List<Rule> RULES = List.of(
      // de facto unattended
      of("UNATTENDED", 5, "事实无人抚养|无人抚养|没人抚养|无人监护|没有监护人|没人养", NO_GUARDIAN),
      of("UNATTENDED", 3.5, "孤儿", NO_GUARDIAN),
      of("UNATTENDED", 3.5, "父母双亡|(父母|爹妈|爸妈)都(去世|死|没|不在)了?|" + PARENT + G + "{0,4}(去世|死了|没了|不在了|过世|病故|遇难|车祸)", NO_GUARDIAN),
      of("UNATTENDED", 3.5, "服刑|坐牢|蹲监狱|监狱|判(了)?" + G + "{0,3}年|判刑|被抓(走)?|强制戒毒|戒毒所|劳改", NO_GUARDIAN),
      of("UNATTENDED", 3, "(妈|母亲|阿妈|媳妇|老婆|娘)" + G + "{0,3}(跑了|跑掉|改嫁|离家|出走)", NO_GUARDIAN),
      of("UNATTENDED", 2.5, "失联|联系不上(家长|父母|家属|大人)|(家长|父母|爸妈|大人)" + G + "{0,3}联系不上|不知道去哪了"),
      of("UNATTENDED", 3, "没有大人|没大人|家里没(有)?人|一个人(生活|住|过)|自己住|独自生活|寄(住|养|在)" + G + "{0,4}(家|亲戚|邻居)|顾不住|带不动|照顾不了|养不起|没人要", NO_GUARDIAN),
      of("UNATTENDED", 2, "捡垃圾吃|流浪|精神病|卧床|瘫在床"),
      // left behind
      of("LEFT_BEHIND", 5, "留守"),
      of("LEFT_BEHIND", 3.5, "(爸|妈|父母|爹妈|爸妈|阿爸|阿妈|父亲|母亲|儿子|媳妇|家长|大人|爹|他们)" + G + "{0,6}(外出|在外|出去|外地|去" + G + "{1,4}|都在" + G + "{0,4})(打工|务工|挣钱|做生意)"),
      of("LEFT_BEHIND", 1.5, "外出务工|在外(地)?打工|出去打工|外地打工|在外面打工"),
      of("LEFT_BEHIND", 2, "跟(着)?(爷爷|奶奶|阿奶|阿爷|外婆|外公|姥姥|姥爷|老人)|爷爷奶奶带|一年(才)?回来一次|过年(才)?回来|(好)?几年(都)?没回来|想他们|想爸妈|想妈妈"),
      // poverty
      of("POVERTY", 3, "贫困|揭不开锅|生活困难|困难户|太困难|很困难|特别困难|家里困难|家庭困难|太穷|很穷|穷得|没钱|交不起|买不起|付不起|凑不齐|拿不出钱|欠(了)?" + G + "{0,3}(房租|债)"),
      of("POVERTY", 2.5, "吃不饱|吃不上(饭)?|没饭吃|没(有)?吃的|没东西吃"),
      of("POVERTY", 3, "房子(塌|倒|漏)|漏雨|危房|没(有)?地方住|住在" + G + "{0,8}(牛圈|羊圈|棚|窝棚|帐篷)|没有棉衣|没(有)?(取暖|煤|炉子)|冷得很|雪灾|牛羊" + G + "{0,3}死"),
      of("POVERTY", 1.5, "低保|救助|补助|单亲|困难"),
      // illness or disability
      of("ILLNESS_DISABILITY", 3.5, "白血病|癌|肿瘤|心脏病|先心病|脑瘫|自闭症|孤独症|癫痫|残疾|智力(障碍|低下|有问题)|智障|脑子有(点)?问题|听不见|聋|哑|失明|看不见|瘫痪|唐氏|罕见病|尿毒症|肾病|贫血|血友病|唇腭裂|兔唇|脑积水", DISABILITY),
      of("ILLNESS_DISABILITY", 2.5, "住院|手术|化疗|透析|康复|助听器|假肢|治疗费|医药费|手术费|看病|生病|病了|重病|得了" + G + "{0,4}病|病重|治病"),
      // schooling
      of("SCHOOLING", 3.5, "上不了学|上不起学|失学|辍学|退学|没上过学|不让" + G + "{0,3}(上学|念书|读书)|(念书|读书|上学)没用|转学|学籍|学位|入学|送教上门|转不进|学校不收"),
      of("SCHOOLING", 2.5, "不(去)?上学|不念书|不读书|不想(上学|读书|念书)|不肯上学|不去学校|学费|书也不念"),
      // missing or runaway
      of("MISSING_RUNAWAY", 4, "走失|走丢|(?<!(手机|钱包|钱|东西|书包|证明|证|卡|本))丢了|不见了|失踪|找不到(?!工作|钱|人说|地方)|找不着|没找到|被" + G + "{0,6}(带走|抱走)", MISSING),
      of("MISSING_RUNAWAY", 3.5, "离家出走|出走|跑(出去|出来)|和网友跑|跟网友跑|(?<!(妈|爸|爹|娘|媳妇|老婆|男人|老公|产妇|父亲|母亲)[^，。\\s]{0,8})跑了|一夜没回|没回(家|来)|夜不归宿|留了" + G + "{0,2}纸条|在外面(游荡|晃)", RUNAWAY),
      of("MISSING_RUNAWAY", 3, "联系不上(?!家长|父母|家属|大人|家里|他们|孩子的?(爸|妈|父|母))|关机|没消息", RUNAWAY),
      of("MISSING_RUNAWAY", 3, "说不清(家|住)|找不到(家|大人|家长|父母)|(一个人|自己)在" + G + "{0,6}哭|迷路", MISSING),
      of("MISSING_RUNAWAY", 2, "流浪|桥洞|在街上(睡|过夜)", RUNAWAY),
      // other
      of("LIFE_OTHER", 2.5, "(占|霸占)(了)?" + G + "{0,3}(房|地|财产)|医保|托管|陪同|临时照料|没人带|被狗咬|狗咬|疫苗|户口在老家|没地方去|暂时没人照"));
}
