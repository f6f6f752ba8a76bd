/* The dashboard's charts (ECharts from static/vendor/echarts). The page carries its data as JSON
   (json_script, no inline script); every bar or point opens the rows behind it. */
(function () {
  "use strict";
  var charts = [];
  var font = '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

  function make(id) {
    var el = document.getElementById(id);
    if (!el || el.getAttribute("data-rendered")) { return null; }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    charts.push(chart);
    el.setAttribute("data-rendered", "1");
    return chart;
  }

  function open(url) { if (url) { window.location.href = url; } }

  function narrow() { return window.innerWidth < 576; }

  function draw() {
  var source = document.getElementById("dashboard-data");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);

  // Ranking: horizontal bars, best first, coloured by share; a click drills down into the region.
  var ranking = data.ranking || [];
  if (ranking.length) {
    var el = document.getElementById("chart-ranking");
    if (el && !el.getAttribute("data-rendered")) {
      var shown = ranking.slice(0, 30);
      el.style.height = Math.max(200, Math.min(shown.length * 26 + 60, 900)) + "px";
      var chart = make("chart-ranking");
      var rows = shown.slice().reverse();
      chart.setOption({
        textStyle: { fontFamily: font },
        grid: { left: 8, right: 40, top: 10, bottom: 24, containLabel: true },
        tooltip: { trigger: "item", formatter: function (p) {
          // The tooltip is HTML: a region's name is text (escaped), never markup.
          var r = rows[p.dataIndex];
          var figure = (r.value === null ? "—" : r.value + "%") + "（" + r.met + "/" + r.counted + "）";
          return echarts.format.encodeHTML(String(r.label)) + "<br>" + echarts.format.encodeHTML(figure);
        } },
        xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
        yAxis: { type: "category", data: rows.map(function (r) { return r.label; }), triggerEvent: true,
                 axisLabel: { width: narrow() ? 70 : 120, overflow: "truncate" } },
        series: [{
          type: "bar", name: data.labels.share, barMaxWidth: 18,
          data: rows.map(function (r) {
            var v = r.value === null ? 0 : r.value;
            return { value: v, itemStyle: { color: v >= 80 ? "#3f9a5b" : v >= 50 ? "#e08a2e" : "#c0392b" } };
          }),
          label: { show: true, position: "right", formatter: "{c}%" }
        }]
      });
      chart.on("click", function (p) {
        // A bar, or the town's name beside it.
        var index = p.componentType === "yAxis" ? rows.map(function (r) { return r.label; }).indexOf(p.value) : p.dataIndex;
        if (index >= 0) { open(rows[index].url); }
      });
    }
  }

  // Series an app registered: bars (projects by step) or a line (volunteer hours by month).
  (data.series || []).forEach(function (s) {
    var chart = make("chart-" + s.code.toLowerCase().replace(/[^a-z0-9_-]+/g, ""));
    if (!chart) { return; }
    var line = s.kind === "line";
    chart.setOption({
      textStyle: { fontFamily: font },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: line ? "axis" : "item" },
      xAxis: { type: "category", data: s.points.map(function (p) { return p.label; }),
               axisLabel: { interval: line ? (narrow() ? 1 : 0) : 0, rotate: line ? 0 : (narrow() ? 60 : 30) } },
      yAxis: { type: "value", name: s.unit, minInterval: line ? 0 : 1 },
      series: [{
        type: line ? "line" : "bar", name: s.title, data: s.points.map(function (p) { return p.value; }),
        smooth: false, symbolSize: 8, barMaxWidth: 32, itemStyle: { color: "#2f6db5" },
        areaStyle: line ? { opacity: 0.12 } : undefined
      }]
    });
    chart.on("click", function (p) { open(s.points[p.dataIndex].url); });
  });

  }

  draw();
  // On the home page the dashboard arrives after the page (htmx): draw it once it is in place.
  document.body.addEventListener("htmx:afterSettle", draw);

  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
  });
})();
