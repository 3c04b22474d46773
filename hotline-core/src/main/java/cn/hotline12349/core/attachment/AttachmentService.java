package cn.hotline12349.core.attachment;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.AttachmentKind;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.ticket.AuditLog;
import cn.hotline12349.core.ticket.TicketEvents;
import cn.hotline12349.core.ticket.TicketService;
import cn.hotline12349.core.ticket.TicketTransition;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.Pool;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Files kept with a ticket. Adding one is a ticket event (ATTACHMENT_ADDED) in the same transaction, so the history
 * says who added what when; each download is audited, since a photo of a child is as sensitive as the report.
 * Access follows the ticket's: whoever may read the ticket may read and add its files, nobody else.
 */
public final class AttachmentService {
  public static final String ADDED = "ATTACHMENT_ADDED";
  private final Pool pool;
  private final TicketService tickets;
  private final EventBus bus;
  private final Clock clock;
  private final AttachmentStore store = new AttachmentStore();
  private final AuditLog audit = new AuditLog();

  public AttachmentService(Pool pool, TicketService tickets, EventBus bus, Clock clock) {
    this.pool = pool;
    this.tickets = tickets;
    this.bus = bus;
    this.clock = clock;
  }

  public record Download(Attachment attachment, Buffer content) {}

  private record Added(Attachment attachment, TicketTransition news) {}

  public Future<Attachment> add(Actor actor, long ticketId, String filename, Buffer content) {
    String name = AttachmentKind.cleanName(filename);
    if (name.isEmpty()) return failed(RuleViolation.invalid("filename", "a file name is required"));
    if (content == null || content.length() == 0) return failed(RuleViolation.invalid("file", "the file is empty"));
    if (content.length() > AttachmentKind.MAX_BYTES) {
      return failed(RuleViolation.invalid("file", "a file may be at most " + AttachmentKind.MAX_BYTES / (1024 * 1024) + " MiB"));
    }
    if (actor.role() == Role.ADMIN) {
      return failed(RuleViolation.forbidden("case-access", "administrators do not handle case files"));
    }
    byte[] head = content.getBytes(0, Math.min(16, content.length()));
    AttachmentKind kind = AttachmentKind.detect(head, name).orElse(null);
    if (kind == null) {
      return failed(RuleViolation.invalid("file", "only JPEG or PNG photos, PDF files and Word .docx documents may be attached"));
    }
    String sha = sha256(content.getBytes());
    return pool.withTransaction(tx -> tickets.annotateIn(tx, actor, ticketId, ADDED, null,
            Map.of("contentType", kind.contentType(), "size", content.length()))
        .compose(news -> store.count(tx, ticketId).compose(n -> n >= AttachmentKind.MAX_PER_TICKET
            ? failed(RuleViolation.conflict("attachment-limit",
                "a ticket carries at most " + AttachmentKind.MAX_PER_TICKET + " files"))
            : store.insert(tx, ticketId, name, kind.contentType(), content, sha, actor.userId(), news.at()))
            .compose(id -> store.find(tx, ticketId, id))
            .map(a -> new Added(a, news))))
        .map(added -> {
          TicketEvents.publish(bus, added.news()); // after commit, like every ticket event
          return added.attachment();
        });
  }

  /** The files of a ticket the caller has already been allowed to read. */
  public Future<List<Attachment>> list(long ticketId) { return store.list(pool, ticketId); }

  /** One file, after the same scope check and audit as reading its ticket, plus an audit entry of its own. */
  public Future<Download> download(Actor actor, long ticketId, long attachmentId) {
    if (actor.role() == Role.ADMIN) {
      return failed(RuleViolation.forbidden("case-access", "administrators do not handle case files"));
    }
    return tickets.get(actor, ticketId)
        .compose(t -> store.find(pool, ticketId, attachmentId))
        .compose(a -> a == null ? failed(RuleViolation.notFound("no attachment " + attachmentId + " on ticket " + ticketId))
            : audit.recordRead(pool, actor, "attachment-download", ticketId, "attachment:" + a.id(), clock.instant())
                .compose(v -> store.content(pool, a.id())).map(c -> new Download(a, c)));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
