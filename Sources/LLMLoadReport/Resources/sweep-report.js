// Draws every chart of a sweep's report.html from the JSON in #report-data, with the helpers
// of charts.js (inlined before this script). Each point is one x position: its offered rate,
// or its users for a closed loop; the knee (or the rate found) and the lowest failing load are
// vertical lines on every chart against load.
(function () {
  'use strict';
  var C = LLMLoadCharts;
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var L = data.labels, palette = C.palette;

  // On a log axis Plotly places a shape by its value but an annotation by the value's logarithm.
  function annotationX(v) { return data.isLogarithmic ? Math.log10(v) : v; }

  function marks() {
    var shapes = [], annotations = [];
    [[data.knee, '#15803d', 'dash', 1], [data.firstFailing, '#b91c1c', 'dot', 0.92]].forEach(function (m) {
      if (!m[0]) { return; }
      shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: m[0].load, x1: m[0].load,
        y0: 0, y1: 1, line: { color: m[1], width: 1.5, dash: m[2] } });
      annotations.push({ xref: 'x', x: annotationX(m[0].load), yref: 'paper', y: m[3], text: m[0].label,
        showarrow: false, xanchor: 'left', yanchor: 'bottom', font: { size: 11, color: m[1] },
        bgcolor: 'rgba(255,255,255,0.8)' });
    });
    return { shapes: shapes, annotations: annotations };
  }

  // A horizontal goal line at `y`, labelled above it or, `below`, under it.
  function goal(y, text, color, below) {
    return {
      shape: { type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: y, y1: y, line: { color: color, width: 1, dash: 'dash' } },
      annotation: { xref: 'paper', x: 0.99, yref: 'y', y: y, xanchor: 'right', yanchor: below ? 'top' : 'bottom', showarrow: false,
        text: text, font: { size: 10, color: color }, bgcolor: 'rgba(255,255,255,0.7)' }
    };
  }

  function byLoad(title, yTitle, extra) {
    var m = marks();
    var base = {
      // A log axis is ticked at the points' loads: its own ticks label only some digits.
      xaxis: data.isLogarithmic
        ? { title: { text: data.loadTitle }, type: 'log', tickvals: data.load }
        : { title: { text: data.loadTitle } },
      yaxis: { title: { text: yTitle } },
      shapes: m.shapes.concat((extra && extra.shapes) || []),
      annotations: m.annotations.concat((extra && extra.annotations) || [])
    };
    for (var key in extra) {
      if (key !== 'shapes' && key !== 'annotations') { base[key] = extra[key]; }
    }
    return C.layout(title, base);
  }

  function line(y, name, color, dash) {
    return { x: data.load, y: y, name: name, text: data.pointNames, mode: 'lines+markers', connectgaps: false,
      marker: { size: 7 }, line: { color: color, dash: dash || 'solid', width: 2 } };
  }

  // Failed points stand out on the achieved line: red crosses.
  var verdictMarker = {
    size: 9,
    color: data.passed.map(function (p) { return p ? palette[1] : palette[2]; }),
    symbol: data.passed.map(function (p) { return p ? 'circle' : 'x'; })
  };

  data.latency.forEach(function (metric) {
    C.add('charts-latency', [
      line(metric.p50, 'P50', palette[0]),
      line(metric.p90, 'P90', palette[4], 'dash'),
      line(metric.p99, 'P99', palette[2], 'dot')
    ], byLoad(metric.title + ' · P50 / P90 / P99', L.ms), false);
  });

  var throughput = [];
  if (data.offeredRatePerS) { throughput.push(line(data.offeredRatePerS, L.offered, '#9ca3af', 'dot')); }
  var achieved = line(data.achievedRatePerS, L.achieved, palette[1]);
  achieved.marker = verdictMarker;
  throughput.push(achieved, line(data.steadyRatePerS, L.steady, palette[5], 'dash'));
  C.add('charts-throughput', throughput, byLoad(L.chart_throughput_by_load, L.req_per_s), false);

  C.add('charts-throughput', [line(data.outputTokensPerS, L.output_tokens_per_s, palette[1])],
    byLoad(L.chart_tokens_by_load, L.tokens_per_s, { showlegend: false }), false);

  var shares = [line(data.errorRate, L.error_rate, palette[2])];
  var goals = [goal(data.maxErrorRate, L.error_bound, palette[2])];
  if (data.goodputShare) {
    shares.unshift(line(data.goodputShare, L.goodput, palette[1]));
    if (data.goodputGoal !== undefined && data.goodputGoal !== null) {
      goals.push(goal(data.goodputGoal, L.goodput_goal, palette[1], true));
    }
  }
  C.add('charts-throughput', shares, byLoad(L.chart_goodput_errors, L.share, {
    yaxis: { title: { text: L.share }, tickformat: '.0%', range: [0, 1.05] },
    shapes: goals.map(function (g) { return g.shape; }),
    annotations: goals.map(function (g) { return g.annotation; })
  }), false);

  C.add('charts-throughput', [
    { x: data.outputTokensPerS, y: data.perUserTokensPerS, text: data.pointNames, name: L.per_user_tokens,
      mode: 'lines+markers+text', textposition: 'top center', textfont: { size: 10, color: '#6b7280' },
      marker: verdictMarker, line: { color: palette[3], width: 2 },
      hovertemplate: '%{text}<br>' + L.total_tokens + ' %{x:.1f}<br>' + L.per_user_tokens + ' %{y:.1f}<extra></extra>' }
  ], C.layout(L.chart_tradeoff, {
    hovermode: 'closest', showlegend: false,
    xaxis: { title: { text: L.total_tokens }, rangemode: 'tozero' },
    yaxis: { title: { text: L.per_user_tokens } }
  }), false);

  if (data.gpuUtilizationMaxPercent || data.gpuMemoryMaxGiB) {
    var gpu = [];
    if (data.gpuUtilizationMaxPercent) {
      gpu.push(line(data.gpuUtilizationMaxPercent, L.gpu_utilisation_max, palette[1]));
    }
    if (data.gpuMemoryMaxGiB) {
      var memory = line(data.gpuMemoryMaxGiB, L.gpu_memory_max, palette[4], 'dash');
      memory.yaxis = 'y2';
      gpu.push(memory);
    }
    C.add('charts-gpu', gpu, byLoad(L.chart_gpu_by_load, '%', {
      yaxis: { title: { text: L.gpu_utilisation_max }, range: [0, 105] },
      yaxis2: { title: { text: L.gpu_memory_max }, overlaying: 'y', side: 'right', rangemode: 'tozero', showgrid: false }
    }), true);
  }

  C.draw();
})();
