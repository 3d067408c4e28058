// Draws the dashboard's charts from the figures the page embeds as JSON (no inline script:
// the admin pages' Content-Security-Policy allows scripts from our own origin only).
// Pie labels must fit their box: on a narrow chart (a phone) the names go to a legend
// below and the slices carry no outside labels; on a wide one the labels sit outside,
// wrapped to a width that fits beside the pie, overlapping ones hidden.
(function () {
  var source = document.getElementById("dashboard-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var charts = [];
  var NARROW = 480;

  function pie(rows, ring) {
    return function (width) {
      var narrow = width < NARROW;
      var outer = narrow ? 52 : 58;
      return {
        tooltip: { trigger: "item", formatter: "{b}：{c} 件（{d}%）", confine: true },
        legend: narrow ? { type: "scroll", bottom: 0, left: "center", itemWidth: 12,
                           itemHeight: 10, textStyle: { fontSize: 12 } } : { show: false },
        series: [{ type: "pie", radius: ring ? [(outer - 25) + "%", outer + "%"] : outer + "%",
          center: ["50%", narrow ? "42%" : "50%"], avoidLabelOverlap: true,
          minShowLabelAngle: 8, labelLayout: { hideOverlap: true },
          label: narrow ? { show: false } : { formatter: "{b}\n{d}%", fontSize: 12,
            width: Math.max(56, Math.floor(width * 0.2)), overflow: "break" },
          labelLine: { show: !narrow, length: 8, length2: 6 },
          data: rows }]
      };
    };
  }

  function draw(id, build) {
    var node = document.getElementById(id);
    if (!node) { return; }
    var chart = echarts.init(node, null, { renderer: "canvas" });
    chart.setOption(Object.assign({ animation: false, tooltip: {} }, build(node.clientWidth)));
    charts.push({ chart: chart, node: node, build: build });
  }

  draw("chart-status", pie(data.status.map(function (s, i) {
    return { name: data.status_names[s] || s, value: data.status_counts[i] };
  }), true));
  draw("chart-category", pie(data.categories.map(function (c) {
    return { name: c.name, value: c.count };
  }), false));
  draw("chart-monthly", function () {
    return {
      tooltip: { trigger: "axis" },
      legend: { data: ["受理", "办结"] },
      grid: { left: 40, right: 16, bottom: 30, top: 36 },
      xAxis: { type: "category", data: data.monthly.map(function (m) { return m.month; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: "受理", type: "bar", data: data.monthly.map(function (m) { return m.received; }) },
        { name: "办结", type: "line", data: data.monthly.map(function (m) { return m.closed; }) }
      ]
    };
  });
  document.body.setAttribute("data-charts", String(charts.length));
  window.addEventListener("resize", function () {
    charts.forEach(function (c) {
      c.chart.setOption(c.build(c.node.clientWidth));
      c.chart.resize();
    });
  });
})();
