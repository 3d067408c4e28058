// Draws the dashboard's charts from the figures the page embeds as JSON (no inline script:
// the admin pages' Content-Security-Policy allows scripts from our own origin only).
(function () {
  var source = document.getElementById("dashboard-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var charts = [];

  function draw(id, option) {
    var node = document.getElementById(id);
    if (!node) { return; }
    var chart = echarts.init(node, null, { renderer: "canvas" });
    chart.setOption(Object.assign({ animation: false, tooltip: {} }, option));
    charts.push(chart);
  }

  draw("chart-status", {
    tooltip: { trigger: "item", formatter: "{b}：{c} 件（{d}%）" },
    series: [{ type: "pie", radius: ["35%", "65%"],
      data: data.status.map(function (s, i) {
        return { name: data.status_names[s] || s, value: data.status_counts[i] };
      }) }]
  });
  draw("chart-category", {
    tooltip: { trigger: "item", formatter: "{b}：{c} 件（{d}%）" },
    series: [{ type: "pie", radius: "65%",
      data: data.categories.map(function (c) { return { name: c.name, value: c.count }; }) }]
  });
  draw("chart-monthly", {
    tooltip: { trigger: "axis" },
    legend: { data: ["受理", "办结"] },
    grid: { left: 40, right: 16, bottom: 30, top: 36 },
    xAxis: { type: "category", data: data.monthly.map(function (m) { return m.month; }) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: "受理", type: "bar", data: data.monthly.map(function (m) { return m.received; }) },
      { name: "办结", type: "line", data: data.monthly.map(function (m) { return m.closed; }) }
    ]
  });
  document.body.setAttribute("data-charts", String(charts.length));
  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
