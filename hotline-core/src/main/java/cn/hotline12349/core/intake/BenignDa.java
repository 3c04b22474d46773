package cn.hotline12349.core.intake;

import java.util.List;

/** 打 is also the verb of calling, working, injecting, playing ...: those uses are not hitting. */
final class BenignDa {
  private BenignDa() {}

  private static final List<String> BENIGN_NEXT = List.of("工", "电话", "针", "扫", "算", "听", "车", "游戏", "球", "开", "扮",
      "招呼", "牌", "卡", "扰", "折", "印", "包", "理", "量", "水", "饭", "零工", "井", "字", "气", "赏", "猎", "疫苗", "点滴", "通",
      "来", "麻将", "官司", "交道", "造", "滚", "转", "着玩", "手机", "视频", "热线", "12349", "110", "120", "款", "钱");

  /** True if some 打 inside [start, end) is a benign use (打电话, 打工, 打来的 ...). Qinghai 打给了 stays hitting. */
  static boolean benign(String text, int start, int end) {
    for (int i = text.indexOf('打', start); i >= 0 && i < end; i = text.indexOf('打', i + 1)) {
      String rest = text.substring(i + 1);
      if (BENIGN_NEXT.stream().anyMatch(rest::startsWith)) return true;
      String near = rest.substring(0, Math.min(5, rest.length()));
      if (near.contains("电话") || near.contains("手机")) return true;
    }
    return false;
  }
}
