package cn.hotline12349.ui.cluster;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * The one-row PBX lease (table pbx_lease, V130). Taken with a conditional UPDATE when free, expired or already ours;
 * expiry is the database's {@code now()}, so only one clock matters. The epoch grows at every change of owner.
 */
class PbxLease {
  /** Who holds it; {@code owner} null when released, {@code live} false when expired. */
  record Holder(String owner, long epoch, boolean live) {}

  private static final String CLAIM = """
      update pbx_lease set
        epoch = case when owner is not distinct from $1 then epoch else epoch + 1 end,
        acquired_at = case when owner is not distinct from $1 and expires_at > now() then acquired_at else now() end,
        owner = $1,
        expires_at = now() + $2::bigint * interval '1 millisecond'
      where id = 1 and (owner = $1 or owner is null or expires_at <= now())
      returning epoch""";

  private final Pool pool;

  PbxLease(Pool pool) { this.pool = pool; }

  /** Takes or renews the lease for {@code ttl}; completes with the epoch, or null when another node holds it. */
  Future<Long> claim(String node, Duration ttl) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(node, ttl.toMillis()))
        .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getLong(0));
  }

  Future<Holder> current() {
    return pool.query("select owner, epoch, expires_at > now() as live from pbx_lease where id = 1").execute()
        .map(rs -> {
          Row r = rs.iterator().next();
          return new Holder(r.getString("owner"), r.getLong("epoch"), r.getBoolean("live"));
        });
  }

  /** Gives the lease up at once (a clean shutdown), so the next node need not wait for the expiry. */
  Future<Void> release(String node) {
    return pool.preparedQuery("update pbx_lease set owner = null, expires_at = now() where id = 1 and owner = $1")
        .execute(Tuple.of(node)).mapEmpty();
  }
}
