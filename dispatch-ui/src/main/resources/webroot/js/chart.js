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

function instance(echarts, box) {
  // The aria description ECharts writes for screen readers follows its locale: the page's language, not Chinese always.
  const chart = echarts.getInstanceByDom(box)
    || echarts.init(box, null, { renderer: 'svg', locale: getLang() === 'en' ? 'EN' : 'ZH' });
  box.dataset.renderer = 'echarts';
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

/** Stacked bars: categories on the x axis, series = [{name, color, values}] stacked. */
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
    series: series.map((s) => ({ type: 'bar', stack: 'all', name: s.name, data: s.values, itemStyle: { color: s.color } })),
    aria: { enabled: true },
  }, true);
}
