import { t } from '../i18n.js';
import { subscribe } from '../live.js';
import { h, notice, orgs, orgName, allTickets, ticketTable, byPriority, debounce, hasDraft, redrawKeepingFocus } from '../ui.js';
import { isOverdue } from '../fmt.js';
import { loadTicket, ticketDetail } from '../detail.js';
import { markStale } from './county.js';
import { abandonedCalls, queuePanel } from './calls.js';
import { intakeAccuracy } from './intake-accuracy.js';

const DONE = ['CLOSED', 'RESOLVED_AT_INTAKE'];
const SECTIONS = [
  ['review.toReview', (tk) => tk.status === 'RESULT_SUBMITTED'],
  ['review.toReply', (tk) => tk.status === 'REVIEWED'],
  ['review.toClose', (tk) => tk.status === 'REPLIED'],
  ['review.escalated', (tk) => isOverdue(tk) && !DONE.includes(tk.status)],
  ['review.new', (tk) => tk.status === 'NEW'],
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
    const all = await allTickets();
    if (seq !== listSeq) return;
    const tickets = all.sort(byPriority);
    redrawKeepingFocus(lists, ...SECTIONS.map(([key, test], i) => {
      const rows = tickets.filter(test);
      return h('section', { class: 'panel', 'aria-labelledby': `rv-${i}`, 'data-section': key },
        h('h3', { id: `rv-${i}` }, `${t(key)} (${rows.length})`),
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
  const onEvent = debounce((address, body) => {
    drawLists();
    if (selected && (address === 'poll' || String(body.ticketId) === String(selected))) {
      if (hasDraft(detail)) markStale(detail, body.version); else drawDetail(true);
    }
  }, 150);
  const stop = subscribe('hotline.', (address, body) => {
    if (!address.startsWith('hotline.ticket') && !address.startsWith('hotline.sla') && address !== 'poll') return;
    onEvent(address, body);
  });
  return () => { stop(); stopCalls(); stopPanel(); };
}
