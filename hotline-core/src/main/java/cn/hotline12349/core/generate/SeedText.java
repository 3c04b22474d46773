package cn.hotline12349.core.generate;

import java.util.List;

/** Word lists the generator draws from: common names of Qinghai's children, places, narratives and notes. */
final class SeedText {
  private SeedText() {}

  static final List<String> SURNAMES = List.of("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
      "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭",
      "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜",
      "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊", "秦", "邱",
      "江", "尹", "薛", "段", "雷", "侯", "龙", "史", "陶", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "祁");

  static final List<String> GIVEN = List.of("子涵", "欣怡", "梓涵", "晨曦", "一诺", "浩然", "宇轩", "思远", "雨桐",
      "佳怡", "明轩", "俊杰", "嘉怡", "诗涵", "梓轩", "子墨", "宇航", "欣然", "若曦", "梦瑶", "浩宇", "博文", "天佑",
      "紫萱", "雅琪", "晓东", "海燕", "丽", "强", "伟", "芳", "敏", "静", "磊", "洋", "婷", "娜", "涛", "明", "超", "勇",
      "艳", "杰", "军", "华", "平", "刚", "桂英", "建国", "文博", "志强", "晓红", "海涛", "小龙", "丹", "鑫", "雪梅",
      "春燕", "国庆", "德明", "玉兰", "秀兰", "永福", "成林", "慧敏", "亚楠");

  /** Names given alone: nicknames and Tibetan names, which have no surname. */
  static final List<String> WHOLE_NAMES = List.of("小丽", "小明", "小花", "小军", "小红", "小强", "小宝", "小雨", "小刚",
      "小芳", "才让", "卓玛", "多杰", "拉毛", "尼玛", "扎西", "德吉", "索南", "旦增", "央金");

  static final List<String> TOWNS = List.of("城关镇", "新城街道", "东关街道", "西门街道", "多巴镇", "甘河滩镇",
      "上新庄镇", "李家山镇", "鲁沙尔镇", "总寨镇", "结古镇", "隆宝镇", "河阴镇", "塔尔镇", "青海湖乡", "巴燕镇",
      "威远镇", "浩门镇", "沙柳河镇", "香日德镇");

  static final List<String> PLACES = List.of("幸福小区", "光明村", "团结村", "和平路", "建设巷", "阳光家园", "新民村",
      "红星村", "胜利路", "朝阳小区", "康乐社区", "果洛路", "昆仑路", "南山村", "北川村", "柳树湾村", "草原新村",
      "湟水花园", "夏都花园", "祁连小区");

  static final List<String> RELATIONS = List.of("邻居", "母亲", "父亲", "祖母", "老师", "路人", "社区工作人员", "本人",
      "亲属", "村儿童主任");

  /** Narratives per category: {r} relation, {c} child, {y} age, {a} address. */
  static final List<String[]> NARRATIVES = List.of(
      new String[] {"VIOLATION", "{r}来电反映，住在{a}的孩子{c}（{y}岁）经常被父亲打骂，昨晚又听到哭喊声。"},
      new String[] {"VIOLATION", "{r}反映{c}在学校被同学欺负，情绪低落，不愿上学。家住{a}。"},
      new String[] {"VIOLATION", "{r}反映{a}一家餐馆雇用未成年人{c}（{y}岁）长时间干活。"},
      new String[] {"VIOLATION", "{r}称邻居家孩子{c}长期被锁在家中，吃不饱饭，地址{a}。"},
      new String[] {"VIOLATION", "{r}反映继父对{c}有不当身体接触，孩子害怕回家，住址{a}。"},
      new String[] {"LIFE_DIFFICULTY", "{r}反映{c}（{y}岁）父母长期在外务工，由年迈的祖母照看，生活困难，住址{a}。"},
      new String[] {"LIFE_DIFFICULTY", "{r}来电称{c}近一周没有去学校上课，家中无人照看，地址{a}。"},
      new String[] {"LIFE_DIFFICULTY", "{r}在{a}附近发现一名独自徘徊的儿童，自称叫{c}，约{y}岁，无法联系家长。"},
      new String[] {"LIFE_DIFFICULTY", "{r}反映{c}（{y}岁）患有先天性心脏病，家庭无力承担医疗费用，住{a}。"},
      new String[] {"LIFE_DIFFICULTY", "{r}反映{c}（{y}岁）离家出走已两天，最后一次出现在{a}。"},
      new String[] {"LIFE_DIFFICULTY", "{r}反映{c}（{y}岁）因父母离异无人照顾，暂住亲戚家，{a}。"},
      new String[] {"PSYCHOLOGICAL", "{r}来电，{c}（{y}岁）在网上说不想活了，情绪很不稳定，请尽快处理。住址{a}。"},
      new String[] {"PSYCHOLOGICAL", "{r}反映{c}沉迷网络游戏，被陌生人诱导充值，和家人关系紧张，家住{a}。"},
      new String[] {"PSYCHOLOGICAL", "{r}来电倾诉{c}学习压力大、晚上睡不着，希望得到疏导。"},
      new String[] {"CONSULTATION", "{r}咨询事实无人抚养儿童的认定条件和申请流程。"},
      new String[] {"CONSULTATION", "{r}来电询问孩子户口登记和证件办理的政策。"},
      new String[] {"CONSULTATION", "{r}咨询离婚后孩子抚养费和监护权的相关规定。"},
      new String[] {"REFERRAL_OTHER", "{r}来电查询此前反映事项的办理进度。"},
      new String[] {"REFERRAL_OTHER", "{r}反映{c}需要康复训练，希望转介到专业机构，住址{a}。"});

  static final List<String> NOTES = List.of("已入户走访，孩子身体状况良好。", "已联系村（居）儿童主任，落实临时照料。",
      "已联系学校老师了解情况，孩子情绪稳定。", "已与派出所沟通，民警已上门核实。", "电话联系监护人，监护人表示会加强照看。",
      "已协调乡镇民政办送去米面油等生活物资。", "孩子已被安置在县儿童福利机构临时照料。", "已安排心理咨询师与孩子面谈一次。");

  static final List<String> RESULTS = List.of("经核实情况属实，已落实监护责任，纳入重点关爱对象。",
      "经核实为家庭矛盾，已开展家庭教育指导。", "已协调申请临时救助金，并纳入困境儿童保障。", "已转介心理咨询机构持续跟进。",
      "经核实情况不属实，已向来电人说明。", "已协调学校和家长共同处理，欺凌行为已制止。");

  static final List<String> ANSWERS = List.of("已告知认定条件与申请流程。", "已解答相关政策并告知办理地点。",
      "已进行情绪安抚，来电人表示好多了。", "已告知办理进度。");
}
