// The list behind a clock count of the SLA board (#/clocks/<org=&stage=&state=>): keyset pages of GET /api/sla/clocks,
// the open clocks owned in the unit's subtree in one board state (and stage). The board counts clocks, not tickets (a
// ticket may hold several: its stage clock, 督办 orders, referrals), so this list has one row per clock and its total is
// the board's number. Codes and refs only, as on the board.
import { t, label } from '../i18n.js';
import { get } from '../api.js';
import { fmtTime } from '../fmt.js';
import { h, notice, orgs, orgName, sevBadge, statusBadge } from '../ui.js';
import { clockCountdown } from '../countdown.js';
import { ticketRef } from '../case-access.js';

const STATES = ['ON_TIME', 'WARNED', 'OVERDUE', 'PAUSED'];

export async function render(view, ctx) {
  const map = await orgs();
  const params = new URLSearchParams(decodeURIComponent(ctx.arg || ''));
  const org = params.get('org') || ctx.user.orgCode;
  const stage = params.get('stage');
  const state = STATES.includes(params.get('state')) ? params.get('state') : 'OVERDUE';
  const cursors = [];
  let cursor = null;
  let seq = 0;

  const what = [orgName(map, org), stage ? label('stage', stage) : t('clocks.allStages'), t(`board.state.${state}`)].join(' · ');
  const count = h('p', { class: 'muted', 'data-count': '', 'aria-live': 'polite' });
  const table = h('div', { class: 'scroll' });
  const pager = h('div', { class: 'pager' });
  view.replaceChildren(h('h2', {}, t('clocks.title')), h('p', { 'data-clocks-filter': '' }, what),
    h('p', {}, h('a', { href: '#/board' }, t('clocks.back'))), count, table, pager);

  async function load() {
    const mine = ++seq;
    const q = new URLSearchParams({ org, state, size: '50' });
    if (stage) q.set('stage', stage);
    if (cursor) q.set('cursor', cursor);
    try {
      const page = await get(`/sla/clocks?${q}`);
      if (mine !== seq) return;
      if (page.count !== undefined) count.textContent = t('clocks.count', { n: page.countCapped ? `${page.count}+` : page.count });
      draw(page.items);
      pager.replaceChildren(...[
        cursors.length ? h('button', { type: 'button', 'data-page': 'prev', onclick: () => { cursor = cursors.pop(); load(); } }, t('list.prev')) : null,
        page.next ? h('button', { type: 'button', 'data-page': 'next', onclick: () => { cursors.push(cursor); cursor = page.next; load(); } }, t('list.next')) : null,
      ].filter(Boolean));
    } catch (e) {
      if (mine === seq) table.replaceChildren(notice(e.message, true));
    }
  }

  function draw(items) {
    if (!items.length) { table.replaceChildren(notice(t('clocks.empty'))); return; }
    const heads = [t('ticket.ref'), t('ticket.severity'), t('ticket.status'), t('board.col.unit'), t('board.col.stage'),
      t('board.col.due'), t('board.col.left')];
    table.replaceChildren(h('table', { 'data-list': 'clocks' },
      h('thead', {}, h('tr', {}, heads.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, items.map((r) => h('tr', { 'data-ticket-id': r.ticketId, 'data-stage': r.stage, 'data-owner': r.ownerOrg },
        h('td', {}, ticketRef(ctx.user, r.ticketId, r.ref)), h('td', {}, sevBadge(r.severity)),
        h('td', {}, statusBadge(r.status)), h('td', {}, orgName(map, r.ownerOrg)), h('td', {}, label('stage', r.stage)),
        h('td', {}, r.dueAt ? fmtTime(r.dueAt) : '—'),
        h('td', {}, r.dueAt ? clockCountdown({ stage: r.stage, status: 'RUNNING', state: r.state, dueAt: r.dueAt,
          remainingSeconds: r.remainingSeconds }, { stage: false }) : t('board.state.PAUSED')))))));
  }

  await load();
  return null;
}
