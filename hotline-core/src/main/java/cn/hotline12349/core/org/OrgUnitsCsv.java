package cn.hotline12349.core.org;

import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.OrgUnit;
import cn.hotline12349.core.domain.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code org-units.csv} (code,name_zh,name_en,tier,parent_code; # comments) into the org tree. */
public final class OrgUnitsCsv {
  public static final String FILE = "org-units.csv";

  private OrgUnitsCsv() {}

  public static OrgTree load(Path configDir) {
    Path file = configDir.resolve(FILE);
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<OrgUnit> units = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#") || line.startsWith("code,")) continue;
        String[] f = line.split(",", -1);
        if (f.length != 5) throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 5 fields");
        units.add(new OrgUnit(f[0].strip(), f[1].strip(), f[2].strip(), Tier.valueOf(f[3].strip()),
            f[4].isBlank() ? null : f[4].strip()));
      }
      return new OrgTree(units);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
