// Draws compare.html's charts from the JSON in #compare-data with the inlined Plotly and
// charts.js (inlined before this script): one line per run, in the run's colour, on each chart.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('compare-data').textContent);
  var L = data.labels;
  var C = LLMLoadCharts;

  function lines(chart, shape) {
    return chart.lines.map(function (line, i) {
      // A second with no completion has no latency: the line joins the seconds that have one,
      // so a run whose answers end every other second still draws.
      return { x: line.x, y: line.y, name: data.runs[i], mode: 'lines', connectgaps: true,
        line: { color: C.palette[i % C.palette.length], width: 2, shape: shape } };
    });
  }

  // Each run's swatch in the table of runs, in its lines' colour.
  document.querySelectorAll('table.runs .swatch').forEach(function (swatch, i) {
    swatch.style.background = C.palette[i % C.palette.length];
  });

  data.cdfs.forEach(function (chart) {
    C.add('charts-cdf', lines(chart, 'hv'), C.layout(chart.title, {
      hovermode: 'closest', xaxis: { title: { text: chart.unit } },
      yaxis: { title: { text: L.cdf }, range: [0, 1.02], dtick: 0.25, tickformat: '.0%' }
    }), false);
  });

  data.series.forEach(function (chart) {
    C.add('charts-series', lines(chart, 'linear'), C.layout(chart.title, {
      xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: chart.unit } }
    }), false);
  });

  C.draw();
})();
