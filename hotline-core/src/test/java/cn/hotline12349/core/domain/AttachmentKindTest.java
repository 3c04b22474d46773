package cn.hotline12349.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AttachmentKindTest {
  @Test
  void kindsAreRecognisedByTheirFirstBytesNotByTheirNames() {
    assertThat(AttachmentKind.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, "a.png"))
        .contains(AttachmentKind.JPEG);
    assertThat(AttachmentKind.detect("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "x")).contains(AttachmentKind.PDF);
    assertThat(AttachmentKind.detect(new byte[] {'P', 'K', 3, 4, 0}, "报告.DOCX")).contains(AttachmentKind.DOCX);
    assertThat(AttachmentKind.detect(new byte[] {'P', 'K', 3, 4, 0}, "x.zip")).isEmpty();
    assertThat(AttachmentKind.detect("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8), "a.png")).isEmpty();
    assertThat(AttachmentKind.detect(new byte[] {(byte) 0x89, 'P'}, "short.png")).isEmpty();
    assertThat(AttachmentKind.detect(new byte[] {'M', 'Z', 0, 0}, "setup.pdf")).isEmpty();
  }

  @Test
  void namesLoseTheirPathsControlCharactersAndQuotes() {
    assertThat(AttachmentKind.cleanName("C:\\Users\\x\\小丽.jpg")).isEqualTo("小丽.jpg");
    assertThat(AttachmentKind.cleanName("../../a\"b;\u0000c.pdf")).isEqualTo("abc.pdf");
    assertThat(AttachmentKind.cleanName("   ")).isEmpty();
    assertThat(AttachmentKind.cleanName("图".repeat(300))).hasSize(AttachmentKind.MAX_NAME);
  }
}
