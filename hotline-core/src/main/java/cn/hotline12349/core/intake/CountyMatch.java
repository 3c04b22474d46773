package cn.hotline12349.core.intake;

import java.util.List;

/**
 * Where the child is, as far as the text tells: one county, or a choice the operator must make among
 * {@code candidates} (a prefecture named without a county, or several counties named).
 */
public record CountyMatch(String countyCode, String prefectureCode, boolean needsChoice, List<String> candidates,
                          List<String> matchedNames) {
  public static final CountyMatch NONE = new CountyMatch(null, null, false, List.of(), List.of());

  public CountyMatch {
    candidates = List.copyOf(candidates);
    matchedNames = List.copyOf(matchedNames);
  }

  public boolean found() { return countyCode != null || needsChoice; }
}
