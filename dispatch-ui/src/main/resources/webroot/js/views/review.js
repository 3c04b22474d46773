import { t } from '../i18n.js';
import { subscribe } from '../live.js';
import { h, notice, orgs, orgName, allTickets, ticketTable, byPriority, debounce, hasDraft } from '../ui.js';
import { isOverdue } from '../fmt.js';
import { loadTicket, ticketDetail } from '../detail.js';
import { abandonedCalls } from './calls.js';

const SECTIONS = [
  ['review.toReview', (tk) => tk.status === 'RESULT_SUBMITTED'],
  ['review.toReply', (tk) => tk.status === 'REVIEWED'],
  ['review.toClose', (tk) => tk.status === 'REPLIED'],
  ['review.escalated', (tk) => isOverdue(tk) && !['CLOSED', 'RESOLVED_AT_INTAKE'].includes(tk.status)],
  ['review.new', (tk) => tk.status === 'NEW'],
];

export async function render(view, ctx) {
  const map = await orgs();
  let selected = null;
  const lists = h('div');
  const detail = h('div', { 'aria-live': 'polite' }, notice(t('county.pick')));
  const calls = h('div');
  view.replaceChildren(h('h2', {}, `${t('review.title')} · ${orgName(map, ctx.user.orgCode)}`),
    h('div', { class: 'cols wide' }, h('div', {}, lists, calls), detail));

  const pick = (tk) => { selected = tk.id; drawLists(); drawDetail(); };
  const drawLists = async () => {
    const tickets = (await allTickets()).sort(byPriority);
    lists.replaceChildren(...SECTIONS.map(([key, test], i) => {
      const rows = tickets.filter(test);
      return h('section', { class: 'panel', 'aria-labelledby': `rv-${i}`, 'data-section': key },
        h('h3', { id: `rv-${i}` }, `${t(key)} (${rows.length})`),
        ticketTable(rows, map, { onPick: pick, selectedId: selected, columns: ['ref', 'severity', 'county', 'status', 'deadline'] }));
    }));
  };
  const drawDetail = async (live = false) => {
    if (!selected) return;
    const { ticket, error } = await loadTicket(selected);
    if (live && hasDraft(detail)) return; // checked again after the fetch: a form may have opened meanwhile
    if (error) { detail.replaceChildren(notice(error, true)); return; }
    const refresh = () => { drawLists(); drawDetail(); };
    detail.replaceChildren(ticketDetail(ticket, ctx.user, map, { onDone: refresh, onStale: refresh }, { full: false }));
  };
  await drawLists();
  const stopCalls = await abandonedCalls(calls, ctx);
  const onEvent = debounce((address, body) => {
    drawLists();
    if (selected && (address === 'poll' || String(body.ticketId) === String(selected)) && !hasDraft(detail)) drawDetail(true);
  }, 150);
  const stop = subscribe('hotline.ticket', onEvent);
  return () => { stop(); stopCalls(); };
}
