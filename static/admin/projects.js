// The livelihood-project round page: live turnout while voting, the results chart after.
// No inline script: the admin pages' Content-Security-Policy allows our own origin only.
(function () {
  var turnout = document.getElementById("turnout");
  var url = turnout && turnout.getAttribute("data-url");
  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (t) {
        if (!t) { return; }
        document.getElementById("turnout-eligible").textContent = t.eligible;
        document.getElementById("turnout-ballots").textContent = t.ballots;
        document.getElementById("turnout-rate").textContent =
          t.rate === null ? "—" : (t.rate * 100).toFixed(1) + "%";
        turnout.setAttribute("data-refreshed", String(Date.now()));
      })
      .catch(function () { /* the next tick tries again */ });
  }
  if (url) { refresh(); window.setInterval(refresh, 5000); }

  var source = document.getElementById("results-data");
  var node = document.getElementById("chart-results");
  if (!source || !node || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(node, null, { renderer: "canvas" });
  chart.setOption({
    animation: false, tooltip: { trigger: "axis" },
    grid: { left: 8, right: 24, bottom: 8, top: 16, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: data.names },
    series: [{ type: "bar", name: "得票", data: data.votes, label: { show: true, position: "right" },
      markLine: { silent: true, symbol: "none", data: [{ xAxis: data.half, name: "过半" }] } }]
  });
  document.body.setAttribute("data-charts", "1");
  window.addEventListener("resize", function () { chart.resize(); });
})();
