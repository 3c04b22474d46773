// Provincial SLA board (docs/domain.md §9): the numbers first (GET /api/sla/board: clocks by region/stage/state and
// on-time rates; GET /api/tickets/open-counts: open tickets by lifecycle state), then the lists behind them, each its
// own keyset page (/api/sla/board/{overdue|dueSoon|supervision}, /api/mandatory-reports). Pushed ticket or SLA events
// are gathered and handled at most once a second: the numbers are re-read, and only the lists the news can have
// changed; a repaint waits while a supervision form is open so typed text survives.
import { mandatorySection } from './board-mandatory.js';
import { t, label } from '../i18n.js';
import { get, post, missing } from '../api.js';
import { subscribe } from '../live.js';
import { fmtTime } from '../fmt.js';
import { h, notice, toast, orgs, orgName, sevBadge, statusBadge, coalesce, hasDraft } from '../ui.js';
import { drawStacked, drawMap } from '../chart.js';
import { clockCountdown } from '../countdown.js';
import { opensCases, noCaseLink, ticketRef } from '../case-access.js';

const STATUSES = ['NEW', 'DISPATCHED', 'CLAIMED', 'IN_PROGRESS', 'SUSPENDED', 'RESULT_SUBMITTED', 'REVIEWED', 'REPLIED'];
const OPEN = new Set(STATUSES);
const STAGES = ['DISPATCH', 'CLAIM', 'FIRST_CONTACT', 'RESULT', 'REPLY', 'SUPERVISION'];
const STATES = ['ON_TIME', 'WARNED', 'OVERDUE', 'PAUSED'];
const COLORS = { ON_TIME: '#2f6f3e', WARNED: '#d9a400', OVERDUE: '#c62828', PAUSED: '#8a97a6' };
const DURATIONS = ['', '2h', '4h', '1wd', '2wd'];

/** A count that opens the ticket list behind it, its filters in the route (#/tickets/<query>: codes only). */
const listLink = (n, query, view = 'tickets') => h('a', { href: listHref(query, view),
  class: 'count-link', 'data-list-query': new URLSearchParams(query).toString(), 'data-list-view': view }, n);
const listHref = (query, view = 'tickets') => `#/${view}/${encodeURIComponent(new URLSearchParams(query).toString())}`;
/** A clock count (the board counts clocks, a ticket may hold several) opens the clocks behind it: views/clocks.js. */
const clockLink = (n, query) => listLink(n, query, 'clocks');

const pct = (r) => (r && r.rate !== null && r.rate !== undefined ? `${Math.round(r.rate * 1000) / 10}%` : '—');
const heat = (n) => (n === 0 ? 0 : n < 3 ? 1 : n < 6 ? 2 : 3);

