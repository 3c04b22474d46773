package cn.hotline12349.ui;

import cn.hotline12349.core.intake.IntakeSuggester;
import cn.hotline12349.core.intake.LearnedSuggester;
import cn.hotline12349.core.intake.RiskCheckConfig;
import cn.hotline12349.core.intake.learn.BgeNoteEmbedder;
import cn.hotline12349.core.intake.learn.IntakeModelException;
import cn.hotline12349.core.intake.store.IntakeExamples;
import cn.hotline12349.core.intake.store.IntakeModelRebuilder;
import cn.hotline12349.core.intake.store.RiskCheckStore;
import cn.hotline12349.core.ticket.CallerTickets;
import cn.hotline12349.core.ticket.DuplicateFinder;
import cn.hotline12349.core.ticket.TicketLinks;
import cn.hotline12349.core.ticket.TicketSuggestion;
import cn.hotline12349.telephony.store.PgCallerHistory;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake parts loaded at start-up on a worker thread (HanLP dictionaries, the embedding model's native session,
 * the stored classifier): seconds of blocking work, in parallel with the migrations. If the learned model cannot load
 * the reason is logged at ERROR and the phrase rules answer alone, so calls are still taken.
 */
record IntakeParts(IntakeSuggester rules, LearnedSuggester learned, RiskCheckConfig riskConfig) {
  private static final Logger LOG = LoggerFactory.getLogger(IntakeParts.class);

  static IntakeParts load(AppSettings settings) {
    IntakeSuggester.warmUp();
    IntakeSuggester rules = IntakeSuggester.fromConfig(settings.configDir());
    RiskCheckConfig risk = RiskCheckConfig.loadFrom(settings.configDir());
    LearnedSuggester learned = null;
    if (settings.intakeModel()) {
      try {
        learned = LearnedSuggester.load(rules, BgeNoteEmbedder.shared(),
            settings.dataDir().resolve("intake-model.bin"));
      } catch (IntakeModelException e) {
        LOG.error("learned intake model unavailable, suggestions use the phrase rules alone: {}", e.getMessage());
      }
    }
    return new IntakeParts(rules, learned, risk);
  }

  IntakeServices services(Vertx vertx, Pool pool, AppSettings settings, Clock clock, IntakeExamples examples,
                          CallerTickets callerTickets, PgCallerHistory history, DuplicateFinder duplicates,
                          TicketLinks links, TicketSuggestion suggestions) {
    IntakeModelRebuilder rebuilder = null;
    if (learned != null) {
      rebuilder = new IntakeModelRebuilder(vertx, examples, learned, settings.dataDir(), clock);
      if (!settings.intakeRebuildEvery().isZero()) rebuilder.schedule(settings.intakeRebuildEvery());
    }
    return new IntakeServices(rules, callerTickets, history, duplicates, links, suggestions, learned, riskConfig,
        new RiskCheckStore(pool), examples, rebuilder);
  }
}
