package db.migration;

import cn.hotline12349.core.ticket.QueueRank;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Installs {@code hotline_queue_rank} from {@link QueueRank#function()}, so the priority formula has one
 * owner (PriorityScore) and the stored queue_rank cannot drift from it. Repeatable: its checksum is the function's
 * text, so a change of the formula installs the new function and re-ranks the tickets whose stored rank it changes.
 */
public class R__QueueRankFromPriorityScore extends BaseJavaMigration {
  @Override
  public Integer getChecksum() { return QueueRank.function().hashCode(); }

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement st = context.getConnection().createStatement()) {
      st.execute(QueueRank.function());
      // queue_rank is written by tickets_derive on a change of severity or closed_at; touching severity re-runs it.
      st.execute("update tickets set severity = severity"
          + " where queue_rank is distinct from hotline_queue_rank(severity, closed_at is not null, id)");
    }
  }
}
