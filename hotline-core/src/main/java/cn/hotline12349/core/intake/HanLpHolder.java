package cn.hotline12349.core.intake;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.util.List;

/**
 * HanLP loads its dictionaries from the jar on first use, which takes seconds: one lazily built segmenter for
 * the whole JVM. Callers on an event loop must touch it first from a worker thread ({@link #warmUp()}).
 * Named-entity recognition is off: dialect words such as 阿奶 or 尕娃 must not be glued into person names.
 */
final class HanLpHolder {
  private HanLpHolder() {}

  private static final class Lazy {
    static final Segment SEGMENT = HanLP.newSegment()
        .enableNameRecognize(false)
        .enablePlaceRecognize(false)
        .enableOrganizationRecognize(false)
        .enableOffset(true);
  }

  static List<Term> segment(String text) { return Lazy.SEGMENT.seg(text); }

  static List<Pinyin> pinyin(String text) { return HanLP.convertToPinyinList(text); }

  static String simplified(String text) { return HanLP.convertToSimplifiedChinese(text); }

  /** Loads the dictionaries now; call once from a blocking-allowed thread at start-up. */
  static void warmUp() {
    segment("孩子在家");
    pinyin("孩子");
    simplified("孩子");
  }
}
