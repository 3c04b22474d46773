package cn.hotline12349.core.ticket;

import java.util.List;

public record TicketPage(List<TicketRecord> items, long total, int page, int size) {}
