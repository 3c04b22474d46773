package cn.hotline12349.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {
  @Test
  void oneCallerHowEverTheNumberIsWritten() {
    assertThat(PhoneNumbers.normalize("+86 138-9701-2345")).isEqualTo("13897012345");
    assertThat(PhoneNumbers.normalize("008613897012345")).isEqualTo("13897012345");
    assertThat(PhoneNumbers.normalize("013897012345")).isEqualTo("13897012345");
    assertThat(PhoneNumbers.normalize("(0971) 812 3456")).isEqualTo("09718123456");
    assertThat(PhoneNumbers.normalize("+86 971 8123456")).isEqualTo("09718123456");
    assertThat(PhoneNumbers.normalize("anonymous")).isNull();
  }

  @Test
  void maskKeepsOnlyTheEnds() {
    assertThat(PhoneNumbers.mask("13897012345")).isEqualTo("138****2345");
    assertThat(PhoneNumbers.mask("110")).isEqualTo("***");
  }
}
