// trove-keeper console charts: uPlot over the console's own JSON (/console/charts/...).
// Loaded from a file (the Content-Security-Policy allows no inline script); each
// <figure class="chart" data-src="..." data-kind="..."> draws itself and then says
// data-ready="true" and data-points="<n>", and describes its data in the plot's aria-label.
(function () {
  "use strict";
  var fetched = {};
  var colors = { SUCCEEDED: "#1e6b34", FAILED: "#b3261e", PARTIAL: "#b26a00", CANCELLED: "#5b6470", SKIPPED: "#7a55c7" };

  function load(src) {
    if (!fetched[src]) {
      fetched[src] = fetch(src, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) { throw new Error("chart data " + r.status); }
          return r.json();
        });
    }
    return fetched[src];
  }

  function hours(list) { return list.map(function (v) { return v == null ? null : v / 3600; }); }
  function mb(list) { return list.map(function (v) { return v == null ? null : v / 1048576; }); }
  function round(v) { return Math.round(v * 10) / 10; }

  var kinds = {
    rpo: function (d) {
      var rpo = d.rpoSeconds == null ? null : d.rpoSeconds / 3600;
      var series = [{}, { label: "Recovery point age (h)", stroke: "#0b57d0", width: 2 }];
      var data = [d.ageAt, hours(d.ageSeconds)];
      if (rpo != null) {
        series.push({ label: "RPO target (h)", stroke: "#b3261e", dash: [6, 4], width: 1.5 });
        data.push(d.ageAt.map(function () { return rpo; }));
      }
      var last = d.ageSeconds.length ? round(d.ageSeconds[d.ageSeconds.length - 1] / 3600) : null;
      return {
        data: data, series: series,
        axes: [{}, { label: "hours" }],
        summary: "Recovery point age now " + last + " h" + (rpo == null ? ", no RPO target" : ", RPO target " + round(rpo) + " h")
      };
    },
    backups: function (d) {
      return {
        data: [d.backupAt, d.durationSeconds, mb(d.sizeBytes)],
        series: [{},
          { label: "Duration (s)", stroke: "#0b57d0", width: 2, points: { show: true } },
          { label: "Size (MB)", stroke: "#1e6b34", width: 2, scale: "mb", points: { show: true } }],
        axes: [{}, { label: "seconds" }, { side: 1, scale: "mb", label: "MB", grid: { show: false } }],
        summary: d.backupAt.length + " backups in the last 30 days"
      };
    },
    coverage: function (d) {
      var known = d.coveredPercent.filter(function (v) { return v != null; });
      return {
        data: [d.days, d.coveredPercent],
        series: [{}, { label: "Covered (%)", stroke: "#1e6b34", width: 2, points: { show: true } }],
        axes: [{}, { label: "%" }],
        scales: { y: { range: [0, 100] } },
        summary: "Coverage today " + (known.length ? round(known[known.length - 1]) + " %" : "unknown")
      };
    },
    outcomes: function (d) {
      var states = Object.keys(d.outcomes);
      var text = states.map(function (s) {
        return s + " " + d.outcomes[s].reduce(function (a, b) { return a + b; }, 0);
      });
      return {
        data: [d.days].concat(states.map(function (s) { return d.outcomes[s]; })),
        series: [{}].concat(states.map(function (s) {
          return { label: s, stroke: colors[s] || "#12324a", width: 2, points: { show: true } };
        })),
        axes: [{}, { label: "runs" }],
        summary: "Finished runs in the period: " + (text.length ? text.join(", ") : "none")
      };
    }
  };

  function draw(figure) {
    var plot = figure.querySelector(".plot");
    load(figure.dataset.src).then(function (d) {
      var chart = kinds[figure.dataset.kind](d);
      var points = chart.data[0].length;
      plot.setAttribute("aria-label", chart.summary);
      if (points === 0) {
        plot.textContent = "No data yet.";
      } else {
        new uPlot({
          width: Math.max(260, plot.clientWidth),
          height: 220,
          series: chart.series,
          axes: chart.axes,
          // a single point would stretch the time axis over years: show the day around it
          scales: Object.assign({ x: points === 1
            ? { time: true, range: [chart.data[0][0] - 43200, chart.data[0][0] + 43200] }
            : { time: true } }, chart.scales || {}),
          legend: { live: false }
        }, chart.data, plot);
      }
      figure.dataset.points = String(points);
      figure.dataset.ready = "true";
    }).catch(function (e) {
      plot.textContent = "The chart could not be loaded.";
      figure.dataset.ready = "error";
      figure.dataset.error = String(e.message);
    });
  }

  function drawAll() {
    document.querySelectorAll("figure.chart[data-src]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
