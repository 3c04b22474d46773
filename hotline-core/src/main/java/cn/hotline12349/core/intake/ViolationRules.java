package cn.hotline12349.core.intake;

import static cn.hotline12349.core.intake.Rule.Signal.*;
import static cn.hotline12349.core.intake.Rule.of;

import java.util.List;

/** Phrase families for leads on violations of minors' rights (侵害未成年人权益). */
final class ViolationRules {
  private ViolationRules() {}

  /** Any character that does not end a clause: gaps inside a phrase never cross punctuation. */
  static final String G = "[^，。！？；,.!?;\\s]";
  static final String KID = "(孩子|娃娃|娃|尕娃|小孩|儿子|女儿|闺女|丫头|孙子|孙女|外孙|外孙女|侄子|侄女|学生|小朋友|宝宝|男孩|女孩|"
      + "男娃|女娃|男童|女童|患儿|儿童|未成年人|他|她|我|俺)";
  static final String HIT = "(打|揍|抽|踢|踹|掐|扇|捶|拧|殴打|毒打|暴打|痛打)";
  static final String SPOUSE_TARGET = "(老婆|媳妇|妻子|我妈|我阿妈|妈妈|阿妈|他妈|她妈|孩子妈|孩子他妈|母亲|我女儿|我姐|我姐姐)";

