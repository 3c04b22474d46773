import { t, getLang } from './i18n.js';

const TZ = 'Asia/Shanghai';

export function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return new Intl.DateTimeFormat(getLang(), {
    timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(d);
}

export function fmtDuration(seconds) {
  let s = Math.abs(Math.round(seconds));
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const parts = [];
  if (d) parts.push(t('dur.d', { n: d }));
  if (d || h) parts.push(t('dur.h', { n: h }));
  if (!d) parts.push(t('dur.m', { n: m }));
  if (!d && !h) parts.push(t('dur.s', { n: s }));
  return parts.join(getLang() === 'en' ? ' ' : '');
}

/** The clock that matters most for ordering and display: the earliest due among running ones. */
export function leadClock(ticket) {
  // Clock JSON (TicketClock): status RUNNING|PAUSED|STOPPED; state ON_TIME|WARNED|OVERDUE|PAUSED while not stopped.
  const clocks = (ticket.clocks || []).filter((c) => c.dueAt && c.status !== 'STOPPED' && !['MET', 'STOPPED'].includes(c.state));
  clocks.sort((a, b) => new Date(a.dueAt) - new Date(b.dueAt));
  return clocks[0] || null;
}

export function isOverdue(ticket) {
  return (ticket.clocks || []).some((c) => c.status !== 'STOPPED' && (c.state === 'OVERDUE' || c.state === 'ESCALATED'));
}

export function isDueSoon(ticket) {
  return !isOverdue(ticket) && (ticket.clocks || []).some((c) => c.status !== 'STOPPED' && c.state === 'WARNED');
}
