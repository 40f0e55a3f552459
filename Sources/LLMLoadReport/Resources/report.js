// Draws every chart of report.html from the JSON in #report-data, with the inlined Plotly and
// charts.js (which is inlined before this script and leaves the verdict on <body>).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var L = data.labels;
  var palette = LLMLoadCharts.palette;
  var layout = LLMLoadCharts.layout;
  var add = LLMLoadCharts.add;

  // The warm-up, greyed, so the eye skips it.
  function warmupShapes() {
    if (!data.warmupEndS) { return { shapes: [], annotations: [] }; }
    return {
      shapes: [{ type: 'rect', xref: 'x', yref: 'paper', x0: 0, x1: data.warmupEndS, y0: 0, y1: 1,
        fillcolor: '#9ca3af', opacity: 0.15, line: { width: 0 } }],
      annotations: [{ x: data.warmupEndS / 2, y: 1, xref: 'x', yref: 'paper', text: L.warmup,
        showarrow: false, yanchor: 'bottom', font: { size: 11, color: '#6b7280' } }]
    };
  }

  // Dashed (average) and dotted (maximum) lines of a series, labelled with their values.
  function statLines(stats, name, color, unit) {
    var shapes = [], annotations = [];
    [['average', stats.mean, 'dash'], ['maximum', stats.max, 'dot']].forEach(function (s) {
      if (s[1] === null || s[1] === undefined) { return; }
      shapes.push({ type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: s[1], y1: s[1],
        line: { color: color, width: 1, dash: s[2] } });
      annotations.push({ xref: 'paper', x: 0.01, yref: 'y', y: s[1], xanchor: 'left', yanchor: 'bottom',
        showarrow: false, text: name + ' ' + L[s[0]] + ' ' + s[1].toFixed(1) + unit,
        font: { size: 10, color: color }, bgcolor: 'rgba(255,255,255,0.7)' });
    });
    return { shapes: shapes, annotations: annotations };
  }

  function merge(parts) {
    return {
      shapes: parts.reduce(function (all, p) { return all.concat(p.shapes); }, []),
      annotations: parts.reduce(function (all, p) { return all.concat(p.annotations); }, [])
    };
  }

  var ts = data.timeseries;
  var warm = warmupShapes();
  if (ts.second.length > 0) {
    add('charts-load', [
      { x: ts.second, y: ts.offered, name: L.offered, mode: 'lines', line: { shape: 'hv', color: palette[0] } },
      { x: ts.second, y: ts.sent, name: L.sent, mode: 'lines', line: { shape: 'hv', color: palette[5], dash: 'dot' } },
      { x: ts.second, y: ts.completed, name: L.completed, mode: 'lines', line: { shape: 'hv', color: palette[1] } },
      { x: ts.second, y: ts.failed, name: L.failed, mode: 'lines', line: { shape: 'hv', color: palette[2] } },
      { x: ts.second, y: ts.inFlight, name: L.in_flight, mode: 'lines', yaxis: 'y2',
        line: { shape: 'hv', color: palette[3], width: 1.5 }, fill: 'tozeroy', fillcolor: 'rgba(147,51,234,0.06)' }
    ], layout(L.chart_rate, {
      xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: L.per_s } },
      yaxis2: { title: { text: L.in_flight }, overlaying: 'y', side: 'right', rangemode: 'tozero', showgrid: false },
      shapes: warm.shapes, annotations: warm.annotations
    }), true);
  }

  var p = data.points;
  if (p.seconds.length > 0 || p.failedSeconds.length > 0) {
    add('charts-load', [
      { x: p.seconds, y: p.e2eMs, name: L.e2e, mode: 'markers', type: 'scatter',
        marker: { size: 4, color: palette[0], opacity: 0.45 } },
      { x: p.seconds, y: p.ttftMs, name: L.ttft, mode: 'markers', type: 'scatter',
        marker: { size: 4, color: palette[4], opacity: 0.55 } },
      { x: ts.second, y: ts.e2eP95, name: L.e2e + ' P95', mode: 'lines', connectgaps: true, line: { color: '#1e3a8a', width: 2 } },
      { x: ts.second, y: ts.ttftP95, name: L.ttft + ' P95', mode: 'lines', connectgaps: true, line: { color: '#9a3412', width: 2 } },
      { x: p.failedSeconds, y: p.failedMs, name: L.failed, mode: 'markers', type: 'scatter',
        marker: { size: 7, symbol: 'x', color: palette[2] } }
    ], layout(L.chart_latency + ' — ' + p.note, {
      hovermode: 'closest', xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: L.ms } },
      shapes: warm.shapes, annotations: warm.annotations
    }), true);
  }

  if (ts.second.length > 0) {
    add('charts-load', [
      { x: ts.second, y: ts.outputTokensPerS, name: L.output_tokens_per_s, mode: 'lines',
        line: { shape: 'hv', color: palette[1] }, fill: 'tozeroy', fillcolor: 'rgba(22,163,74,0.08)' }
    ], layout(L.chart_tokens, {
      xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: L.tokens_per_s } },
      shapes: warm.shapes, annotations: warm.annotations, showlegend: false
    }), true);
  }

  // The server's own view (--server-metrics), at each scrape's time: its running and waiting
  // requests under the client's in-flight curve, its token rates, its caches, Ollama's model.
  var sv = data.server;
  function serverLine(y, name, color, extra) {
    var line = { x: sv.seconds, y: y, name: name, mode: 'lines+markers', marker: { size: 4 }, line: { color: color },
      connectgaps: true };
    Object.keys(extra || {}).forEach(function (k) { line[k] = extra[k]; });
    return line;
  }
  if (sv && (sv.requestsRunning || sv.requestsWaiting)) {
    var queue = [{ x: ts.second, y: ts.inFlight, name: L.in_flight, mode: 'lines',
      line: { shape: 'hv', color: palette[3], width: 1.5 }, fill: 'tozeroy', fillcolor: 'rgba(147,51,234,0.06)' }];
    if (sv.requestsRunning) { queue.push(serverLine(sv.requestsRunning, L.server_running, palette[1])); }
    if (sv.requestsWaiting) { queue.push(serverLine(sv.requestsWaiting, L.server_waiting, palette[2])); }
    add('charts-load', queue, layout(L.chart_server_queue + (sv.server ? ' · ' + sv.server : ''), {
      xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: L.requests }, rangemode: 'tozero' },
      shapes: warm.shapes, annotations: warm.annotations
    }), true);
  }
  if (sv && (sv.promptTokensPerS || sv.generationTokensPerS)) {
    var rates = [];
    if (sv.generationTokensPerS) { rates.push(serverLine(sv.generationTokensPerS, L.server_generation_tokens, palette[1])); }
    if (sv.promptTokensPerS) { rates.push(serverLine(sv.promptTokensPerS, L.server_prompt_tokens, palette[0])); }
    add('charts-load', rates, layout(L.chart_server_tokens, {
      xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: L.tokens_per_s }, rangemode: 'tozero' },
      shapes: warm.shapes, annotations: warm.annotations
    }), true);
  }

  add('charts-outcomes', [
    { x: data.outcomes.map(function (o) { return o.name; }), y: data.outcomes.map(function (o) { return o.count; }),
      type: 'bar', marker: { color: data.outcomes.map(function (o) { return o.name === 'ok' ? palette[1] : palette[2]; }) },
      text: data.outcomes.map(function (o) { return String(o.count); }), textposition: 'auto' }
  ], layout(L.chart_outcomes, { showlegend: false, hovermode: 'closest', yaxis: { title: { text: L.requests } } }), false);
  add('charts-outcomes', [
    { x: data.statuses.map(function (o) { return 'HTTP ' + o.name; }), y: data.statuses.map(function (o) { return o.count; }),
      type: 'bar', marker: { color: data.statuses.map(function (o) { return o.name.charAt(0) === '2' ? palette[1] : palette[2]; }) },
      text: data.statuses.map(function (o) { return String(o.count); }), textposition: 'auto' }
  ], layout('HTTP', { showlegend: false, hovermode: 'closest', yaxis: { title: { text: L.requests } } }), false);

  data.distributions.forEach(function (d, i) {
    var title = d.title + (d.beyond > 0 ? ' — ' + d.beyondNote : '');
    add('charts-distributions', [
      { x: d.binCenters, y: d.binShares, width: d.binWidth, type: 'bar', name: L.share,
        marker: { color: palette[i % palette.length], opacity: 0.75 } },
      { x: d.cdfValues, y: d.cdfShares, mode: 'lines', name: L.cdf, yaxis: 'y2', line: { color: '#111827', width: 1.5 } }
    ], layout(title, {
      hovermode: 'closest', bargap: 0.02,
      xaxis: { title: { text: d.unit } },
      yaxis: { title: { text: L.share }, tickformat: '.0%' },
      yaxis2: { title: { text: L.cdf }, overlaying: 'y', side: 'right', range: [0, 1.02], dtick: 0.25, tickformat: '.0%', showgrid: false }
    }), false);
  });

  var r = data.resources;
  if (r && r.seconds.length > 0) {
    var marks = merge([statLines(r.cpu, L.cpu, palette[0], ' %'), statLines(r.memory, L.memory, palette[3], ' %'), warm]);
    add('charts-resources', [
      { x: r.seconds, y: r.cpuPercent, name: L.cpu + ' %', mode: 'lines+markers', marker: { size: 4 }, line: { color: palette[0] } },
      { x: r.seconds, y: r.memoryPercent, name: L.memory + ' %', mode: 'lines+markers', marker: { size: 4 }, line: { color: palette[3] } }
    ], layout(L.chart_resources, {
      xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: '%' }, range: [0, 105] },
      shapes: marks.shapes, annotations: marks.annotations
    }), false);
    if (r.processName) {
      add('charts-resources', [
        { x: r.seconds, y: r.processCpuPercent, name: L.cpu + ' %', mode: 'lines+markers', marker: { size: 4 }, line: { color: palette[0] } },
        { x: r.seconds, y: r.processRssMiB, name: 'RSS MiB', yaxis: 'y2', mode: 'lines', line: { color: palette[4] } }
      ], layout(r.processName, {
        xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: L.cpu + ' %' } },
        yaxis2: { title: { text: 'RSS MiB' }, overlaying: 'y', side: 'right', rangemode: 'tozero', showgrid: false },
        shapes: warm.shapes, annotations: warm.annotations
      }), false);
    }
    r.gpus.forEach(function (g) {
      var gpuMarks = merge([statLines(g.utilization, L.utilisation, palette[1], ' %'),
        statLines(g.memory, L.gpu_memory, palette[4], ' %'), warm]);
      add('charts-resources', [
        { x: r.seconds, y: g.utilizationPercent, name: L.utilisation + ' %', mode: 'lines+markers', marker: { size: 4 }, line: { color: palette[1] } },
        { x: r.seconds, y: g.memoryPercent, name: L.gpu_memory + ' %', mode: 'lines+markers', marker: { size: 4 }, line: { color: palette[4] } }
      ], layout('GPU ' + g.index + (g.name ? ' · ' + g.name : ''), {
        xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: '%' }, range: [0, 105] },
        shapes: gpuMarks.shapes, annotations: gpuMarks.annotations
      }), false);
    });
  }

  if (sv && (sv.kvCacheUsagePercent || sv.prefixCacheHitPercent)) {
    var cache = [];
    if (sv.kvCacheUsagePercent) { cache.push(serverLine(sv.kvCacheUsagePercent, L.kv_cache + ' %', palette[4])); }
    if (sv.prefixCacheHitPercent) { cache.push(serverLine(sv.prefixCacheHitPercent, L.prefix_cache_hits + ' %', palette[0])); }
    add('charts-resources', cache, layout(L.chart_server_cache + (sv.server ? ' · ' + sv.server : ''), {
      xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: '%' }, range: [0, 105] },
      shapes: warm.shapes, annotations: warm.annotations
    }), false);
  }
  if (sv && sv.modelVramMiB) {
    add('charts-resources', [serverLine(sv.modelVramMiB, 'MiB', palette[4], { line: { shape: 'hv', color: palette[4] } })],
      layout(L.chart_server_model, {
        xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: 'MiB' }, rangemode: 'tozero' },
        shapes: warm.shapes, annotations: warm.annotations, showlegend: false
      }), false);
  }

  // report-requests.js, inlined after this script, adds its charts and then draws them all.
})();
