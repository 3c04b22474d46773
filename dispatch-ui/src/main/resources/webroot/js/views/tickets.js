// Ticket list (issue 12): keyset pages of GET /api/tickets with the search box and filters. Filters live in the
// route (#/tickets/<query>) so a supervisor can send a link; what was typed in the search box stays out of the URL
// (it may be a child's name or a phone number) unless it is a reference number. Pushed news patches the rows shown;
// anything else (a new ticket, a reconnect) reloads the current page, at most once every two seconds.
import { t, label } from '../i18n.js';
import { subscribe } from '../live.js';
import { fmtTime } from '../fmt.js';
import { h, notice, orgs, orgName, ticketPage, sevBadge, statusBadge, countdown, coalesce, childCell } from '../ui.js';
import { nameClaimers } from '../people.js';
import { bulkBar, BULK_ROLES } from './bulk.js';

const FILTERS = ['status', 'severity', 'category', 'org', 'stage', 'open', 'overdue', 'warned', 'claimed', 'createdFrom',
  'createdTo', 'order'];
const STATUSES = ['NEW', 'DISPATCHED', 'CLAIMED', 'IN_PROGRESS', 'SUSPENDED', 'RESULT_SUBMITTED', 'REVIEWED', 'REPLIED',
  'CLOSED', 'RESOLVED_AT_INTAKE'];
const REF = /^QH[0-9-]*$/i;
let typed = ''; // the search text of this tab; kept across re-renders, never in the URL unless a reference number

