package cn.hotline12349.core.partner;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The repository of table {@code partners}: its only SQL and its row mapper. Callers own the transaction. */
final class PartnerStore {
  private static final String COLUMNS = "id, code, kind, org_code, name, channels, demo, active, source";
  private static final String INSERT = """
      insert into partners (code, kind, org_code, name, channels, demo, source, created_at, updated_at)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $8)""";

  /** Inserts the entries whose code is new; returns how many were. */
  Future<Integer> insertNew(SqlClient tx, List<PartnerEntry> entries, String source, Instant now) {
    List<Tuple> batch = new ArrayList<>();
    for (PartnerEntry e : entries) batch.add(args(e, source, now));
    return tx.preparedQuery(INSERT + " on conflict (code) do nothing returning id").executeBatch(batch).map(rs -> {
      int n = 0;
      for (RowSet<Row> r = rs; r != null; r = r.next()) n += r.size();
      return n;
    });
  }

  /** The stored partner, or null when its code was taken. */
  Future<Partner> insert(SqlClient tx, PartnerEntry e, String source, Instant now) {
    return tx.preparedQuery(INSERT + " on conflict (code) do nothing returning " + COLUMNS).execute(args(e, source, now))
        .map(PartnerStore::first);
  }

  /** Active (or, with {@code includeInactive}, all) partners of these org units, optionally of one kind, at most 500. */
  Future<List<Partner>> list(SqlClient db, List<String> orgCodes, PartnerKind kind, boolean includeInactive) {
    return db.preparedQuery("select " + COLUMNS + " from partners where org_code = any($1)"
            + " and ($2::text is null or kind = $2) and ($3 or active) order by org_code, kind, code limit 500")
        .execute(Tuple.of(orgCodes.toArray(String[]::new), kind == null ? null : kind.name(), includeInactive))
        .map(rs -> {
          List<Partner> out = new ArrayList<>();
          for (Row r : rs) out.add(partner(r));
          return out;
        });
  }

  Future<Partner> find(SqlClient db, long id) {
    return db.preparedQuery("select " + COLUMNS + " from partners where id = $1").execute(Tuple.of(id))
        .map(PartnerStore::first);
  }

  /** The updated partner, or null when there is none with this id. */
  Future<Partner> setActive(SqlClient tx, long id, boolean active, Instant now) {
    return tx.preparedQuery("update partners set active = $2, updated_at = $3 where id = $1 returning " + COLUMNS)
        .execute(Tuple.of(id, active, now.atOffset(ZoneOffset.UTC))).map(PartnerStore::first);
  }

  private static Tuple args(PartnerEntry e, String source, Instant now) {
    JsonArray ch = new JsonArray();
    e.channels().forEach(c -> ch.add(new JsonObject().put("type", c.type()).put("value", c.value())));
    return Tuple.tuple().addString(e.code()).addString(e.kind().name()).addString(e.orgCode()).addString(e.name())
        .addValue(ch).addBoolean(e.demo()).addString(source).addOffsetDateTime(now.atOffset(ZoneOffset.UTC));
  }

  private static Partner first(RowSet<Row> rs) {
    return rs.size() == 0 ? null : partner(rs.iterator().next());
  }

  static Partner partner(Row r) {
    List<Partner.Channel> ch = new ArrayList<>();
    Object raw = r.getValue("channels");
    if (raw instanceof JsonArray a) {
      for (Object o : a) {
        JsonObject c = (JsonObject) o;
        ch.add(new Partner.Channel(c.getString("type"), c.getString("value")));
      }
    }
    return new Partner(r.getLong("id"), r.getString("code"), PartnerKind.valueOf(r.getString("kind")),
        r.getString("org_code"), r.getString("name"), ch, r.getBoolean("demo"), r.getBoolean("active"),
        r.getString("source"));
  }
}
