package cn.hotline12349.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one phone-number rule (it replaced core's PhoneNumbers and telephony's; their cases are all here). */
class PhoneNumberTest {
  @ParameterizedTest
  @CsvSource({
      "13812345678, 13812345678",
      "+86 138 1234 5678, 13812345678",
      "+86 138-9701-2345, 13897012345",
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
      "1012345678, 01012345678",
      "12349, 12349",
      "110, 110",
      "+1 415 555 0100, +14155550100",
      "0044 20 7946 0958, +442079460958"})
  void oneFormPerNumber(String raw, String expected) {
    assertThat(PhoneNumber.parse(raw)).map(PhoneNumber::normalized).contains(expected);
    assertThat(PhoneNumber.normalize(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345abc", "1", "-1", "123456789012345678901234567890", "; DROP", "sipp", "", "  ",
      "0", "+0", "+86", "13812345678; DROP TABLE tickets", "１３８１２３４５６７８", "12--", "+1 2"})
  void garbageIsNotANumber(String raw) {
    assertThat(PhoneNumber.parse(raw)).isEmpty();
    assertThat(PhoneNumber.acceptable(raw)).isFalse();
    assertThat(PhoneNumber.normalize(raw)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"withheld", "anonymous", "Unknown", "PRIVATE", "restricted", " unavailable "})
  void withheldIsAcceptedExplicitlyAndMatchesNobody(String raw) {
    assertThat(PhoneNumber.parse(raw)).contains(PhoneNumber.WITHHELD);
    assertThat(PhoneNumber.acceptable(raw)).isTrue();
    assertThat(PhoneNumber.normalize(raw)).isNull();
    assertThat(PhoneNumber.WITHHELD.masked()).isEqualTo("withheld");
    assertThat(PhoneNumber.WITHHELD.dialable()).isEmpty();
  }

  @Test
  void nullAndOverlongInput() {
    assertThat(PhoneNumber.parse(null)).isEmpty();
    assertThat(PhoneNumber.parse("1".repeat(PhoneNumber.MAX_INPUT + 1))).isEmpty();
  }

  @Test
  void localNumberTakesTheTrunksAreaCode() {
    assertThat(PhoneNumber.parse("8412345", "0979")).map(PhoneNumber::normalized).contains("09798412345");
    assertThat(PhoneNumber.normalize("8412345")).isEqualTo("8412345"); // no area known: kept as dialled
  }

  @Test
  void areaCodesMobilesAndDialling() {
    assertThat(PhoneNumber.parse("09716123456").flatMap(PhoneNumber::areaCode)).contains("0971");
    assertThat(PhoneNumber.parse("010-12345678").flatMap(PhoneNumber::areaCode)).contains("010");
    assertThat(PhoneNumber.parse("02087654321").flatMap(PhoneNumber::areaCode)).contains("020");
    assertThat(PhoneNumber.parse("13812345678").flatMap(PhoneNumber::areaCode)).isEmpty();
    assertThat(PhoneNumber.parse("13812345678").map(PhoneNumber::mobile)).contains(true);
    assertThat(PhoneNumber.parse("+1 415 555 0100").flatMap(PhoneNumber::dialable)).as("no international route")
        .isEmpty();
    assertThat(PhoneNumber.parse("0971-6123456").flatMap(PhoneNumber::dialable)).contains("09716123456");
  }

  @Test
  void maskKeepsOnlyTheEndsOfTheNormalisedNumber() {
    assertThat(PhoneNumber.mask("13897012345")).isEqualTo("138****2345");
    assertThat(PhoneNumber.mask("+86 138 9701 2345")).isEqualTo("138****2345");
    assertThat(PhoneNumber.mask("110")).isEqualTo("***");
    assertThat(PhoneNumber.mask("anonymous")).isEqualTo("withheld");
    assertThat(PhoneNumber.mask(null)).isNull();
    assertThat(PhoneNumber.parse("0971-6123456").map(PhoneNumber::masked)).contains("097****3456");
  }
}
