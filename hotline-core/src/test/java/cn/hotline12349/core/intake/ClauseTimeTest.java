package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ClauseTimeTest {
  /** The clause breaks as round 8 wrote them, a character class; ClauseTime now looks characters up instead. */
  private static final Pattern ROUND_8_BREAK = Pattern.compile("[，,。.！!？?；;\\s、：:…~～\"“”]");

  @Test
  void everyCharacterBreaksAClauseExactlyWhenTheRound8CharacterClassSaidSo() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      String one = String.valueOf(c);
      boolean expected = ROUND_8_BREAK.matcher(one).matches();
      // "a", the character, "b": the clause before "b" is empty after a break, else it holds "a" and the character
      String text = "a" + one + "b";
      assertThat(ClauseTime.clauseBefore(text, 2)).as("U+%04X", (int) c).isEqualTo(expected ? "" : "a" + one);
    }
  }

  @Test
  void aPastClauseIsPastOnlyAndNowInTheSameOrPreviousClauseIsNot() {
    String past = "去年暑假，表叔摸了她。";
    int at = past.indexOf("摸");
    assertThat(ClauseTime.pastOnly(ClauseTime.window(past, at, at + 1))).isTrue();
    String now = "去年就有过，现在他又来了，正在打孩子";
    int hit = now.indexOf("打孩子");
    assertThat(ClauseTime.pastOnly(ClauseTime.window(now, hit, hit + 3))).isFalse();
  }
}
