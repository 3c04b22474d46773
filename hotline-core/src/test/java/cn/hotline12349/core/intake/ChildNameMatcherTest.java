package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChildNameMatcherTest {
  @Test
  void sameNameScoresOneAndEmptyScoresZero() {
    assertThat(ChildNameMatcher.score("王小明", "王小明")).isEqualTo(1.0);
    assertThat(ChildNameMatcher.score("王 小明", "王小明")).isEqualTo(1.0);
    assertThat(ChildNameMatcher.score("", "王小明")).isZero();
    assertThat(ChildNameMatcher.score(null, "王小明")).isZero();
  }

  @Test
  void homophonesAreVeryClose() {
    assertThat(ChildNameMatcher.score("王芳", "王方")).isGreaterThanOrEqualTo(0.9);
    assertThat(ChildNameMatcher.score("张小明", "张晓明")).isGreaterThanOrEqualTo(0.9);
    assertThat(ChildNameMatcher.score("李静", "李敬")).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void nearSoundsAndOneCharacterDifferencesAreClose() {
    assertThat(ChildNameMatcher.isClose("刘兰", "牛兰")).isTrue();
    assertThat(ChildNameMatcher.isClose("陈静", "陈晶")).isTrue();
    assertThat(ChildNameMatcher.isClose("小明", "王小明")).isTrue();
    assertThat(ChildNameMatcher.isClose("李娜娜", "李娜")).isTrue();
    assertThat(ChildNameMatcher.isClose("马小军", "马小兵")).isTrue();
    assertThat(ChildNameMatcher.score("张伟", "张微")).isGreaterThan(ChildNameMatcher.score("张伟", "张强"));
  }

  @Test
  void differentNamesAreFarAndTheScoreIsSymmetric() {
    assertThat(ChildNameMatcher.isClose("张伟", "刘洋")).isFalse();
    assertThat(ChildNameMatcher.isClose("王小明", "李大海")).isFalse();
    assertThat(ChildNameMatcher.score("马小军", "韩梅梅")).isLessThan(0.4);
    assertThat(ChildNameMatcher.score("刘兰", "牛兰")).isEqualTo(ChildNameMatcher.score("牛兰", "刘兰"));
  }
}
