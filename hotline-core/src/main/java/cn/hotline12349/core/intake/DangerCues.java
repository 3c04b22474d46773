package cn.hotline12349.core.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cues for "danger now" versus "harm in the past" (EMERGENCY vs HIGH, DOMAIN.md §5), read from the normalised note
 * as features beside the embedding: when (正在, 刚才, 今晚 vs 上个月, 去年, 小时候), whether it is over (已经好了,
 * 已送医, 孩子在我家), denial of risk (没想过死, 无自伤), hearsay, an injury that needs care now, a child alone, a
 * self-harm plan or means, the abuser still near, and a question asked (想问, 能不能). The learned regressions weigh
 * them; they decide nothing on their own. Each cue is a count of matches, fed as log(1 + count); a few pairs (a
 * "now" cue in the same clause as harm) are fed as products because the regressions are linear.
 */
final class DangerCues {
  private DangerCues() {}

  private static final Map<String, Pattern> CUES = new LinkedHashMap<>();

  static {
    cue("now", "正在|现在|刚才|刚刚|这会儿|此刻|眼下|当下|马上|立刻|赶紧|快来|快点来|救命|还在|一直在|仍在|目前");
    cue("tonight", "今晚|今天晚上|今夜|今天|今早|今天早上|今天下午|今天中午|今儿|这会|凌晨");
    cue("recent", "昨天|昨晚|昨夜|前天|这两天|这几天|刚才|半小时|一个小时|几分钟|十几分钟|小时了|天了");
    cue("past", "上个月|上月|上个星期|上星期|上周|去年|前年|以前|之前|曾经|小时候|几年前|年前|那时候|那次|当年|过去");
    cue("over", "已经好了|现在好了|没事了|好多了|已经解决|已解决|已处理|已经处理|已安全|已经安全|已送医|已经送|已报警|"
        + "已经报警|在我家|在我这|住我家|已接回|已经接回|找到了|已找到|回来了|已经回家|派出所处理");
    cue("denial", "没想过死|不想死|不会想不开|不会自杀|没有自伤|无自伤|没有自杀|不至于|没打算|开玩笑|恶作剧|没有被打|没被打|"
        + "没打过|没有打过|没伤|没受伤|未受伤|无外伤|不是真的|没那么严重");
    cue("hearsay", "听说|据说|听人说|听别人说|有人说|群里传|网上传|传言|好像|可能是|不确定|不知道真假|怀疑|疑似");
    cue("injury", "流血|出血|满脸是血|都是血|血流|骨折|昏迷|昏过去|晕过去|晕倒|不省人事|抢救|急救|120|icu|烧伤|烫伤|"
        + "吐血|动不了|喘不上气|呼吸困难|抽搐|中毒|吞了|吃了药|喝了药|喝了农药|头破|缝针|送医院|在医院");
    cue("alone", "一个人在家|独自|自己在家|没有大人|没大人|周围没人|无人照看|没人管|没人照顾|锁在|关在|反锁|被锁|"
        + "好几天没人|几天没吃|没吃饭|饿了|冻得|光着脚");
    cue("plan", "农药|安眠药|药片|绳子|割腕|割手|刀片|小刀|跳楼|天台|楼顶|楼上跳|跳下去|跳河|跳江|黄河边|河边|遗书|"
        + "告别|对不起|后事|不想活|想死|去死|活着没意思|撑不下去|结束生命|自杀|轻生");
    cue("threat", "要杀|杀了|打死|弄死|砍死|掐死|扬言|威胁|拿刀|菜刀|拿着刀|棍子|皮带|铁链|砸门|砍门|踹门|又来了|找上门|"
        + "又在打|还在打|往死里打");
    cue("access", "还在学校|还在上课|仍在|至今|还住在|住在一起|常到|经常来|还来|又来|每天都|天天|一直|同住|还和他|还跟他");
    cue("question", "想问|请问|问一下|咨询|能不能|可不可以|能否|是否|有没有|合不合法|怎么办理|怎么申请|需要什么|什么条件|"
        + "咋办|怎么办|算不算|犯法吗|违法吗|吗[？?]?$");
    cue("abduct", "带走|抱走|拉上车|拐走|拐卖|网友|接她|接他|来接|见面|约的|要带|去外地|不见了|走失|找不到|联系不上|关机|失联");
    cue("young", "婴儿|刚出生|男婴|女婴|新生儿|几个月大|个月大|[一二两三四五1-5]岁|尕娃|幼儿|宝宝|娃娃");
  }

  private static void cue(String name, String regex) { CUES.put(name, Pattern.compile(regex)); }

  private static final Pattern CLAUSE = Pattern.compile("[，,。.！!？?；;\\n]");
  private static final List<String> HARM = List.of("injury", "alone", "plan", "threat", "abduct");

  /** Names of the features, in order (part of the model's rule layout). */
  static final List<String> NAMES;

  static {
    List<String> n = new java.util.ArrayList<>();
    for (String c : CUES.keySet()) n.add("cue:" + c);
    for (String h : HARM) n.add("cue:now*" + h);
    for (String h : HARM) n.add("cue:past*" + h);
    n.add("cue:length");
    NAMES = List.copyOf(n);
  }

  /** The features for a normalised note, in {@link #NAMES} order. */
  static double[] of(String text) {
    double[] x = new double[NAMES.size()];
    int at = 0;
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Map.Entry<String, Pattern> e : CUES.entrySet()) {
      int c = count(e.getValue(), text);
      counts.put(e.getKey(), c);
      x[at++] = Math.log1p(c);
    }
    // the same clause: "now" (or "past") with a harm cue
    String[] clauses = CLAUSE.split(text);
    for (String when : List.of("now", "past")) {
      for (String h : HARM) {
        int c = 0;
        for (String cl : clauses) {
          if (CUES.get(when).matcher(cl).find() && CUES.get(h).matcher(cl).find()) c++;
        }
        x[at++] = Math.log1p(c);
      }
    }
    x[at] = Math.log1p(text.length()) / 6;
    return x;
  }

  private static int count(Pattern p, String text) {
    Matcher m = p.matcher(text);
    int c = 0;
    while (m.find()) c++;
    return c;
  }
}
