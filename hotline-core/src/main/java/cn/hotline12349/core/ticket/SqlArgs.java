package cn.hotline12349.core.ticket;

import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Positional parameters of a query being built: {@code add} returns the placeholder ({@code $n}) of a value. */
final class SqlArgs {
  private final List<Object> values = new ArrayList<>();

  String add(Object value) {
    values.add(value instanceof Instant i ? TicketStore.odt(i) : value);
    return "$" + values.size();
  }

  /** Epoch microseconds as timestamptz; {@link Long#MAX_VALUE} is 'infinity' (a ticket without a running clock). */
  String micros(long us) {
    String p = add(us);
    return "(case when " + p + "::bigint = " + Long.MAX_VALUE + " then 'infinity'::timestamptz else timestamptz 'epoch' + "
        + p + "::bigint * interval '1 microsecond' end)";
  }

  Tuple tuple() { return Tuple.from(values); }

  static final String MICROS_OF_DUE = "(case when t.queue_due = 'infinity' then " + Long.MAX_VALUE
      + " else (extract(epoch from t.queue_due) * 1000000)::bigint end)";
  static final String MICROS_OF_CREATED = "(extract(epoch from t.created_at) * 1000000)::bigint";
}
