// The report's per-request charts beyond TTFT and E2E (schedule lag with its warning bound,
// latency from schedule, a reasoning model's thinking and answer time, prompt tokens against
// their target, TTFT by conversation turn) and the resource charts of GPU power and temperature and of each CPU core;
// then draws every chart of the page. Inlined after report.js, with the same data.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var L = data.labels;
  var palette = LLMLoadCharts.palette;
  var layout = LLMLoadCharts.layout;
  var add = LLMLoadCharts.add;
  var q = data.requests;

  function hasValue(values) {
    return values.some(function (v) { return v !== null && v !== undefined; });
  }

  // A horizontal dashed line across the chart at y, labelled.
  function boundLine(y, text, color) {
    return {
      shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y', y0: y, y1: y,
        line: { color: color, width: 1.5, dash: 'dash' } }],
      annotations: [{ xref: 'paper', x: 0.99, yref: 'y', y: y, xanchor: 'right', yanchor: 'bottom',
        showarrow: false, text: text, font: { size: 10, color: color }, bgcolor: 'rgba(255,255,255,0.7)' }]
    };
  }

  if (hasValue(q.scheduleLagMs)) {
    var bound = boundLine(q.lagBoundMs, L.lag_threshold + ' ' + q.lagBoundMs + ' ' + L.ms, palette[2]);
    add('charts-load', [
      { x: q.scheduledSeconds, y: q.scheduleLagMs, name: L.schedule_lag, mode: 'markers', type: 'scatter',
        marker: { size: 4, color: palette[5], opacity: 0.6 } }
    ], layout(L.chart_schedule_lag, {
      hovermode: 'closest', showlegend: false, xaxis: { title: { text: L.time_s } },
      yaxis: { title: { text: L.ms }, range: [0, Math.max(q.lagBoundMs * 1.5,
        Math.max.apply(null, q.scheduleLagMs.filter(function (v) { return v !== null; })) * 1.05)] },
      shapes: bound.shapes, annotations: bound.annotations
    }), false);
  }

  if (hasValue(q.latencyFromScheduleMs)) {
    add('charts-load', [
      { x: q.completedSeconds, y: q.latencyFromScheduleMs, name: L.from_schedule, mode: 'markers', type: 'scatter',
        marker: { size: 4, color: palette[3], opacity: 0.5 } }
    ], layout(L.chart_from_schedule, {
      hovermode: 'closest', showlegend: false, xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: L.ms } }
    }), false);
  }

  if (q.thinkingMs.length > 0) {
    var order = q.thinkingMs.map(function (_, i) { return i + 1; });
    add('charts-load', [
      { x: order, y: q.thinkingMs, name: L.thinking, type: 'bar', marker: { color: palette[3] } },
      { x: order, y: q.answerMs, name: L.answer, type: 'bar', marker: { color: palette[1] } }
    ], layout(L.chart_reasoning, {
      barmode: 'stack', bargap: 0.1, xaxis: { title: { text: L.request_index } }, yaxis: { title: { text: L.ms } }
    }), true);
  }

  if (q.promptTokens.length > 0) {
    add('charts-load', [
      { x: q.inputSeconds, y: q.promptTokens, name: L.prompt_tokens, mode: 'markers', type: 'scatter',
        marker: { size: 5, color: palette[0], opacity: 0.6 } },
      { x: q.inputSeconds, y: q.targetPromptTokens, name: L.target_tokens, mode: 'markers', type: 'scatter',
        marker: { size: 8, symbol: 'line-ew-open', color: palette[2] } }
    ], layout(L.chart_input_tokens, {
      hovermode: 'closest', xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: L.tokens } }
    }), false);
  }

  // Conversations (--turns): TTFT by turn, with the server's mean prompt count beside it, so
  // the cost of a growing history and what a prefix cache saves of it read off one chart.
  var t = data.turns || [];
  if (t.length > 0) {
    var turnNumbers = t.map(function (f) { return f.turn; });
    function ttft(key) { return t.map(function (f) { return f[key] === undefined ? null : f[key]; }); }
    add('charts-load', [
      { x: turnNumbers, y: ttft('ttftP50Ms'), name: 'TTFT P50', mode: 'lines+markers', line: { color: palette[0] } },
      { x: turnNumbers, y: ttft('ttftP90Ms'), name: 'TTFT P90', mode: 'lines+markers', line: { color: palette[1] } },
      { x: turnNumbers, y: ttft('ttftP99Ms'), name: 'TTFT P99', mode: 'lines+markers', line: { color: palette[2] } },
      { x: turnNumbers, y: ttft('meanInputTokens'), name: L.mean_input_tokens, yaxis: 'y2', type: 'bar',
        marker: { color: palette[5], opacity: 0.35 } }
    ], layout(L.chart_turns, {
      xaxis: { title: { text: L.turn }, dtick: 1 }, yaxis: { title: { text: L.ms }, rangemode: 'tozero' },
      yaxis2: { title: { text: L.mean_input_tokens }, overlaying: 'y', side: 'right', rangemode: 'tozero',
        showgrid: false }
    }), true);
  }

  var r = data.resources;
  if (r && r.seconds.length > 0) {
    r.gpus.forEach(function (g) {
      if (!hasValue(g.powerWatts) && !hasValue(g.temperatureC)) { return; }
      add('charts-resources', [
        { x: r.seconds, y: g.powerWatts, name: L.power_w, mode: 'lines+markers', marker: { size: 4 }, line: { color: palette[4] } },
        { x: r.seconds, y: g.temperatureC, name: L.temperature_c, yaxis: 'y2', mode: 'lines', line: { color: palette[2] } }
      ], layout('GPU ' + g.index + ' · ' + L.chart_gpu_power, {
        xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: L.power_w } },
        yaxis2: { title: { text: L.temperature_c }, overlaying: 'y', side: 'right', rangemode: 'tozero', showgrid: false }
      }), false);
    });
    if (r.cpuPerCorePercent.length > 0) {
      var cores = Math.max.apply(null, r.cpuPerCorePercent.map(function (c) { return c.length; }));
      var z = [];
      for (var core = 0; core < cores; core++) {
        z.push(r.cpuPerCorePercent.map(function (c) { return core < c.length ? c[core] : null; }));
      }
      add('charts-resources', [
        { x: r.seconds, y: z.map(function (_, i) { return i; }), z: z, type: 'heatmap', zmin: 0, zmax: 100,
          colorscale: 'YlOrRd', reversescale: true, colorbar: { title: { text: '%' } } }
      ], layout(L.chart_cpu_cores, {
        hovermode: 'closest', xaxis: { title: { text: L.time_s } }, yaxis: { title: { text: L.core } }
      }), false);
    }
  }

  LLMLoadCharts.draw();
})();
