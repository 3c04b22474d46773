package cn.hotline12349.core.stats;

import java.util.List;

/** RFC 4180 lines; a text cell that a spreadsheet would run as a formula is prefixed with ' (CSV injection). */
public final class CsvRows {
  /** Excel opens UTF-8 CSV with Chinese text correctly only after a byte-order mark. */
  public static final String BOM = "\uFEFF";

  private CsvRows() {}

  public static String line(List<?> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) b.append(',');
      Object v = cells.get(i);
      if (v == null) continue;
      String s = v.toString();
      if (v instanceof String && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) s = "'" + s;
      if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
        s = '"' + s.replace("\"", "\"\"") + '"';
      }
      b.append(s);
    }
    return b.append("\r\n").toString();
  }
}
