// What report.html, the sweep's report.html and compare.html share: the palette, the chart layout, a list of charts to
// draw into the page's sections, and, when all are drawn, the attributes the browser test reads
// on <body>: data-charts-expected, data-charts-drawn, data-errors and data-status ("ok" only if
// every chart drew and no script error happened).
var LLMLoadCharts = (function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message || e)); });
  window.addEventListener('unhandledrejection', function (e) { errors.push(String(e.reason)); });

  var palette = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
  var plotConfig = { displaylogo: false, responsive: true };
  var charts = [];

  function layout(title, extra) {
    var base = {
      title: { text: title, font: { size: 15 }, x: 0.01, xanchor: 'left' },
      margin: { l: 64, r: 64, t: 48, b: 56 },
      height: 360,
      legend: { orientation: 'h', y: -0.3 },
      hovermode: 'x unified',
      paper_bgcolor: '#ffffff',
      plot_bgcolor: '#ffffff',
      font: { family: 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", sans-serif', size: 12, color: '#1f2937' },
      xaxis: { gridcolor: '#e5e7eb', zeroline: false },
      yaxis: { gridcolor: '#e5e7eb', zeroline: false, rangemode: 'tozero' }
    };
    for (var key in extra) {
      if (typeof extra[key] === 'object' && !Array.isArray(extra[key]) && base[key]) {
        base[key] = Object.assign({}, base[key], extra[key]);
      } else {
        base[key] = extra[key];
      }
    }
    return base;
  }

  function add(sectionId, traces, chartLayout, wide) {
    var section = document.getElementById(sectionId);
    var div = document.createElement('div');
    div.className = wide ? 'chart wide' : 'chart';
    div.id = 'chart-' + charts.length;
    section.appendChild(div);
    charts.push({ div: div, traces: traces, layout: chartLayout });
  }

  function finish() {
    var drawn = charts.filter(function (c) {
      return c.div.querySelector('.main-svg') !== null && c.div._fullData && c.div._fullData.length > 0;
    }).length;
    var body = document.body;
    body.setAttribute('data-charts-expected', String(charts.length));
    body.setAttribute('data-charts-drawn', String(drawn));
    body.setAttribute('data-errors', errors.join(' | '));
    body.setAttribute('data-status', errors.length === 0 && drawn === charts.length ? 'ok' : 'error');
  }

  // Draws every chart added, then leaves the verdict on <body>.
  function draw() {
    var pending = charts.map(function (c) {
      try {
        return Plotly.newPlot(c.div, c.traces, c.layout, plotConfig);
      } catch (e) {
        errors.push(String(e));
        return Promise.resolve();
      }
    });
    Promise.all(pending).then(finish, function (e) { errors.push(String(e)); finish(); });
  }

  return { palette: palette, layout: layout, add: add, draw: draw };
})();
