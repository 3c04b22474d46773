// Writes hotline-core/src/main/resources/db/migration/V70__pinyin_chars.sql (kept for the record; run with
// java -cp hanlp-portable-1.8.6.jar scripts/tools/PinyinCharsSql.java <out.sql>).
import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.py.Pinyin;
import java.io.*;
import java.nio.charset.StandardCharsets;
public class PinyinCharsSql {
  public static void main(String[] a) throws Exception {
    try (PrintWriter w = new PrintWriter(new OutputStreamWriter(new FileOutputStream(a[0]), StandardCharsets.UTF_8))) {
      w.println("-- The toneless pinyin of each CJK Unified Ideograph (U+4E00..U+9FA5) as HanLP 1.8.6 reads it alone, for");
      w.println("-- child-name search by pinyin and initials (issue 12). Generated once by a throw-away HanLP program; a name's");
      w.println("-- reading is its characters' readings joined, so polyphonic surnames take the commonest reading.");
      w.println("create table pinyin_chars (ch text primary key, py text not null);");
      w.print("insert into pinyin_chars (ch, py) values");
      boolean first = true; int n = 0;
      StringBuilder line = new StringBuilder();
      for (int c = 0x4E00; c <= 0x9FA5; c++) {
        String s = String.valueOf((char) c);
        java.util.List<Pinyin> l = HanLP.convertToPinyinList(s);
        if (l.isEmpty()) continue;
        String py = l.get(0).getPinyinWithoutTone();
        if (py == null || py.equals("none") || !py.matches("[a-z]+")) continue;
        if (!first) line.append(n % 10 == 0 ? ",\n" : ",");
        else line.append("\n");
        line.append("('").append(s).append("','").append(py).append("')");
        first = false; n++;
      }
      w.print(line); w.println(";");
      System.err.println(n + " chars");
    }
  }
}
