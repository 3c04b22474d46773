// ECharts from the project's WebJar when served; otherwise plain bars, so the board never depends on it.
let loading = null;
function loadECharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = new Promise((resolve) => {
      const s = document.createElement('script');
      s.src = '/_static/echarts/5.6.0/dist/echarts.min.js';
      s.onload = () => resolve(window.echarts || null);
      s.onerror = () => resolve(null);
      document.head.append(s);
    });
  }
  return loading;
}

export async function drawChart(box, labels, values) {
  const echarts = await loadECharts();
  if (!box.isConnected) return;
  if (!echarts) {
    const max = Math.max(1, ...values);
    box.replaceChildren(...labels.map((l, i) => {
      const row = document.createElement('div');
      row.innerHTML = '<span style="display:inline-block;width:90px"></span><span style="display:inline-block;height:12px;background:#0b5cad"></span> <span></span>';
      row.children[0].textContent = l;
      row.children[1].style.width = `${(values[i] / max) * 60}%`;
      row.children[2].textContent = values[i];
      return row;
    }));
    return;
  }
  const chart = echarts.getInstanceByDom(box) || echarts.init(box, null, { renderer: 'svg' });
  chart.setOption({
    animation: false, grid: { left: 40, right: 10, top: 10, bottom: 40 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: values, itemStyle: { color: '#0b5cad' } }],
    aria: { enabled: true },
  });
}