export async function render(view, ctx) {
  const map = await orgs();
  const root = ctx.user.orgCode;
  const rootTier = map.get(root)?.tier;
  const within = (code, anc) => { for (let u = map.get(code); u; u = map.get(u.parentCode)) if (u.code === anc) return true; return false; };
  const prefectures = [...map.values()].filter((o) => o.tier === 'PREFECTURE' && (within(o.code, root) || within(root, o.code)));
  let selectedPref = prefectures.find((p) => within(root, p.code))?.code || prefectures[0]?.code;
  let form = null; // {row} while a supervision form is open
  let pending = false;
  // A ticket-list number is a link only for roles that can open the list (case-access.js); clock lists open for all.
  const cases = opensCases(ctx.user);
  const countLink = (n, query, v = 'tickets') => (v === 'tickets' && !cases ? noCaseLink(n) : listLink(n, query, v));
  let openCounts = [];
  let sla = null;
  // The first page of each list ({items, next}), null until read; a list is repainted alone when it is re-read.
  const lists = { overdue: null, dueSoon: null, supervision: null, mandatory: null };
  const LIST_PATH = { overdue: '/sla/board/overdue', dueSoon: '/sla/board/dueSoon', supervision: '/sla/board/supervision',
    mandatory: '/mandatory-reports' };
  const orgQuery = `org=${encodeURIComponent(root)}`;
  const SECTION = { overdue: 'board.overdue', dueSoon: 'board.dueSoon', supervision: 'board.supervision', mandatory: 'board.mandatory' };

  const readNumbers = async () => {
    [openCounts, sla] = await Promise.all([get('/tickets/open-counts'),
      get(`/sla/board?${orgQuery}`).catch((e) => { if (missing(e)) return null; throw e; })]);
  };
  const readList = async (id) => {
    lists[id] = await get(`${LIST_PATH[id]}?${orgQuery}&size=100`).catch((e) => { if (missing(e)) return { items: [] }; throw e; });
    paintList(id);
  };
  const readLists = (ids) => Promise.all(ids.map(readList));
  // The numbers, then (without waiting for the lists) the lists.
  const draw = async (ids = Object.keys(lists)) => {
    await readNumbers();
    paint();
    await readLists(ids);
  };

  const section = (id) => {
    if (!lists[id]) return h('section', { class: 'panel', 'data-section': SECTION[id], 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('app.loading')));
    const rows = lists[id].items || [];
    const totals = sla?.totals || {};
    const canIssue = cases && (rootTier === 'PROVINCE' || rootTier === 'PREFECTURE'); // 督办 is case work: not for administrators
    if (id === 'overdue') return clockList('overdue', t('board.overdue'), rows, canIssue, totals.OVERDUE ?? 0, 'OVERDUE');
    if (id === 'dueSoon') return clockList('dueSoon', t('board.dueSoon'), rows, canIssue, totals.WARNED ?? 0, 'WARNED');
    if (id === 'supervision') return ordersSection(rows);
    return mandatorySection(rows, map);
  };
  function paintList(id) {
    if (hasDraft(view)) { pending = true; return; }
    const old = view.querySelector(`[data-section="${SECTION[id]}"]`);
    if (old) old.replaceWith(section(id));
  }

  function paint() {
    if (hasDraft(view)) { pending = true; return; }
    pending = false;
    const counts = sla?.counts || [];
    const sum = (f) => counts.filter(f).reduce((a, c) => a + c.count, 0);
    const overdueIn = (code) => sum((c) => c.state === 'OVERDUE' && (c.prefecture === code || c.county === code));
    // Open tickets counted by the server (GET /api/tickets/open-counts), never downloaded; a unit's tickets as the
    // ticket list's org= selects them (a prefecture: taken in there or at one of its counties; a county: at it), so
    // each count opens a list of that size.
    const open = openCounts.filter((c) => OPEN.has(c.status));
    const holds = (c, code) => {
      const tier = map.get(code)?.tier;
      if (tier === 'PROVINCE') return true;
      if (tier === 'COUNTY') return c.county === code;
      return c.intakeOrg === code || (!!c.county && map.get(c.county)?.parentCode === code);
    };
    const openIn = (code, status) => open.filter((c) => (c.county === undefined ? within(c.org, code) : holds(c, code))
      && (!status || c.status === status)).reduce((a, c) => a + c.count, 0);
    const totals = sla?.totals || {};

    const kpi = (key, text, value, cls, title, query, view) => h('div', { class: 'kpi', title }, text,
      h('b', { 'data-kpi': key, class: cls }, query ? countLink(value, query, view) : value));
    const inRoot = { org: root, open: 'true' };
    const kpis = h('div', { class: 'kpis' },
      kpi('open', t('board.open'), openIn(root), null, null, inRoot),
      kpi('overdue', t('board.overdue'), totals.OVERDUE ?? 0, 'err', null, { org: root, state: 'OVERDUE' }, 'clocks'),
      kpi('dueSoon', t('board.dueSoon'), totals.WARNED ?? 0, null, null, { org: root, state: 'WARNED' }, 'clocks'),
      kpi('paused', t('board.paused'), totals.PAUSED ?? 0, null, null, { org: root, state: 'PAUSED' }, 'clocks'),
      kpi('onTimeToday', `${t('board.onTime')} · ${t('board.today')}`, pct(sla?.onTime?.today), null, rateTitle(sla?.onTime?.today)),
      kpi('onTimeMonth', `${t('board.onTime')} · ${t('board.month')}`, pct(sla?.onTime?.month), null, rateTitle(sla?.onTime?.month)));

    // A tile selects its prefecture (the county table and the map follow); its link opens the overdue list behind it.
    const tiles = h('div', { class: 'prefgrid', role: 'list' }, prefectures.map((p) => {
      const n = overdueIn(p.code);
      const o = openIn(p.code);
      return h('div', { role: 'listitem', class: 'pref-tile' },
        h('button', { type: 'button', class: `pref h${heat(n)}`, 'data-pref': p.code, 'data-overdue': n,
          'aria-pressed': p.code === selectedPref ? 'true' : 'false', 'aria-label': t('board.tileLabel', { p: orgName(map, p.code), n, o }),
          onclick: () => { selectedPref = p.code; paint(); } },
        h('b', {}, orgName(map, p.code)), h('span', { class: 'n' }, n)),
        cases ? h('a', { class: 'tile-open', 'data-tile-open': p.code, 'aria-label': t('board.openList', { p: orgName(map, p.code) }),
          href: listHref({ org: p.code, open: 'true' }) }, `${t('board.open')} ${o}`)
          : h('span', { class: 'tile-open', 'data-tile-open': p.code }, `${t('board.open')} `, noCaseLink(o)),
        h('a', { class: 'tile-list', 'data-tile-list': p.code, 'aria-label': t('board.tileList', { p: orgName(map, p.code) }),
          href: listHref({ org: p.code, state: 'OVERDUE' }, 'clocks') }, t('board.toList')));
    }));

    const regionTable = (units, id) => h('table', { 'data-board': id },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('board.region')), STATUSES.map((s) => h('th', { scope: 'col', class: 'num' }, label('status', s))),
        h('th', { scope: 'col', class: 'num' }, t('board.overdue')), h('th', { scope: 'col', class: 'num' }, t('board.total')))),
      h('tbody', {}, units.map((u) => h('tr', { 'data-org': u.code }, h('th', { scope: 'row' }, orgName(map, u.code)),
        STATUSES.map((s) => h('td', { class: 'num', 'data-cell': `${u.code}-${s}` }, countLink(openIn(u.code, s), { org: u.code, status: s }))),
        h('td', { class: 'num err', 'data-cell': `${u.code}-OVERDUE` }, clockLink(overdueIn(u.code), { org: u.code, state: 'OVERDUE' })),
        h('td', { class: 'num', 'data-cell': `${u.code}-TOTAL` }, countLink(openIn(u.code), { org: u.code, open: 'true' }))))));

    const stageTable = h('table', { class: 'slagrid', 'data-board': 'stages' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('board.col.stage')), STATES.map((s) => h('th', { scope: 'col', class: 'num' }, t(`board.state.${s}`))))),
      h('tbody', {}, STAGES.map((st) => h('tr', {}, h('th', { scope: 'row' }, label('stage', st)),
        STATES.map((s) => h('td', { class: `num s-${s}`, 'data-sla-cell': `${st}-${s}` },
          clockLink(sum((c) => c.stage === st && c.state === s), { org: root, stage: st, state: s })))))));

    const counties = selectedPref ? [...map.values()].filter((o) => o.parentCode === selectedPref) : [];
    const mapBox = h('div', { id: 'board-map', style: 'height:300px', role: 'img', 'aria-label': t('board.mapLabel') });
    const chartBox = h('div', { id: 'stage-chart', style: 'height:240px', role: 'img', 'aria-label': t('board.chartSla') });

    view.replaceChildren(...[
      h('div', { class: 'row' }, h('h2', {}, `${t('board.title')} · ${orgName(map, root)}`),
        h('span', { class: 'muted', id: 'board-updated' }, t('board.updated', { t: fmtTime(sla?.at || new Date().toISOString()) }))),
      sla ? null : notice(t('board.slaPending')),
      kpis,
      h('div', { class: 'cols wide' },
        h('section', { class: 'panel', 'aria-labelledby': 'map-title' }, h('h3', { id: 'map-title' }, t('board.map')), mapBox, tiles),
        // The stage table under its chart (the chart's accessible twin); the prefecture table full width, so no
        // column of it is hidden at 1366 px in English.
        h('section', { class: 'panel', 'aria-labelledby': 'chart-title' }, h('h3', { id: 'chart-title' }, t('board.chartSla')), chartBox,
          h('h3', { id: 'stage-title' }, t('board.stageTable')), stageTable)),
      h('section', { class: 'panel', 'aria-labelledby': 'pref-title' }, h('h3', { id: 'pref-title' }, t('board.byPrefecture')), h('div', { class: 'scroll' }, regionTable(prefectures, 'prefectures'))),
      selectedPref ? h('section', { class: 'panel', 'aria-labelledby': 'county-title' }, h('h3', { id: 'county-title' }, t('board.byCounty', { p: orgName(map, selectedPref) })), h('div', { class: 'scroll' }, regionTable(counties, 'counties'))) : null,
      form ? supervisionForm(form.row) : null,
      h('div', { class: 'cols wide' }, section('overdue'), section('dueSoon')),
      section('supervision'),
      section('mandatory')].filter(Boolean));
    drawMap(mapBox, prefectures.map((p) => ({ code: p.code, name: orgName(map, p.code), overdue: overdueIn(p.code), open: openIn(p.code),
      overdueHref: listHref({ org: p.code, state: 'OVERDUE' }, 'clocks'), openHref: cases ? listHref({ org: p.code, open: 'true' }) : null })),
      { overdue: t('board.overdue'), open: t('board.open'), noLink: cases ? null : t('board.noCaseAccess') }, selectedPref, (code) => { selectedPref = code; paint(); });
    drawStacked(chartBox, STAGES.map((s) => label('stage', s)),
      STATES.map((s) => ({ name: t(`board.state.${s}`), color: COLORS[s], values: STAGES.map((st) => sum((c) => c.stage === st && c.state === s)) })));
  }

  function rateTitle(r) { return r ? t('board.rate', { met: r.met, total: r.total }) : null; }

  /** The board's first 100 of a list; its heading's number is the whole list's, and opens it (views/clocks.js). */
  function clockList(id, title, rows, canIssue, total, state) {
    const body = rows.length ? h('table', { 'data-list': id },
      h('thead', {}, h('tr', {}, [t('ticket.ref'), t('ticket.severity'), t('board.col.unit'), t('board.col.stage'), t('ticket.status'), t('board.col.due'), t('board.col.left')]
        .map((x) => h('th', { scope: 'col' }, x)), canIssue ? h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('ticket.actions'))) : null)),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-ticket-id': r.ticketId, 'data-stage': r.stage },
        h('td', {}, ticketRef(ctx.user, r.ticketId, r.ref)), h('td', {}, sevBadge(r.severity)), h('td', {}, orgName(map, r.ownerOrg)),
        h('td', {}, label('stage', r.stage)), h('td', {}, statusBadge(r.status)), h('td', {}, fmtTime(r.dueAt)),
        h('td', {}, clockCountdown({ stage: r.stage, status: 'RUNNING', state: id === 'overdue' ? 'OVERDUE' : 'WARNED', dueAt: r.dueAt, remainingSeconds: r.remainingSeconds }, { stage: false })),
        canIssue ? h('td', {}, h('button', { type: 'button', 'data-action': 'supervise', 'aria-label': `${t('board.supervise')} ${r.ref}`,
          onclick: () => { form = { row: r }; paint(); } }, t('board.supervise'))) : null))))
      : h('p', { class: 'muted' }, t('list.empty'));
    const more = total > rows.length ? h('p', { class: 'muted', 'data-list-more': id }, t('board.firstOf', { n: rows.length, total }), ' ',
      h('a', { href: listHref({ org: root, state }, 'clocks') }, t('board.allClocks'))) : null;
    return h('section', { class: 'panel', 'aria-labelledby': `${id}-title`, 'data-section': `board.${id}` },
      h('h3', { id: `${id}-title` }, `${title} (`, h('span', { 'data-list-total': id }, clockLink(total, { org: root, state })), ')'), body, more);
  }

  function ordersSection(orders) {
    const body = orders.length ? h('table', { 'data-list': 'supervision' },
      h('thead', {}, h('tr', {}, [t('ticket.ref'), t('board.sup.target'), t('board.sup.issuer'), t('board.col.due'), t('board.col.left')]
        .map((x) => h('th', { scope: 'col' }, x)), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('ticket.actions'))))),
      h('tbody', {}, orders.map((o) => h('tr', { 'data-order-id': o.orderId, 'data-ticket-id': o.ticketId },
        h('td', {}, ticketRef(ctx.user, o.ticketId, o.ref)), h('td', {}, orgName(map, o.targetOrg)), h('td', {}, orgName(map, o.issuedByOrg)),
        h('td', {}, fmtTime(o.dueAt)),
        h('td', {}, clockCountdown({ stage: 'SUPERVISION', status: 'RUNNING', state: o.overdue ? 'OVERDUE' : null, dueAt: o.dueAt, remainingSeconds: o.remainingSeconds }, { stage: false })),
        h('td', {}, cases && within(o.issuedByOrg, root) ? h('button', { type: 'button', 'data-action': 'fulfil', onclick: () => fulfil(o) }, t('board.sup.fulfil')) : null)))))
      : h('p', { class: 'muted' }, t('board.sup.none'));
    return h('section', { class: 'panel', 'aria-labelledby': 'sup-title', 'data-section': 'board.supervision' }, h('h3', { id: 'sup-title' }, t('board.supervision')), body);
  }

  /** Targets: units strictly below the user on the way to the clock's owner (its county and its prefecture). */
  function supervisionForm(r) {
    const targets = [];
    for (let u = map.get(r.ownerOrg); u && u.code !== root; u = map.get(u.parentCode)) if (within(u.code, root)) targets.push(u.code);
    const f = h('form', { 'data-form': 'supervision', class: 'panel inline-sup', 'data-ticket-id': r.ticketId },
      h('h3', { style: 'grid-column:1/-1' }, t('board.sup.for', { ref: r.ref })),
      h('label', {}, t('board.sup.target'), h('select', { name: 'targetOrg', required: true }, targets.map((c) => h('option', { value: c }, orgName(map, c))))),
      h('label', {}, t('board.sup.duration'), h('select', { name: 'duration' }, DURATIONS.map((d) => h('option', { value: d }, d || t('board.sup.default'))))),
      h('label', { style: 'grid-column:1/-1' }, t('board.sup.reason'), h('textarea', { name: 'reason', required: true, maxlength: 500, rows: 2 })),
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, t('board.sup.issue')),
        h('button', { type: 'button', onclick: () => { form = null; f.remove(); paint(); } }, t('app.cancel'))));
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      const data = new FormData(f);
      const body = { targetOrg: data.get('targetOrg'), reason: String(data.get('reason') || '').trim() };
      if (data.get('duration')) body.duration = data.get('duration');
      try {
        await post(`/tickets/${r.ticketId}/supervision`, body);
        toast(t('board.sup.issued'));
        form = null;
        f.remove();
        await draw(['supervision']);
      } catch (err) { toast(err.message, true); }
    });
    setTimeout(() => f.querySelector('textarea')?.focus());
    return f;
  }

  async function fulfil(o) {
    try {
      await post(`/supervision/${o.orderId}/fulfil`);
      toast(t('board.sup.fulfilled'));
      await draw(['supervision']);
    } catch (err) { toast(err.message, true); }
  }

  function fail(e) { toast(e.message || String(e), true); }

  // Which lists a piece of news can have changed: a clock warned or escalated moves rows between due-soon and
  // overdue; an order issued or closed, the supervision list; a referral, the mandatory reports; any other change of a
  // ticket shown in a list may drop or change its row. A list whose total moved is re-read too (numbers below).
  const dirty = new Set();
  const shows = (id, ticketId) => (lists[id]?.items || []).some((r) => String(r.ticketId) === String(ticketId));
  const note = (address, body = {}) => {
    if (address === 'reconnect' || address === 'poll') { Object.keys(lists).forEach((id) => dirty.add(id)); return; }
    if (address === 'hotline.sla.warned') dirty.add('dueSoon');
    if (address === 'hotline.sla.escalated') { dirty.add('overdue'); dirty.add('dueSoon'); }
    if (address === 'hotline.sla.supervision') dirty.add('supervision');
    if (/^REFERRAL|MANDATORY/.test(body.type || '')) dirty.add('mandatory');
    if (body.ticketId !== undefined) for (const id of Object.keys(lists)) if (shows(id, body.ticketId)) dirty.add(id);
  };
  const update = async () => {
    if (hasDraft(view)) { pending = true; return; }
    const before = sla?.totals || {};
    await readNumbers();
    paint();
    const after = sla?.totals || {};
    if (before.OVERDUE !== after.OVERDUE) dirty.add('overdue');
    if (before.WARNED !== after.WARNED) dirty.add('dueSoon');
    const ids = [...dirty];
    dirty.clear();
    await readLists(ids);
  };
  await draw();
  const redraw = coalesce(() => update().catch(fail), 1000);
  const off = subscribe('hotline.', (address, body) => { note(address, body); redraw(); });
  const retry = setInterval(() => { if (pending && !hasDraft(view)) redraw(); }, 500);
  return () => { off(); clearInterval(retry); };
}