  static final List<Rule> RULES = List.of(
      // physical abuse
      of("PHYSICAL_ABUSE", 4, "虐待|虐打|虐童|毒打|暴打|痛打|往死里(打|踹|踢|揍)|吊起来(打)?|体罚|拳打脚踢|施暴|动粗|下狠手|打耳光|扇耳光|扇巴掌|抽嘴巴|扇嘴巴|踢打|捶打|殴打", VIOLENCE),
      of("PHYSICAL_ABUSE", 3, "(对|把|朝)" + KID + G + "{0,4}" + HIT, VIOLENCE, CHECK_DA),
      of("PHYSICAL_ABUSE", 3, HIT + "(了|过)?(一顿|几下|好几下)?" + KID + "(?!" + G + "{0,2}(电话|手机))", VIOLENCE, CHECK_DA),
      of("PHYSICAL_ABUSE", 2.5, "(被|挨|让|叫|给)" + G + "{0,8}?" + HIT, VIOLENCE, CHECK_DA),
      of("PHYSICAL_ABUSE", 2.5, HIT + "(得|的|成|伤|破|断|肿|骨折|出血|流血|晕|给了|了一顿)", VIOLENCE, CHECK_DA),
      of("PHYSICAL_ABUSE", 3, "(皮带|棍子|棍|棒子|木棒|衣架|鞭子|尺子|铁锹|擀面杖|拖鞋|绳子|电线|扫把|笤帚|板子|铁链|钢管)" + G + "{0,4}(抽|打|捆|绑|揍)", VIOLENCE, CHECK_DA),
      of("PHYSICAL_ABUSE", 2, "(用|拿)" + G + "{0,5}(抽|打|烫|扎|捆|砸)", VIOLENCE, CHECK_DA),
      of("PHYSICAL_ABUSE", 3, "(烟头|开水|热水|烙铁|火钳|打火机)" + G + "{0,3}烫|烫(伤|他|她|孩子)", VIOLENCE),
      of("PHYSICAL_ABUSE", 2.5, "(针|牙签)" + G + "{0,2}扎"),
      of("PHYSICAL_ABUSE", 2, "青一块紫一块|遍体鳞伤|(浑身|身上|脸上|头上|腿上|胳膊上|背上|手上|屁股上)" + G + "{0,5}(伤|淤青|青紫|疤|印|掐痕)|伤痕|淤青|淤血|掐痕|巴掌印|手指印"),
      of("PHYSICAL_ABUSE", 3, "罚跪|跪(在)?(搓衣板|碎玻璃|石子|地上)|跪(一晚|到半夜|几个小时|一个晚上)", VIOLENCE),
      of("PHYSICAL_ABUSE", 2, "(打死|弄死|掐死|摔死|扔(到)?河里|扔出去)(你|他|她|孩子)?"),
      of("PHYSICAL_ABUSE", 3, "(不要|别)(再)?(打|揍|踢|掐)(了|我|他|她|孩子|娃)", VIOLENCE),
      of("PHYSICAL_ABUSE", 1.5, "打骂|挨打|挨揍|被打|被揍|动手打|下手(很|太)?重", VIOLENCE),
      // an injury the note explains as an accident is not by itself a lead (negative weight: subtracts)
      of("PHYSICAL_ABUSE", -2, "(是|自己)" + G + "{0,4}(摔|磕|碰|跌|烫)(的|伤|倒|了)"),
      of("PHYSICAL_ABUSE", 1, "教训(孩子|他|她)|不听话就"),
      // domestic violence
      of("DOMESTIC_VIOLENCE", 5, "家暴|家庭暴力", VIOLENCE),
      of("DOMESTIC_VIOLENCE", 3.5, "(老公|丈夫|男人|女婿|前夫|对象)" + G + "{0,4}" + HIT, VIOLENCE, CHECK_DA),
      of("DOMESTIC_VIOLENCE", 3.5, HIT + "(了|过)?" + SPOUSE_TARGET, VIOLENCE, CHECK_DA),
      of("DOMESTIC_VIOLENCE", 3, "(两口子|夫妻|爸妈|父母|爹妈|大人|他们家|两个人)" + G + "{0,3}(打架|打起来|动手|又打|干仗)", VIOLENCE),
      of("DOMESTIC_VIOLENCE", 1, "摔东西|砸东西|砸门"),
      // bullying
      of("BULLYING", 3.5, "(同学|同班|高年级|低年级|学长|学姐|室友|同宿舍|舍友|校外|小混混|社会青年|大娃娃|大孩子|几个男生|几个女生|别的孩子|一群|几个人)"
          + G + "{0,8}(打|揍|欺负|踢|扇|堵|要钱|勒索|扎|逼|孤立|围|抢|拍|骂)", VIOLENCE, CHECK_DA),
      of("BULLYING", 3.5, "欺凌|霸凌|校园暴力"),
      of("BULLYING", 2, "欺负"),
      of("BULLYING", 2, "孤立|起外号|勒索|保护费|堵(我|他|她)|围殴|群殴|扔进厕所|撕(了)?(书|作业|本子)|剪(了)?(她的|他的)?头发|逼" + G + "{0,3}(吃|下跪|喝|跪)|下跪|叫爸爸"),
      // sexual abuse
      of("SEXUAL_ABUSE", 6, "性侵|猥亵|强奸|奸污|性骚扰|性虐|强暴|乱伦|诱奸|轮奸|侵犯了?(她|他|我)|被侵犯|(遭|受)(到)?(了)?(性)?侵犯", SEXUAL),
      of("SEXUAL_ABUSE", 5, "(摸|亲|碰|抓|揉|舔)" + G + "{0,6}(下面|下体|私处|隐私部位|隐私|胸|屁股|大腿|裤裆|那里|那个地方)", SEXUAL),
      of("SEXUAL_ABUSE", 5, "脱(了|掉)?" + G + "{0,4}(衣服|裤子|内裤)", SEXUAL),
      of("SEXUAL_ABUSE", 5, "(露|露出|暴露|掏出|看)" + G + "{0,2}(下体|生殖器|那个东西)", SEXUAL),
      of("SEXUAL_ABUSE", 5, "露阴|暴露狂|耍流氓|性暴露", SEXUAL),
      of("SEXUAL_ABUSE", 3, "暴露", SEXUAL_WEAK),
      of("SEXUAL_ABUSE", 5, "动手动脚|做了?那种事|那种事|发生(了)?(性)?关系|睡了(她|我)|开房|同居|不正当关系|陪睡", SEXUAL),
      of("SEXUAL_ABUSE", 3.5, "摸(她|他|我|她们|他们|孩子|女孩|女生|女娃|丫头|学生|身上)", SEXUAL),
      of("SEXUAL_ABUSE", 2.5, "怀孕|怀上|打胎|流产", SEXUAL_WEAK),
      of("SEXUAL_ABUSE", 2, "(进|钻进|到)(她|我|孩子)的?(房间|被窝|卧室|床上)|坐(在)?" + G + "{0,3}腿上|亲(她|我|他)|不要告诉(别人|妈妈|任何人|家里)|不让(她|我|孩子)?(告诉|说出去)", SEXUAL_WEAK),
      // neglect
      of("NEGLECT", 3, "不管(?!怎么|多|什么|是|你|我们的事)(孩子|娃|他|她|他们)?|不闻不问|放任不管|疏于(照顾|照料|看护)|不尽(抚养|监护)"),
      of("NEGLECT", 3, "不(给|让|许|准)" + G + "{0,2}(吃|饭|喝|穿)|饿(着|了|得|肚子)|没人喂|要吃的|蹭饭"),
      of("NEGLECT", 3, "不给" + G + "{0,3}(看病|治|医)|不送(医|医院)|不带" + G + "{0,3}(看病|去医院)|没送医院|扛扛就好"),
      of("NEGLECT", 3, "(锁|关)在" + G + "{0,4}(家|屋|房|阳台|门外|外面|车里|柜|笼|厕所|地窖)|被(锁|关)(在|起来)", ALONE),
      of("NEGLECT", 2.5, "一个人在(家|外面|楼道|街上|屋里)|独自(在|一人)|自己在家|(没人|无人)(照顾|照看|看着|看管|照料)|家里没(有)?大人|没大人", ALONE),
      of("NEGLECT", 2, "脏兮兮|虱子|几个月没(换|洗)|衣服单薄|光着脚|不着家|打麻将|喝酒喝得|天天醉|醉着|酗酒|赌博|吸毒|站在外面"),
      of("NEGLECT", 4, "(拴|绑|捆)(着|起来)|铁链"),
      // abandonment
      of("ABANDONMENT", 4, "遗弃|弃婴|丢弃|抛弃|弃养", ABANDONED),
      of("ABANDONMENT", 4, KID + G + "{0,3}(扔|丢|放)(在|到|给|下)|(扔|丢)(下|给)(孩子|娃|他|她|我)", ABANDONED),
      of("ABANDONMENT", 3, "不要(他|她|孩子|这个孩子|娃娃|娃)了|谁都不要|没人要", ABANDONED),
      of("ABANDONMENT", 3, "捡到|捡了个|发现" + G + "{0,8}(婴儿|孩子|小孩|娃娃|弃婴)|门口" + G + "{0,6}(发现|有)" + G + "{0,6}(婴儿|孩子)|放在" + G + "{0,6}门口", ABANDONED),
      of("ABANDONMENT", 3, "(生完|生下)" + G + "{0,6}(跑|走|不见)|再也不回来|再也没回来|别找(他们|我们)", ABANDONED),
      of("ABANDONMENT", 2, "纸箱|纸盒|垃圾桶|包在被子|裹着|襁褓|路边|草丛", ABANDONED),
      // trafficking
      of("TRAFFICKING", 5, "拐卖|拐骗|拐走|被拐|拐来|人贩子|人贩|贩卖|偷孩子|抢孩子|买孩子|卖孩子", TRAFFICKING),
      of("TRAFFICKING", 5, "绑架|掳走|强行" + G + "{0,4}(带|拉|抱|拽|塞|拖)|(拉|拽|抱|塞|拖)(上|进)(了)?" + G + "{0,2}车", TRAFFICKING, MISSING),
      of("TRAFFICKING", 4, "(孩子|娃|女娃|男娃|丫头|儿子|女儿|婴儿|娃娃)" + G + "{0,4}卖(了|掉|给)|把" + G + "{0,6}卖(了|掉|给)|找好(了)?买家|买来的", TRAFFICKING),
      of("TRAFFICKING", 3.5, "(被|把)" + G + "{0,8}(抱走|拉走|抢走|骗走|拐)|抱走了", TRAFFICKING, MISSING),
      of("TRAFFICKING", 3, "(?<!(爸|妈|爹|娘|父亲|母亲|爷爷|奶奶|姥姥|外婆)" + G + "{0,4})(要|想|说要|扬言)把" + G + "{0,4}(带走|抱走|抢走|拉走)", TRAFFICKING),
      of("TRAFFICKING", 3, "骗(着)?" + G + "{0,4}(外地|外省)|说是(给)?(找|介绍)(工作|活)|回不来|不让(走|出门|离开)", TRAFFICKING),
      of("TRAFFICKING", 2.5, "送养" + G + "{0,8}(钱|费)|营养费|乞讨|要饭", TRAFFICKING),
      of("TRAFFICKING", 2, "面包车|口音不一样|不像(她|他)家的|不是(她|他)(亲)?生的|陌生人|不对劲|形迹可疑|给" + G + "{0,4}糖|有线索|寻亲"),
      // child labour
      of("CHILD_LABOUR", 5, "童工|雇(用|佣)未成年|使用未成年"),
      of("CHILD_LABOUR", 4, "雇(了|用|佣)?" + G + "{0,8}(孩子|娃|娃娃|学生|未成年|[0-9十一二三四五六七八九]+岁)"),
      of("CHILD_LABOUR", 3.5, "(让|叫|逼|介绍|带(到|去))" + G + "{0,6}(去|到)?" + G + "{0,6}(打工|上班|干活|挣钱|做工|工地|工厂|厂里|砖厂|饭馆|餐馆|ktv|酒吧)"),
      of("CHILD_LABOUR", 3.5, "(在|到|去)" + G + "{0,4}(工地|砖厂|工厂|厂里|电子厂|饭馆|餐馆|饭店|ktv|酒吧|夜市|洗车)" + G + "{0,6}(干活|打工|上班|洗碗|搬砖|服务员|卖|端盘子|陪酒)"),
      of("CHILD_LABOUR", 3, "洗碗|搬砖|端盘子|陪酒|卖花|挖虫草|捡虫草"),
      of("CHILD_LABOUR", 3, "([0-9]{1,2}|十[一二三四五]?|[一二三四五六七八九])岁" + G + "{0,12}(打工|上班|干活)"),
      of("CHILD_LABOUR", 2, "不(让)?(上学|念书|读书)" + G + "{0,6}(打工|挣钱|干活|放羊|放牧)|工资(也)?不给|一天干" + G + "{0,4}小时"),
      // online harm
      of("ONLINE_HARM", 1.5, "网上|网络|网友|网聊|游戏里|微信|qq|抖音|快手|短视频|直播|主播|私信|群里|班级群|朋友圈|聊天记录|平台|app|手机上"),
      of("ONLINE_HARM", 4, "裸照|裸聊|裸体|不雅(照|视频)|黄色|色情|私密照|隐私照", ONLINE_SEXUAL),
      of("ONLINE_HARM", 3, "打赏|充值|游戏皮肤|扫码|转账|网贷|刷单|诈骗|p(成|图)|人肉|网暴|网络暴力|发(到|在)(网上|群里)|在群里(发|传)"),
      of("ONLINE_HARM", 2.5, "(要|约)" + G + "{0,4}见面|奇怪的动作|拍视频发|发过去|加(他|她)?好友"),
      of("ONLINE_HARM", 1.5, "被骗|骗了"),
      // other violations
      of("VIOLATION_OTHER", 4, "早婚|童婚|包办婚姻|娃娃亲"),
      of("VIOLATION_OTHER", 3, "(订|定)(了)?(婚|亲)|嫁(出去|人|给)|彩礼|许(给|配)|说给人家"),
      of("VIOLATION_OTHER", 3, "低保卡|(补贴|抚恤金|生活费|低保)" + G + "{0,4}(拿走|占|挪用|冒领|花了)|(拿走|占了|花了)" + G + "{0,6}(低保|补贴|抚恤金|生活费)"),
      of("VIOLATION_OTHER", 3, "冒用" + G + "{0,6}身份|冒名"),
      of("VIOLATION_OTHER", 3, "卖烟|卖酒|烟酒" + G + "{0,4}(学生|孩子|未成年)|通宵上网|(网吧|酒吧|ktv)" + G + "{0,8}(未成年|孩子|学生)"),
      of("VIOLATION_OTHER", 3, "抵债|高利贷|要债"),
      of("VIOLATION_OTHER", 2, "纹身"));
}
