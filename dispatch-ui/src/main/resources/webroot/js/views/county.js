import { t } from '../i18n.js';
import { subscribe } from '../live.js';
import { h, notice, orgs, orgName, allTickets, ticketTable, byPriority, debounce, hasDraft } from '../ui.js';
import { loadTicket, ticketDetail } from '../detail.js';

const WORKING = ['DISPATCHED', 'CLAIMED', 'IN_PROGRESS', 'SUSPENDED', 'RESULT_SUBMITTED'];

export async function render(view, ctx) {
  const map = await orgs();
  let selected = null;
  const list = h('section', { class: 'panel', 'aria-labelledby': 'county-queue' });
  const detail = h('div', { 'aria-live': 'polite' }, notice(t('county.pick')));
  view.replaceChildren(h('h2', {}, `${t('county.title')} · ${orgName(map, ctx.user.orgCode)}`),
    h('div', { class: 'cols wide' }, list, detail));

  const drawList = async () => {
    const tickets = (await allTickets()).filter((tk) => WORKING.includes(tk.status)).sort(byPriority);
    list.replaceChildren(h('h3', { id: 'county-queue' }, t('county.queue')), h('p', { class: 'muted' }, t('list.count', { n: tickets.length })),
      h('div', { class: 'scroll' }, ticketTable(tickets, map, {
        selectedId: selected, onPick: (tk) => { selected = tk.id; drawList(); drawDetail(); },
        columns: ['ref', 'severity', 'category', 'status', 'claimedBy', 'deadline'],
      })));
  };
  const drawDetail = async (live = false) => {
    if (!selected) return;
    const { ticket, error } = await loadTicket(selected);
    if (live && hasDraft(detail)) return; // checked again after the fetch: a form may have opened meanwhile
    if (error) { detail.replaceChildren(notice(error, true)); return; }
    const refresh = () => { drawList(); drawDetail(); };
    detail.replaceChildren(ticketDetail(ticket, ctx.user, map, { onDone: refresh, onStale: refresh }, { full: false }));
  };
  await drawList();
  const onEvent = debounce((address, body) => {
    drawList();
    if (selected && (address === 'poll' || String(body.ticketId) === String(selected)) && !hasDraft(detail)) drawDetail(true);
  }, 150);
  return subscribe('hotline.', onEvent);
}
