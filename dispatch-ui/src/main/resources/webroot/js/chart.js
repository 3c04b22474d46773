// ECharts 5.6 from the project's own jar (org.mvnpm:echarts, served under /_static); plain bars if it cannot load,
// so the board never depends on it. Charts render as SVG with ECharts' aria description for screen readers.
import { getLang } from './i18n.js';

const SRC = '/_static/echarts/5.6.0/dist/echarts.min.js';
let loading = null;
function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve) => {
      const s = document.createElement('script');
      s.src = SRC;
      s.onload = () => resolve(window.echarts || null);
      s.onerror = () => resolve(null);
      document.head.append(s);
    });
  }
  return loading;
}

// ECharts otherwise fixes its locale (the aria description's language) once, from the page's language when the
// script loaded: a chart drawn after the user switched language would describe itself in the old one.
function instance(echarts, box) {
  // ECharts writes its aria description in its own locale (the browser's by default): follow the UI's language.
  const locale = getLang() === 'en' ? 'EN' : 'ZH';
  let chart = echarts.getInstanceByDom(box);
  if (chart && box.dataset.locale !== locale) { chart.dispose(); chart = null; }
  if (!chart) chart = echarts.init(box, null, { renderer: 'svg', locale });
  box.dataset.renderer = 'echarts';
  box.dataset.locale = locale;
  return chart;
}

function plainBars(box, labels, values) {
  const max = Math.max(1, ...values);
  box.dataset.renderer = 'plain';
  box.replaceChildren(...labels.map((l, i) => {
    const row = document.createElement('div');
    row.innerHTML = '<span style="display:inline-block;width:110px"></span><span style="display:inline-block;height:12px;background:#0b5cad"></span> <span></span>';
    row.children[0].textContent = l;
    row.children[1].style.width = `${(values[i] / max) * 60}%`;
    row.children[2].textContent = values[i];
    return row;
  }));
}

/** One bar per label. */
export async function drawChart(box, labels, values) {
  const echarts = await loadECharts();
  if (!box.isConnected) return;
  if (!echarts) { plainBars(box, labels, values); return; }
  instance(echarts, box).setOption({
    animation: false, grid: { left: 40, right: 10, top: 10, bottom: 40 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: values, itemStyle: { color: '#0b5cad' } }],
    aria: { enabled: true },
  });
}

/** Bars of each series side by side (the name is older than that): categories on the x axis, series = [{name, color, values}]. */
export async function drawStacked(box, categories, series) {
  box.dataset.series = JSON.stringify(series.map((s) => ({ name: s.name, values: s.values })));
  const echarts = await loadECharts();
  if (!box.isConnected) return;
  if (!echarts) {
    plainBars(box, categories, categories.map((_, i) => series.reduce((a, s) => a + s.values[i], 0)));
    return;
  }
  instance(echarts, box).setOption({
    animation: false, grid: { left: 40, right: 10, top: 30, bottom: 40 },
    legend: { top: 0, data: series.map((s) => s.name) },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', minInterval: 1 },
    // Side by side, not stacked, with a minimum height: a count of 1 beside one of 500 stays visible (a stack hid it,
    // and ECharts' barMinHeight misplaces stacked bars); a 0 draws nothing. The table under the chart has the numbers.
    series: series.map((s) => ({ type: 'bar', name: s.name, barMinHeight: 3, barGap: '10%',
      data: s.values.map((v) => (v > 0 ? v : null)), itemStyle: { color: s.color } })),
    aria: { enabled: true },
  }, true);
}

let qinghai = null;
/** The project's own outline of Qinghai's prefectures (geo/, from Apache ECharts 4.9 map data): no online tiles. */
function registerQinghai(echarts) {
  if (!qinghai) {
    qinghai = fetch('/geo/qinghai-prefectures.json').then((r) => r.json())
      .then((geo) => { echarts.registerMap('qinghai', geo); return true; }).catch(() => false);
  }
  return qinghai;
}

/**
 * The prefectures coloured by overdue tickets, open load in the tooltip; a click picks a prefecture (drill-down).
 * regions: [{code, name, overdue, open}]; texts: {overdue, open}. Hidden when ECharts or the outline cannot load:
 * the tiles beside it carry the same numbers and stay the accessible view.
 */
const esc = (x) => String(x).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function drawMap(box, regions, texts, selected, onPick) {
  const echarts = await loadECharts();
  if (!box.isConnected) return;
  if (!echarts || !(await registerQinghai(echarts))) { box.hidden = true; return; }
  box.dataset.regions = JSON.stringify(regions.map((r) => ({ code: r.code, overdue: r.overdue, open: r.open })));
  const names = Object.fromEntries(regions.map((r) => [r.code, r.name]));
  const byCode = Object.fromEntries(regions.map((r) => [r.code, r]));
  const chart = instance(echarts, box);
  chart.setOption({
    animation: false,
    // Each number in the tooltip opens the list behind it (the board's hrefs); enterable so the pointer can reach them.
    tooltip: { enterable: true, formatter: (p) => {
      const r = byCode[p.name];
      const link = (href, n, key) => (href ? `<a href="${esc(href)}" data-map-link="${key}" data-map-code="${esc(p.name)}">${n}</a>`
        // no list for this user's role (an administrator's open count): plain, its tooltip the reason
        : texts.noLink ? `<span title="${esc(texts.noLink)}" data-no-case-link data-map-code="${esc(p.name)}">${n}</span>` : n);
      return `${esc(names[p.name] || p.name)}<br>${esc(texts.overdue)} ${link(r?.overdueHref, r?.overdue ?? 0, 'overdue')} · ${esc(texts.open)} ${link(r?.openHref, r?.open ?? 0, 'open')}`;
    } },
    visualMap: { type: 'continuous', min: 0, max: Math.max(1, ...regions.map((r) => r.overdue)), left: 0, bottom: 0,
      itemHeight: 80, text: [texts.overdue, '0'], inRange: { color: ['#e8f5e9', '#ffca28', '#c62828'] } },
    series: [{
      type: 'map', map: 'qinghai', nameProperty: 'code', selectedMode: 'single', roam: false,
      label: { show: true, fontSize: 11, formatter: (p) => `${names[p.name] || ''}\n${byCode[p.name]?.overdue ?? 0}` },
      data: regions.map((r) => ({ name: r.code, value: r.overdue, selected: r.code === selected })),
    }],
    aria: { enabled: true },
  }, true);
  chart.off('click');
  chart.on('click', (p) => { if (byCode[p.name]) onPick(p.name); });
}
