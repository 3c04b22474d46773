package cn.hotline12349.ui;

import cn.hotline12349.core.intake.IntakeSuggester;
import cn.hotline12349.core.ticket.CallerTickets;
import cn.hotline12349.core.ticket.DuplicateFinder;
import cn.hotline12349.core.ticket.TicketLinks;
import cn.hotline12349.core.ticket.TicketSuggestion;
import cn.hotline12349.telephony.store.PgCallerHistory;

/** Intelligent intake (issue 4): suggestions, repeat callers, same-child duplicates and links. */
public record IntakeServices(IntakeSuggester suggester, CallerTickets callerTickets, PgCallerHistory callHistory,
                             DuplicateFinder duplicates, TicketLinks links, TicketSuggestion suggestions) {}
