import { t } from '../i18n.js';
import { subscribe } from '../live.js';
import { h, notice, orgs, orgName, ticketPage, ticketTable, coalesce, debounce, hasDraft, redrawKeepingFocus } from '../ui.js';
import { loadTicket, ticketDetail } from '../detail.js';
import { markStale } from './county.js';
import { abandonedCalls, queuePanel } from './calls.js';
import { intakeAccuracy } from './intake-accuracy.js';

// Each section is one server query (first page, priority order, counted by the server).
const SECTIONS = [
  ['review.toReview', 'status=RESULT_SUBMITTED'],
  ['review.toReply', 'status=REVIEWED'],
  ['review.toClose', 'status=REPLIED'],
  ['review.escalated', 'open=true&overdue=true'],
  ['review.new', 'status=NEW'],
];

export async function render(view, ctx) {
  const map = await orgs();
  let selected = /^\d+$/.test(ctx.arg || '') ? ctx.arg : null;
  let listSeq = 0;
  const lists = h('div');
  const detail = h('div', { 'aria-live': 'polite', id: 'review-detail' }, notice(t('county.pick')));
  const calls = h('div');
  const panelBox = h('div');
  view.replaceChildren(h('h2', {}, `${t('review.title')} · ${orgName(map, ctx.user.orgCode)}`),
    h('div', { class: 'cols wide' }, h('div', {}, panelBox, lists, calls, intakeAccuracy()), detail));

  const pick = (tk) => {
    selected = String(tk.id);
    history.replaceState(null, '', `#/review/${tk.id}`);
    drawLists();
    // Keyboard users continue in the ticket they chose, not at the top of the list.
    drawDetail().then(() => detail.querySelector('section[data-ticket] h2')?.focus());
  };
  const drawLists = async () => {
    const seq = ++listSeq;
    const pages = await Promise.all(SECTIONS.map(([, query]) => ticketPage(query, null, 100)));
    if (seq !== listSeq) return;
    redrawKeepingFocus(lists, ...SECTIONS.map(([key], i) => {
      const rows = pages[i].items;
      return h('section', { class: 'panel', 'aria-labelledby': `rv-${i}`, 'data-section': key },
        h('h3', { id: `rv-${i}` }, `${t(key)} (${pages[i].countText ?? rows.length})`),
        ticketTable(rows, map, { onPick: pick, selectedId: selected, columns: ['ref', 'severity', 'county', 'status', 'deadline'] }));
    }));
  };
  const drawDetail = async (live = false) => {
    if (!selected) return;
    const { ticket, error } = await loadTicket(selected);
    if (live && hasDraft(detail)) { markStale(detail, ticket?.version); return; } // checked again after the fetch: a form may have opened
    if (error) { detail.replaceChildren(notice(error, true)); return; }
    const refresh = () => { drawLists(); drawDetail(); };
    detail.replaceChildren(ticketDetail(ticket, ctx.user, map, { onDone: refresh, onStale: refresh }, { full: false }));
  };
  await Promise.all([drawLists(), drawDetail()]);
  const stopCalls = await abandonedCalls(calls, ctx);
  const stopPanel = ['INTAKE_SUPERVISOR', 'PROVINCE_SUPERVISOR'].includes(ctx.user.role) ? await queuePanel(panelBox) : () => {};
  const reloadLists = coalesce(drawLists, 1000);
  const reloadDetail = debounce(() => drawDetail(true), 150);
  const onEvent = (address, body) => {
    reloadLists();
    if (selected && (address === 'poll' || address === 'reconnect' || String(body.ticketId) === String(selected))) {
      if (hasDraft(detail)) markStale(detail, body.version); else reloadDetail();
    }
  };
  const stop = subscribe('hotline.', (address, body) => {
    if (!address.startsWith('hotline.ticket') && !address.startsWith('hotline.sla') && address !== 'poll' && address !== 'reconnect') return;
    onEvent(address, body);
  });
  return () => { stop(); stopCalls(); stopPanel(); };
}
