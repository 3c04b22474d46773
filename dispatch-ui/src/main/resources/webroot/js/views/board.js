import { t, label } from '../i18n.js';
import { get, missing } from '../api.js';
import { subscribe } from '../live.js';
import { fmtTime, isOverdue, isDueSoon } from '../fmt.js';
import { h, notice, orgs, orgName, allTickets, ticketTable, byPriority, debounce } from '../ui.js';
import { drawChart } from '../chart.js';

// Board columns: lifecycle stages that are still open, in loop order.
const STAGES = ['NEW', 'DISPATCHED', 'CLAIMED', 'IN_PROGRESS', 'SUSPENDED', 'RESULT_SUBMITTED', 'REVIEWED', 'REPLIED'];
const OPEN = new Set(STAGES);

const pct = (v) => (v === undefined || v === null ? '—' : `${Math.round(v <= 1 ? v * 100 : v)}%`);
const pick = (o, ...paths) => { for (const p of paths) { const v = p.split('.').reduce((a, k) => (a == null ? a : a[k]), o); if (v !== undefined && v !== null) return v; } return undefined; };

export async function render(view, ctx) {
  const map = await orgs();
  const root = ctx.user.orgCode;
  const prefectures = [...map.values()].filter((o) => o.tier === 'PREFECTURE' && (o.code === root || o.parentCode === root || map.get(root)?.tier === 'PROVINCE'));
  let selectedPref = prefectures[0]?.code;
  const within = (code, anc) => { for (let u = map.get(code); u; u = map.get(u.parentCode)) if (u.code === anc) return true; return false; };
  const prefOf = (tk) => prefectures.find((p) => within(tk.countyCode || tk.intakeOrg, p.code))?.code;

  const draw = async () => {
    const tickets = await allTickets();
    let sla = null;
    try { sla = await get(`/sla/board?org=${encodeURIComponent(root)}`); } catch (e) { if (!missing(e)) throw e; }
    const open = tickets.filter((tk) => OPEN.has(tk.status));
    const overdue = open.filter(isOverdue).sort(byPriority);
    const dueSoon = open.filter(isDueSoon).sort(byPriority);
    const count = (list, code, stage) => list.filter((tk) => within(tk.countyCode || tk.intakeOrg, code) && (!stage || tk.status === stage)).length;

    const kpis = h('div', { class: 'kpis' },
      h('div', { class: 'kpi' }, t('board.open'), h('b', { 'data-kpi': 'open' }, open.length)),
      h('div', { class: 'kpi' }, t('board.overdue'), h('b', { 'data-kpi': 'overdue', class: 'err' }, overdue.length)),
      h('div', { class: 'kpi' }, t('board.dueSoon'), h('b', { 'data-kpi': 'dueSoon' }, dueSoon.length)),
      h('div', { class: 'kpi' }, `${t('board.onTime')} · ${t('board.today')}`, h('b', { 'data-kpi': 'onTimeToday' }, pct(pick(sla || {}, 'onTimeRateToday', 'onTime.today', 'rates.today')))),
      h('div', { class: 'kpi' }, `${t('board.onTime')} · ${t('board.month')}`, h('b', { 'data-kpi': 'onTimeMonth' }, pct(pick(sla || {}, 'onTimeRateMonth', 'onTime.month', 'rates.month')))));

    const tiles = h('div', { class: 'prefgrid', role: 'list' }, prefectures.map((p) => {
      const n = count(overdue, p.code);
      const heat = n === 0 ? 0 : n < 3 ? 1 : n < 6 ? 2 : 3;
      return h('button', { type: 'button', role: 'listitem', class: `pref h${heat}`, 'data-pref': p.code, 'data-overdue': n,
        'aria-pressed': p.code === selectedPref ? 'true' : 'false', onclick: () => { selectedPref = p.code; draw(); } },
      h('b', {}, orgName(map, p.code)), `${t('board.open')} ${count(open, p.code)} · ${t('board.overdueCount', { n })}`);
    }));

    const table = (units, idPrefix) => h('table', { 'data-board': idPrefix },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('board.region')), STAGES.map((s) => h('th', { scope: 'col', class: 'num' }, label('status', s))),
        h('th', { scope: 'col', class: 'num' }, t('board.overdue')), h('th', { scope: 'col', class: 'num' }, t('board.total')))),
      h('tbody', {}, units.map((u) => h('tr', { 'data-org': u.code }, h('th', { scope: 'row' }, orgName(map, u.code)),
        STAGES.map((s) => h('td', { class: 'num', 'data-cell': `${u.code}-${s}` }, count(open, u.code, s))),
        h('td', { class: 'num err', 'data-cell': `${u.code}-OVERDUE` }, count(overdue, u.code)),
        h('td', { class: 'num', 'data-cell': `${u.code}-TOTAL` }, count(open, u.code))))));

    const counties = selectedPref ? [...map.values()].filter((o) => o.parentCode === selectedPref) : [];
    const supervision = pick(sla || {}, 'supervisionOrders', 'supervision') || open.filter((tk) => (tk.clocks || []).some((c) => c.stage === 'SUPERVISION'));
    const hasClocks = tickets.some((tk) => Array.isArray(tk.clocks));
    const chartBox = h('div', { id: 'stage-chart', style: 'height:220px', role: 'img', 'aria-label': t('board.chart') });

    view.replaceChildren(
      h('div', { class: 'row' }, h('h2', {}, `${t('board.title')} · ${orgName(map, root)}`), h('span', { class: 'muted', id: 'board-updated' }, t('board.updated', { t: fmtTime(new Date().toISOString()) }))),
      hasClocks && sla ? null : notice(t('board.slaPending')),
      kpis,
      h('div', { class: 'cols wide' },
        h('section', { class: 'panel', 'aria-labelledby': 'map-title' }, h('h3', { id: 'map-title' }, t('board.map')), tiles),
        h('section', { class: 'panel', 'aria-labelledby': 'chart-title' }, h('h3', { id: 'chart-title' }, t('board.chart')), chartBox)),
      h('section', { class: 'panel', 'aria-labelledby': 'pref-title' }, h('h3', { id: 'pref-title' }, t('board.byPrefecture')), table(prefectures, 'prefectures')),
      selectedPref ? h('section', { class: 'panel', 'aria-labelledby': 'county-title' }, h('h3', { id: 'county-title' }, t('board.byCounty', { p: orgName(map, selectedPref) })), h('div', { class: 'scroll' }, table(counties, 'counties'))) : null,
      h('div', { class: 'cols wide' },
        h('section', { class: 'panel', 'aria-labelledby': 'over-title' }, h('h3', { id: 'over-title' }, t('board.overdue')), ticketTable(overdue, map, { columns: ['ref', 'severity', 'county', 'status', 'deadline'] })),
        h('section', { class: 'panel', 'aria-labelledby': 'soon-title' }, h('h3', { id: 'soon-title' }, t('board.dueSoon')), ticketTable(dueSoon, map, { columns: ['ref', 'severity', 'county', 'status', 'deadline'] }))),
      h('section', { class: 'panel', 'aria-labelledby': 'sup-title' }, h('h3', { id: 'sup-title' }, t('board.supervision')),
        supervision.length ? ticketTable(supervision.filter((s) => s.status), map, { columns: ['ref', 'severity', 'county', 'status', 'deadline'] }) : h('p', { class: 'muted' }, t('app.empty'))));
    drawChart(chartBox, STAGES.map((s) => label('status', s)), STAGES.map((s) => open.filter((tk) => tk.status === s).length));
  };
  await draw();
  return subscribe('hotline.', debounce(() => draw().catch(() => {}), 150));
}
