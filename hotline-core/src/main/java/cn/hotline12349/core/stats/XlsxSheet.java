package cn.hotline12349.core.stats;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * One worksheet written row by row with FastExcel: each page is flushed to the output stream and text is written as
 * inline strings (FastExcel's shared-strings table would keep every distinct text until the end: a year of
 * narratives ran a 96 MiB heap out of memory), so memory stays flat however many rows. Blocking I/O: call it off the
 * event loop.
 */
public final class XlsxSheet implements AutoCloseable {
  private final Workbook workbook;
  private final Worksheet sheet;
  private int row;

  public XlsxSheet(OutputStream out, String sheetName, List<String> header) {
    workbook = new Workbook(out, "12349", "1.0");
    sheet = workbook.newWorksheet(sheetName);
    write(List.of(List.copyOf(header)));
    sheet.freezePane(0, 1);
  }

  public void write(List<? extends List<?>> rows) {
    for (List<?> cells : rows) {
      for (int c = 0; c < cells.size(); c++) {
        Object v = cells.get(c);
        if (v instanceof Number n) sheet.value(row, c, n);
        else if (v != null) sheet.inlineString(row, c, v.toString()); // not the shared-strings table: it grows with the file
      }
      row++;
    }
    try {
      sheet.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      workbook.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
