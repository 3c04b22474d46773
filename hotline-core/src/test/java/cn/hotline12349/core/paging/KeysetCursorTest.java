package cn.hotline12349.core.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.paging.KeysetCursor.Part;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysetCursorTest {
  private final KeysetCursor calls = KeysetCursor.of("calls", Part.LONG, Part.TEXT);

  @Test
  void roundTripsEveryPartExactlyAndIsUrlSafe() {
    for (String text : List.of("1733550000.42", "a|b", "100%|%7C|", "", "呼叫-1")) {
      for (long n : new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1_733_550_000_123_456L}) {
        String c = calls.encode(n, text);
        assertThat(c).matches("[A-Za-z0-9_-]+");
        KeysetCursor.Key k = calls.decode(c);
        assertThat(k.number(0)).isEqualTo(n);
        assertThat(k.text(1)).isEqualTo(text);
      }
    }
    assertThat(calls.decode(null)).isNull();
    assertThat(calls.decode(" ")).isNull();
  }

  @Test
  void refusesEveryEditedCharacterAndTruncation() {
    String c = KeysetCursor.of("tickets-queue", Part.LONG, Part.LONG, Part.LONG).encode(-70, 1_733_550_000_000_000L, 42);
    KeysetCursor codec = KeysetCursor.of("tickets-queue", Part.LONG, Part.LONG, Part.LONG);
    for (int i = 0; i < c.length(); i++) {
      char swapped = c.charAt(i) == 'A' ? 'B' : 'A';
      String edited = c.substring(0, i) + swapped + c.substring(i + 1);
      // the last character may carry only padding bits: decoding may give the same bytes
      if (java.util.Arrays.equals(Base64.getUrlDecoder().decode(edited), Base64.getUrlDecoder().decode(c))) continue;
      assertInvalid(() -> codec.decode(edited));
    }
    assertInvalid(() -> codec.decode(c.substring(0, c.length() - 3)));
    assertInvalid(() -> codec.decode(c + "AAAA"));
    assertInvalid(() -> codec.decode("not a cursor!"));
    assertInvalid(() -> codec.decode("eHl6"));
  }

  @Test
  void refusesARecomputedCursorWithAChangedShape() {
    // a well-formed payload with a valid CRC but a malformed part, another version or too few parts
    KeysetCursor codec = KeysetCursor.of("board-OVERDUE", Part.LONG, Part.LONG, Part.TEXT);
    assertInvalid(() -> codec.decode(forge("1|board-OVERDUE|12x|4|k")));
    assertInvalid(() -> codec.decode(forge("2|board-OVERDUE|12|4|k")));
    assertInvalid(() -> codec.decode(forge("1|board-OVERDUE|12|4")));
    assertInvalid(() -> codec.decode(forge("1|board-OVERDUE|12|4|k%zz")));
    assertThat(codec.decode(forge("1|board-OVERDUE|12|4|k")).values()).containsExactly(12L, 4L, "k");
  }

  @Test
  void refusesACursorOfAnotherListOrOrder() {
    String queue = KeysetCursor.of("tickets-queue", Part.LONG, Part.LONG, Part.LONG).encode(1, 2, 3);
    KeysetCursor recent = KeysetCursor.of("tickets-recent", Part.LONG, Part.LONG, Part.LONG);
    assertInvalid(() -> recent.decode(queue));
    assertInvalid(() -> calls.decode(queue));
  }

  private static String forge(String payload) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    String raw = payload + "|" + Long.toHexString(crc.getValue());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(InvalidCursorException.class).isInstanceOf(RuleViolationException.class)
        .satisfies(e -> {
          RuleViolation v = ((RuleViolationException) e).violation();
          assertThat(v.kind()).isEqualTo(RuleViolation.Kind.INVALID);
          assertThat(v.field()).isEqualTo("cursor");
        });
  }
}
