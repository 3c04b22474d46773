package cn.hotline12349.core.intake;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Severity;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * scripts/intake/floor-scan (round 8): the rules' life-first floor alone on the training files — emergencies it catches,
 * non-emergencies it raises, and per family how often it fires on each true level. {@code [--dump FILE]} also writes
 * writer, level, family bits and text of every note a family fires on (training notes only, for reading which
 * families fire wrongly); never given a frozen file. Prints aggregate figures only.
 */
public final class FloorScanMain {
  private FloorScanMain() {}

  public static void main(String[] args) throws IOException {
    Path dump = null;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--dump")) dump = Path.of(args[++i]);
      else files.add(Path.of(args[i]));
    }
    for (Path f : files) {
      if (f.getFileName().toString().contains("frozen")) throw new IllegalArgumentException("never scan " + f);
    }
    IntakeSuggester.warmUp();
    IntakeSuggester rules = IntakeSuggester.fromConfig(ConfigDir.resolve());
    int families = IntakeTrainer.FLOOR_FAMILIES.size();
    int[][] byLevel = new int[families][Severity.values().length];
    int em = 0, emFloor = 0, others = 0, raised = 0;
    StringBuilder b = new StringBuilder();
    for (Path f : files) {
      List<IntakeCorpus.LabelledNote> part = IntakeCorpus.read(new FileInputStream(f.toFile()));
      for (int j = 0; j < part.size(); j++) {
        IntakeCorpus.LabelledNote n = part.get(j);
        RuleAnalysis a = rules.analyse(IntakeRequest.ofNotes(n.notes()));
        int bits = IntakeTrainer.floorFamilies(a.suggestion());
        if (n.severity() == Severity.EMERGENCY) { em++; if (a.emergencyFloor()) emFloor++; }
        else { others++; if (a.emergencyFloor()) raised++; }
        for (int i = 0; i < families; i++) if ((bits & (1 << i)) != 0) byLevel[i][n.severity().ordinal()]++;
        if (bits != 0 && dump != null) {
          b.append(TrainMain.writerGroup(f, j)).append('\t').append(n.severity()).append('\t').append(bits).append('\t')
              .append(n.notes().replace('\t', ' ')).append('\n');
        }
      }
    }
    if (dump != null) Files.writeString(dump, b);
    System.out.printf(java.util.Locale.ROOT, "floor alone: EMERGENCY %d/%d = %.3f, non-emergencies raised %d/%d = %.3f%n",
        emFloor, em, emFloor / (double) em, raised, others, raised / (double) others);
    for (int i = 0; i < families; i++) {
      System.out.printf(java.util.Locale.ROOT, "  %-16s fires E %d H %d N %d C %d%n", IntakeTrainer.FLOOR_FAMILIES.get(i),
          byLevel[i][0], byLevel[i][1], byLevel[i][2], byLevel[i][3]);
    }
  }
}
