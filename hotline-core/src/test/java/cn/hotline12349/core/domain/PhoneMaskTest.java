package cn.hotline12349.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every number format is masked: no length of digits comes through whole (issue: short numbers did). */
class PhoneMaskTest {
  @Test
  void eachFormatHidesMostDigits() {
    assertThat(PhoneNumber.mask("13897012345")).isEqualTo("138****2345");
    assertThat(PhoneNumber.mask("097112345678")).isEqualTo("097*****5678");
    assertThat(PhoneNumber.mask("6123456")).isEqualTo("*****56");
    assertThat(PhoneNumber.mask("61234567")).isEqualTo("******67");
    assertThat(PhoneNumber.mask("12349")).isEqualTo("***49");
    assertThat(PhoneNumber.mask("110")).isEqualTo("***");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345", "123456", "6123456", "61234567", "097161234", "13897012345", "097112345678",
      "862161234567890"})
  void moreThanAThirdOfTheDigitsAreHidden(String digits) {
    String masked = PhoneNumber.mask(digits);
    assertThat(masked).hasSameSizeAs(digits).isNotEqualTo(digits);
    assertThat(masked.chars().filter(c -> c == '*').count()).isGreaterThanOrEqualTo(digits.length() / 3 + 1);
  }
}
