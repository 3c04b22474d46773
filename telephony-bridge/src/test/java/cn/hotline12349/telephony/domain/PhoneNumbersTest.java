package cn.hotline12349.telephony.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {
  @ParameterizedTest
  @CsvSource({
      "13812345678, 13812345678",
      "+86 138 1234 5678, 13812345678",
      "008613812345678, 13812345678",
      "8613812345678, 13812345678",
      "013812345678, 13812345678",
      "0971-6123456, 09716123456",
      "(0971) 612 3456, 09716123456",
      "+86 971 6123456, 09716123456",
      "86 0971 6123456, 09716123456",
      "9716123456, 09716123456",
      "010-12345678, 01012345678",
      "+86 10 12345678, 01012345678",
      "12349, 12349"})
  void normalizesToOneFormPerNumber(String raw, String expected) {
    assertThat(PhoneNumbers.normalize(raw)).contains(expected);
  }

  @Test
  void notANumberGivesNothing() {
    assertThat(PhoneNumbers.normalize("sipp")).isEmpty();
    assertThat(PhoneNumbers.normalize("anonymous")).isEmpty();
    assertThat(PhoneNumbers.normalize("")).isEmpty();
    assertThat(PhoneNumbers.normalize(null)).isEmpty();
    assertThat(PhoneNumbers.normalize("+1 415 555 0100")).isEmpty();
  }

  @Test
  void localNumberTakesTheTrunksAreaCode() {
    assertThat(PhoneNumbers.normalize("8412345", "0979")).contains("09798412345");
    assertThat(PhoneNumbers.normalize("8412345")).contains("8412345"); // no area known: kept as dialled
  }

  @Test
  void areaCodesAndMasking() {
    assertThat(PhoneNumbers.areaCode("09716123456")).contains("0971");
    assertThat(PhoneNumbers.areaCode("01012345678")).contains("010");
    assertThat(PhoneNumbers.areaCode("02087654321")).contains("020");
    assertThat(PhoneNumbers.areaCode("13812345678")).isEmpty();
    assertThat(PhoneNumbers.isMobile("13812345678")).isTrue();
    assertThat(PhoneNumbers.mask("13812345678")).isEqualTo("138****78").doesNotContain("12345");
  }
}
