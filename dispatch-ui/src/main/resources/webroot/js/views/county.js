import { t } from '../i18n.js';
import { subscribe } from '../live.js';
import { h, notice, orgs, orgName, ticketPage, ticketTable, byPriority, coalesce, debounce, hasDraft, redrawKeepingFocus } from '../ui.js';
import { loadTicket, ticketDetail } from '../detail.js';
import { followUpsPanel } from './followups.js';

const WORKING = ['DISPATCHED', 'CLAIMED', 'IN_PROGRESS', 'SUSPENDED', 'RESULT_SUBMITTED'];

export async function render(view, ctx) {
  const map = await orgs();
  // The chosen ticket lives in the route (#/county/<id>: an id only), so a re-login comes back to it.
  let selected = /^\d+$/.test(ctx.arg || '') ? ctx.arg : null;
  let listSeq = 0;
  const list = h('section', { class: 'panel', 'aria-labelledby': 'county-queue' });
  const detail = h('div', { 'aria-live': 'polite', id: 'county-detail' }, notice(t('county.pick')));
  const followUps = followUpsPanel(ctx.user);
  view.replaceChildren(h('h2', {}, `${t('county.title')} · ${orgName(map, ctx.user.orgCode)}`),
    h('div', { class: 'cols wide county-cols' }, list, detail), followUps.box);

  const pick = (tk) => {
    selected = String(tk.id);
    history.replaceState(null, '', `#/county/${tk.id}`);
    drawList();
    // Keyboard users continue in the ticket they chose, not at the top of the list.
    drawDetail().then(() => detail.querySelector('section[data-ticket] h2')?.focus());
  };
  const drawList = async () => {
    const seq = ++listSeq;
    // The first page of the county's queue in the server's order (priority, then deadline), and beside it every
    // ticket the handler has claimed (claimed=me), shown first: their own work is never below the fold of the queue.
    // The full list with search and paging is #/tickets.
    const working = `status=${WORKING.join(',')}`;
    const [page, minePage] = await Promise.all([ticketPage(working, null, 200), ticketPage(`${working}&claimed=me`, null, 100)]);
    if (seq !== listSeq) return; // a newer redraw is under way
    const mine = minePage.items.sort(byPriority);
    const mineIds = new Set(mine.map((tk) => String(tk.id)));
    const others = page.items.filter((tk) => !mineIds.has(String(tk.id))).sort(byPriority);
    const opts = { selectedId: selected, onPick: pick, me: ctx.user.username, columns: ['ref', 'severity', 'case', 'statusWho', 'due'] };
    const mineOpts = { ...opts, columns: ['ref', 'severity', 'case', 'status', 'due'] }; // all claimed by the handler
    redrawKeepingFocus(list, h('h3', { id: 'county-queue' }, t('county.queue')), h('p', { class: 'muted' }, t('list.count', { n: page.countText ?? page.items.length })),
      h('div', { class: 'scroll' },
        h('h4', { id: 'county-mine' }, t('county.mineFirst', { n: mine.length })),
        h('div', { 'data-list': 'mine' }, mine.length ? ticketTable(mine, map, mineOpts) : h('p', { class: 'muted' }, t('county.noneMine'))),
        h('h4', {}, t('county.others')),
        h('div', { 'data-list': 'queue' }, ticketTable(others, map, opts))));
  };
  const drawDetail = async (live = false) => {
    if (!selected) return;
    const { ticket, error } = await loadTicket(selected);
    if (live && hasDraft(detail)) { markStale(detail, ticket?.version); return; } // checked again after the fetch: a form may have opened
    if (error) { detail.replaceChildren(notice(error, true)); return; }
    const refresh = () => { drawList(); drawDetail(); };
    detail.replaceChildren(ticketDetail(ticket, ctx.user, map, { onDone: refresh, onStale: refresh }, { full: false }));
  };
  await Promise.all([drawList(), drawDetail()]);
  // A burst of news costs one list reload a second at most; the open ticket is refreshed on its own news.
  const reloadList = coalesce(drawList, 1000);
  const reloadFollowUps = coalesce(() => followUps.draw().catch(() => {}), 1000);
  const reloadDetail = debounce(() => drawDetail(true), 150);
  const onEvent = (address, body) => {
    reloadList();
    reloadFollowUps();
    if (selected && (address === 'poll' || address === 'reconnect' || String(body.ticketId) === String(selected))) {
      if (hasDraft(detail)) markStale(detail, body.version); else reloadDetail();
    }
  };
  return subscribe('hotline.', onEvent);
}

/**
 * An open form is never replaced by a live redraw; the user is told the ticket changed meanwhile instead — only when
 * the ticket is newer than the one on screen (the user's own change comes back as news too).
 */
export function markStale(detail, version) {
  const shown = detail.querySelector('section[data-ticket]');
  if (!shown || detail.querySelector('.stale') || !(Number(version) > Number(shown.dataset.version))) return;
  shown.prepend(h('p', { class: 'notice stale', role: 'status' }, t('county.changed')));
}
