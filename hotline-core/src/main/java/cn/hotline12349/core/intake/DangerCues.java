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

  /**
   * Round 6 (-Dhotline.intake.clauseCues, chosen by grouped CV): the time and state of the clause a harm cue is in, not
   * just of the note — the child is safe now (送医, 报警, 接走, in school or with the caller), the harm is past (older
   * time words), the harm is negated in its clause (没有/未/不 just before it) — and the state at the end of the note.
   */
  static final boolean CLAUSE_CUES = Boolean.parseBoolean(System.getProperty("hotline.intake.clauseCues", "false"));
  private static final Pattern SAFE = Pattern.compile("已送医|已经送医|送到医院了|送医了|已报警|已经报警|报了警|报警了|民警已|"
      + "警察已经|派出所已|已被接走|被接走了|已接回|接回来了|现在在学校|在学校上课|在我家|在我这|住我家|暂住|安全了|已安全|没事了|"
      + "已经好了|找到了|已找到|回来了|已回家|已经回家|已经离开|已经走了|搬走了|分开了|离婚了|被抓|抓起来|拘留|判了|住院了|"
      + "脱离危险|暂时安全|安置|救助站|福利院|亲戚家|姥姥家|奶奶家|外婆家");
  private static final Pattern OLD = Pattern.compile("上个月|上月|上个星期|上星期|上周|去年|前年|以前|之前|曾经|小时候|几年前|年前|"
      + "那时候|那次|当年|过去|前几天|前段时间|上学期|暑假|寒假|那年|个月前|半年前|多年|好几年|一直以来|早就");
  private static final Pattern NOW = Pattern.compile("正在|还在|今晚|今天晚上|今夜|马上|现在就|此刻|这会儿|刚才|刚刚|救命|快来|"
      + "赶紧|立刻|一会儿|待会|等下|眼下|随时");
  private static final Pattern NEGATED = Pattern.compile("(没有|没|未|不|无|并非|不是)[^，,。.！!？?；;]{0,3}(打|伤|血|死|杀|自杀|"
      + "跳|割|吃药|锁|饿|冻|拐|带走|侵|摸|威胁|危险)");

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
    if (CLAUSE_CUES) {
      for (String h : HARM) n.add("cue:safe*" + h);
      for (String h : HARM) n.add("cue:old*" + h);
      for (String h : HARM) n.add("cue:nowOnly*" + h);
      n.add("cue:negatedHarm");
      n.add("cue:end:safe");
      n.add("cue:end:now");
      n.add("cue:end:old");
      n.add("cue:harmClausesSafeOrOld");
      n.add("cue:harmClausesNowOnly");
    }
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
    x[at++] = Math.log1p(text.length()) / 6;
    if (CLAUSE_CUES) at = clauseCues(clauses, x, at);
    return x;
  }

  /** The round-6 clause features (see {@link #CLAUSE_CUES}), written from {@code at}; returns the next index. */
  private static int clauseCues(String[] clauses, double[] x, int at) {
    int[] safe = new int[HARM.size()];
    int[] old = new int[HARM.size()];
    int[] nowOnly = new int[HARM.size()];
    int negated = 0;
    int harmClauses = 0;
    int harmSafeOrOld = 0;
    int harmNowOnly = 0;
    for (String cl : clauses) {
      boolean s = SAFE.matcher(cl).find();
      boolean o = OLD.matcher(cl).find();
      boolean nw = NOW.matcher(cl).find();
      if (NEGATED.matcher(cl).find()) negated++;
      boolean harm = false;
      for (int h = 0; h < HARM.size(); h++) {
        if (!CUES.get(HARM.get(h)).matcher(cl).find()) continue;
        harm = true;
        if (s) safe[h]++;
        if (o) old[h]++;
        if (nw && !s && !o) nowOnly[h]++;
      }
      if (harm) {
        harmClauses++;
        if (s || o) harmSafeOrOld++;
        if (nw && !s && !o) harmNowOnly++;
      }
    }
    for (int v : safe) x[at++] = Math.log1p(v);
    for (int v : old) x[at++] = Math.log1p(v);
    for (int v : nowOnly) x[at++] = Math.log1p(v);
    x[at++] = Math.log1p(negated);
    // the state the note ends in: its last two non-empty clauses
    StringBuilder end = new StringBuilder();
    int taken = 0;
    for (int i = clauses.length - 1; i >= 0 && taken < 2; i--) {
      if (clauses[i].isBlank()) continue;
      end.insert(0, clauses[i] + "，");
      taken++;
    }
    x[at++] = SAFE.matcher(end).find() ? 1 : 0;
    x[at++] = NOW.matcher(end).find() ? 1 : 0;
    x[at++] = OLD.matcher(end).find() ? 1 : 0;
    x[at++] = harmClauses == 0 ? 0 : harmSafeOrOld / (double) harmClauses;
    x[at++] = harmClauses == 0 ? 0 : harmNowOnly / (double) harmClauses;
    return at;
  }

  private static int count(Pattern p, String text) {
    Matcher m = p.matcher(text);
    int c = 0;
    while (m.find()) c++;
    return c;
  }
}
