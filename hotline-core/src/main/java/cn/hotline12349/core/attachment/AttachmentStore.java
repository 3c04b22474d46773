package cn.hotline12349.core.attachment;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The one owner of SQL on {@code ticket_attachments}. */
final class AttachmentStore {
  private static final String COLUMNS = """
      a.id, a.ticket_id, a.filename, a.content_type, a.size_bytes, a.sha256, u.username, a.uploaded_at
      from ticket_attachments a join users u on u.id = a.uploaded_by""";

  Future<Long> insert(SqlClient db, long ticketId, String filename, String contentType, Buffer content, String sha256,
      long userId, Instant at) {
    return db.preparedQuery("""
        insert into ticket_attachments (ticket_id, filename, content_type, size_bytes, sha256, content, uploaded_by,
          uploaded_at) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id""")
        .execute(Tuple.tuple().addLong(ticketId).addString(filename).addString(contentType)
            .addInteger(content.length()).addString(sha256).addBuffer(content).addLong(userId)
            .addOffsetDateTime(at.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  Future<Integer> count(SqlClient db, long ticketId) {
    return db.preparedQuery("select count(*) from ticket_attachments where ticket_id = $1").execute(Tuple.of(ticketId))
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  Future<List<Attachment>> list(SqlClient db, long ticketId) {
    return db.preparedQuery("select " + COLUMNS + " where a.ticket_id = $1 order by a.id").execute(Tuple.of(ticketId))
        .map(rows -> {
          List<Attachment> out = new ArrayList<>();
          for (Row r : rows) out.add(attachment(r));
          return out;
        });
  }

  Future<Attachment> find(SqlClient db, long ticketId, long id) {
    return db.preparedQuery("select " + COLUMNS + " where a.ticket_id = $1 and a.id = $2")
        .execute(Tuple.of(ticketId, id)).map(rows -> rows.size() == 0 ? null : attachment(rows.iterator().next()));
  }

  Future<Buffer> content(SqlClient db, long id) {
    return db.preparedQuery("select content from ticket_attachments where id = $1").execute(Tuple.of(id))
        .map(rows -> rows.iterator().next().getBuffer(0));
  }

  private static Attachment attachment(Row r) {
    return new Attachment(r.getLong(0), r.getLong(1), r.getString(2), r.getString(3), r.getInteger(4), r.getString(5),
        r.getString(6), r.getOffsetDateTime(7).toInstant());
  }
}
