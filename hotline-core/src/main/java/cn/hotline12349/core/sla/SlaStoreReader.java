package cn.hotline12349.core.sla;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;

/** Read-only look at the deadlines the scheduler needs between firings. */
public final class SlaStoreReader {
  private final Pool pool;
  private final SlaStore store = new SlaStore();

  public SlaStoreReader(Pool pool) { this.pool = pool; }

  public Future<Instant> earliestFire() { return store.earliestFire(pool); }
}
