// Statistics (GET /api/stats, scoped to the user) with ECharts, and the ticket exports with the same filters.
import { t, label } from '../i18n.js';
import { get } from '../api.js';
import { h, notice, orgs, orgName } from '../ui.js';
import { drawChart } from '../chart.js';

const pct = (r) => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10}%`);
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10); // Asia/Shanghai
const monthStart = () => `${today().slice(0, 8)}01`;

function keyLabel(by, key, map) {
  if (by === 'category') return label('category', key);
  if (by === 'severity') return label('severity', key);
  if (by === 'county') return key === '-' ? t('stats.notDispatched') : orgName(map, key);
  return key;
}

const table = (caption, head, rows, attrs = {}) => h('table', { 'aria-label': caption, ...attrs },
  h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col' }, x)))),
  h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));

export async function render(view, ctx) {
  const map = await orgs();
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'panel row', 'aria-label': t('stats.filters') },
    h('label', { for: 'st-from' }, t('stats.from')), h('input', { id: 'st-from', type: 'date', name: 'from', value: monthStart(), style: 'width:auto' }),
    h('label', { for: 'st-to' }, t('stats.to')), h('input', { id: 'st-to', type: 'date', name: 'to', value: today(), style: 'width:auto' }),
    h('label', { for: 'st-by' }, t('stats.by')),
    h('select', { id: 'st-by', name: 'by', style: 'width:auto' }, ['category', 'county', 'month', 'severity'].map((b) => h('option', { value: b }, t(`stats.by.${b}`)))),
    h('button', { type: 'submit', class: 'primary' }, t('stats.show')));
  const exports = h('p', { class: 'row', 'data-section': 'exports' });
  view.replaceChildren(h('h2', {}, t('stats.title')), form, exports, out);

  const draw = async () => {
    const q = new URLSearchParams({ from: form.elements.from.value, to: form.elements.to.value, by: form.elements.by.value });
    const s = await get(`/stats?${q}`);
    const range = new URLSearchParams({ from: q.get('from'), to: q.get('to') });
    exports.replaceChildren(
      h('a', { href: `/api/exports/tickets.csv?${range}`, 'data-export': 'csv' }, t('stats.exportCsv')),
      h('a', { href: `/api/exports/tickets.xlsx?${range}`, 'data-export': 'xlsx' }, t('stats.exportXlsx')),
      ctx.user.role === 'PROVINCE_SUPERVISOR'
        ? h('a', { href: `/api/exports/tickets.xlsx?${range}&full=true`, 'data-export': 'full' }, t('stats.exportFull')) : null);
    const chart = h('div', { class: 'chart', style: 'height:260px', 'data-chart': 'groups', role: 'img', 'aria-label': t('stats.chart') });
    const sevChart = h('div', { class: 'chart', style: 'height:260px', 'data-chart': 'severity', role: 'img', 'aria-label': t('stats.bySeverity') });
    const r = s.referrals;
    const sat = s.reply.satisfaction;
    out.replaceChildren(
      h('p', { 'data-total': s.total }, t('stats.total', { n: s.total })),
      h('div', { class: 'cols wide' },
        h('section', { class: 'panel' }, h('h3', {}, t(`stats.by.${s.by}`)), chart),
        h('section', { class: 'panel' }, h('h3', {}, t('stats.bySeverity')), sevChart)),
      h('section', { class: 'panel' }, h('h3', {}, t('stats.onTime')),
        s.onTime.length ? table(t('stats.onTime'), [t('stats.tier'), t('stats.stage'), t('stats.met'), t('stats.count'), t('stats.rate')],
          s.onTime.map((o) => [label('tier', o.tier), label('stage', o.stage), o.met, o.total, pct(o.rate)]), { 'data-list': 'on-time' })
          : h('p', { class: 'muted' }, t('list.empty'))),
      h('div', { class: 'cols wide' },
        h('section', { class: 'panel', 'data-section': 'referrals' }, h('h3', {}, t('stats.referrals')),
          h('p', {}, t('stats.referralLine', { total: r.total, done: r.completed, rate: pct(r.completionRate) })),
          table(t('stats.referrals'), [t('loop.kind'), t('stats.count'), t('stats.completed')],
            Object.entries(r.byKind).map(([k, v]) => [label('partnerKind', k), v.total, v.completed]))),
        h('section', { class: 'panel', 'data-section': 'reply' }, h('h3', {}, t('stats.reply')),
          h('p', { 'data-satisfaction': sat.average ?? '' }, t('stats.satisfaction', { avg: sat.average ?? '—', n: sat.responses })),
          h('p', {}, t('stats.review', { ok: s.review.accepted, back: s.review.returned })),
          h('p', {}, t('stats.unreachable', { n: s.reply.unreachable })),
          h('p', { class: 'muted' }, t('stats.apart')))),
      s.calls ? h('section', { class: 'panel', 'data-section': 'calls' }, h('h3', {}, t('stats.calls')),
        h('p', {}, t('stats.callLine', { offered: s.calls.offered, abandoned: pct(s.calls.abandonedRate), within: pct(s.calls.answeredWithin15sRate) })))
        : null);
    drawChart(chart, s.groups.map((g) => keyLabel(s.by, g.key, map)), s.groups.map((g) => g.count));
    const sev = Object.entries(s.dimensions.severity);
    drawChart(sevChart, sev.map(([k]) => label('severity', k)), sev.map(([, v]) => v));
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); draw().catch((e) => out.replaceChildren(notice(e.message, true))); });
  await draw().catch((e) => out.replaceChildren(notice(e.message, true)));
}
