package cn.hotline12349.core.intake;

import static cn.hotline12349.core.intake.Rule.Signal.*;
import static cn.hotline12349.core.intake.Rule.of;
import static cn.hotline12349.core.intake.ViolationRules.G;

import java.util.List;

/** Phrase families for psychological counselling (心理疏导、情绪抚慰); self-harm talk carries the SUICIDE signal. */
final class PsychRules {
  private PsychRules() {}

  static final List<Rule> RULES = List.of(
      of("SUICIDE_SELF_HARM", 6, "自杀|轻生|寻死|短见|死给|喝药|吞(了)?" + G + "{0,3}药|想不开|厌世|服毒|自缢|活着没劲|(扎|划|割|烫|刺|撞|打)(伤)?自己|撞墙|想死|去死|不如死|死了算了|死了(大家|就|好)|不想活|活着(没|没有)意思|活着太累|活够了|活不下去|"
          + "一了百了|结束(自己的)?生命|了结自己|跳楼|跳河|跳江|跳崖|跳桥|卧轨|上吊|割腕|割手|割脉|划(伤)?(自己|手腕|胳膊|手臂)|"
          + "(刀|刀片|小刀|玻璃)" + G + "{0,4}划|自残|自伤|伤害自己|安眠药|农药|百草枯|老鼠药|吞药|遗书|另一个世界|跳下去|买好(了)?药|"
          + "不想在这个世界|离开这个世界|想消失", SUICIDE),
      of("SUICIDE_SELF_HARM", 2, "楼顶|天台|再见了|永别|对不起(我|你们|爸妈|妈妈|爸爸)"),
      of("EMOTIONAL_DISTRESS", 3, "抑郁|焦虑|心情(不好|很差|特别差|差|低落)|情绪(低落|不好|不稳定|崩溃|问题)|崩溃|心慌|失眠|睡不着|噩梦|"
          + "心里(难受|不舒服|憋屈)|压抑|自卑|没用|孤单|孤独|没有朋友|没朋友|想哭|发呆|闷在|不说话|不爱说话|烦躁|发脾气|害怕得"),
      of("EMOTIONAL_DISTRESS", 1, "哭|害怕|难过|伤心|委屈|烦|吓"),
      of("EMOTIONAL_DISTRESS", 2, "找人(聊聊|说说|倾诉)|聊聊|倾诉|心理(疏导|辅导)"),
      of("FAMILY_RELATIONSHIP", 3, "吵架|顶嘴|叛逆|青春期|不理(我|他|她|我们)|关系(很|特别|非常)?(差|不好|紧张)|沟通|相处|偏心|不爱我|早恋|跟谁|"
          + "不接受|管得(太)?(严|多)|什么都管|没收|不理解(我)?|代沟|家里没有我的位置|没有我的位置"),
      of("FAMILY_RELATIONSHIP", 1.5, "离婚|后妈|继母|再婚|又找了一个"),
      of("STUDY_PRESSURE", 3, "考试|中考|高考|期末|成绩|作业|学习压力|压力(好|很|太|特别)?大|厌学|考不好|没考好|排名|补习|学习跟不上|学不进去|学到半夜"),
      of("PSYCH_OTHER", 3, "沉迷(手机|游戏|网络)|玩手机|打游戏|手机游戏|说谎|撒谎|偷" + G + "{0,3}钱|内向|不合群|不敢说话|怎么(教育|引导)|心理问题|行为问题|多动"));
}