export async function render(view, ctx) {
  const map = await orgs();
  const params = new URLSearchParams(decodeURIComponent(ctx.arg || ''));
  if (params.has('q')) typed = params.get('q');
  if (!params.has('open') && !params.has('status')) params.set('open', 'true');
  const cursors = []; // the cursors of the pages before the current one
  let cursor = null;
  let shown = [];
  let seq = 0;

  const box = h('input', { type: 'search', name: 'q', value: typed, 'aria-label': t('list.search'),
    placeholder: t('list.searchHint'), 'data-field': 'q' });
  const select = (name, options, labelKey) => h('label', {}, t(labelKey), ' ', h('select', { name, 'data-field': name },
    options.map(([v, text]) => h('option', { value: v, selected: (params.get(name) || '') === v }, text))));
  const form = h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); apply(); } },
    box,
    select('status', [['', t('list.anyStatus')], ...STATUSES.map((s) => [s, label('status', s)])], 'ticket.status'),
    select('severity', [['', t('list.any')], ...['EMERGENCY', 'HIGH', 'NORMAL', 'CONSULT'].map((s) => [s, label('severity', s)])], 'ticket.severity'),
    select('open', [['true', t('list.openOnly')], ['', t('list.any')], ['false', t('list.closedOnly')]], 'list.state'),
    select('overdue', [['', t('list.any')], ['true', t('list.overdue')]], 'ticket.deadline'),
    select('claimed', [['', t('list.any')], ['me', t('list.claimedMe')], ['none', t('list.unclaimed')]], 'ticket.claimedBy'),
    select('order', [['', t('list.orderQueue')], ['recent', t('list.orderRecent')]], 'list.order'),
    h('button', { type: 'submit', 'data-action': 'search' }, t('list.searchButton')));
  const count = h('p', { class: 'muted', 'data-count': '', 'aria-live': 'polite' });
  const table = h('div', { class: 'scroll' });
  const pager = h('div', { class: 'pager' });
  // Supervisors select rows for a bulk action (views/bulk.js); the selection keeps the rows still shown after a reload.
  const chosen = new Set();
  const bulk = BULK_ROLES.includes(ctx.user.role)
    ? bulkBar(ctx.user, map, () => shown.filter((tk) => chosen.has(String(tk.id))), () => { chosen.clear(); load(); }) : null;
  view.replaceChildren(h('h2', {}, t('nav.tickets')), form, bulk?.element || '', count, table, pager);

  function query() {
    const q = new URLSearchParams();
    for (const f of FILTERS) if (params.get(f)) q.set(f, params.get(f));
    if (typed) q.set('q', typed);
    return q.toString();
  }

  function apply() {
    typed = box.value.trim();
    for (const el of form.querySelectorAll('select')) {
      if (el.value) params.set(el.name, el.value); else params.delete(el.name);
    }
    if (params.get('status')) params.delete('open');
    const inUrl = new URLSearchParams(params);
    if (typed && REF.test(typed)) inUrl.set('q', typed); else inUrl.delete('q');
    history.replaceState(null, '', `#/tickets/${encodeURIComponent(inUrl.toString())}`);
    cursors.length = 0;
    cursor = null;
    load();
  }

  async function load() {
    const mine = ++seq;
    try {
      const page = await ticketPage(query(), cursor, 50);
      if (mine !== seq) return;
      shown = page.items;
      if (page.countText !== undefined) count.textContent = t('list.count', { n: page.countText });
      else if (typed) count.textContent = t('list.results', { n: shown.length });
      draw();
      pager.replaceChildren(...[ // replaceChildren writes a null as the text "null"
        cursors.length ? h('button', { type: 'button', 'data-page': 'first', onclick: () => { cursors.length = 0; cursor = null; load(); } }, t('list.first')) : null,
        cursors.length ? h('button', { type: 'button', 'data-page': 'prev', onclick: () => { cursor = cursors.pop(); load(); } }, t('list.prev')) : null,
        page.next ? h('button', { type: 'button', 'data-page': 'next', onclick: () => { cursors.push(cursor); cursor = page.next; load(); } }, t('list.next')) : null,
      ].filter(Boolean));
    } catch (e) {
      if (mine === seq) table.replaceChildren(notice(e.message, true));
    }
  }

  const pick = (tk) => h('td', {}, h('input', { type: 'checkbox', 'data-select': tk.id, checked: chosen.has(String(tk.id)),
    'aria-label': t('bulk.choose', { ref: tk.ref }),
    onchange: (e) => { if (e.target.checked) chosen.add(String(tk.id)); else chosen.delete(String(tk.id)); bulk.sync(); } }));

  function row(tk) {
    return h('tr', { 'data-ticket-id': tk.id, 'data-status': tk.status }, bulk ? pick(tk) : null,
      h('td', {}, h('a', { href: `#/ticket/${tk.id}` }, tk.ref)),
      h('td', {}, sevBadge(tk.severity)),
      h('td', {}, statusBadge(tk.status)),
      h('td', { 'data-child': '' }, childCell(tk)),
      h('td', {}, h('span', { class: 'summary', 'data-user': '', title: tk.summary || '' }, tk.summary || '')),
      h('td', {}, orgName(map, tk.countyCode || tk.intakeOrg)),
      h('td', {}, tk.claimedBy ? h('span', { 'data-user': '', 'data-claimer': tk.claimedBy, 'data-county': tk.countyCode || null }, tk.claimedBy) : ''),
      h('td', {}, tk.clocks ? countdown(tk) : ''),
      h('td', {}, fmtTime(tk.createdAt)));
  }

  function draw() {
    for (const id of [...chosen]) if (!shown.some((tk) => String(tk.id) === id)) chosen.delete(id);
    bulk?.sync();
    if (!shown.length) { table.replaceChildren(notice(t('list.empty'))); return; }
    const heads = ['ticket.ref', 'ticket.severity', 'ticket.status', 'list.child', 'list.summary', 'ticket.county',
      'ticket.claimedBy', 'ticket.deadline', 'ticket.createdAt'];
    const all = bulk ? h('th', { scope: 'col' }, h('input', { type: 'checkbox', id: 'bulk-all', 'aria-label': t('bulk.all'),
      checked: shown.length > 0 && shown.every((tk) => chosen.has(String(tk.id))),
      onchange: (e) => { shown.forEach((tk) => (e.target.checked ? chosen.add(String(tk.id)) : chosen.delete(String(tk.id))));
        table.querySelectorAll('[data-select]').forEach((c) => { c.checked = e.target.checked; }); bulk.sync(); } })) : null;
    table.replaceChildren(h('table', { 'data-list': 'tickets' }, h('thead', {}, h('tr', {}, all, heads.map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, shown.map(row))));
    nameClaimers(table);
  }

  // Pushed rows patch what is shown; news of a ticket not shown may belong on this page: reload it, coalesced.
  const reload = coalesce(load, 2000);
  const onNews = (address, body) => {
    if (address === 'reconnect' || address === 'poll') { reload(); return; }
    const tk = body.ticket;
    const at = tk ? shown.findIndex((s) => String(s.id) === String(tk.id)) : -1;
    if (at < 0) { reload(); return; }
    if (Number(tk.version) < Number(shown[at].version)) return;
    const old = table.querySelector(`tr[data-ticket-id="${tk.id}"]`);
    shown[at] = { ...shown[at], ...tk, clocks: shown[at].clocks };
    if (old) { const fresh = row(shown[at]); old.replaceWith(fresh); nameClaimers(fresh); }
  };
  await load();
  if (typed && !box.value) box.value = typed;
  return subscribe('hotline.ticket', onNews); // 'poll' and 'reconnect' reach every subscriber
}
