package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyMainTest {
  @Test
  void oneJsonObjectPerInputLineBlankLinesIncluded(@TempDir Path dir) throws Exception {
    Path in = dir.resolve("notes.txt");
    Files.write(in, List.of("孩子说不想活了", "", "请问收养孩子需要什么条件"), StandardCharsets.UTF_8);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      ClassifyMain.main(new String[] {in.toString()});
    } finally {
      System.setOut(old);
    }
    List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.get("category").asText()).isEqualTo("PSYCHOLOGICAL");
    assertThat(first.get("subcategory").asText()).isEqualTo("SUICIDE_SELF_HARM");
    assertThat(first.get("severity").asText()).isEqualTo("EMERGENCY");
    assertThat(first.get("confidence").asDouble()).isBetween(0.0, 1.0);
    assertThat(json.readTree(lines.get(1)).fieldNames()).toIterable()
        .containsExactly("category", "subcategory", "severity", "confidence");
    assertThat(json.readTree(lines.get(2)).get("category").asText()).isEqualTo("CONSULTATION");
  }
}
