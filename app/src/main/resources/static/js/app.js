// Progressive enhancement only: every page reads without this file.
(function () {
  // Charts: a <canvas data-chart="bar" data-labels='[...]' data-values='[...]'> becomes a Chart.js bar chart;
  // the same figures stand in the table beside it.
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    if (typeof Chart === 'undefined') { return; }
    new Chart(canvas, {
      type: canvas.dataset.chart,
      data: {
        labels: JSON.parse(canvas.dataset.labels),
        datasets: [{ label: canvas.dataset.title || '', data: JSON.parse(canvas.dataset.values),
          backgroundColor: '#0b4f9c' }]
      },
      options: { animation: false, plugins: { legend: { display: false } } }
    });
  });
  // Live countdown: <span data-deadline="ISO instant"> shows the time left, updated every minute.
  // The server's clock is the one deadlines follow: measure how far this browser's clock is from it.
  var serverNow = document.body.dataset.serverNow;
  var skew = serverNow ? Date.now() - Date.parse(serverNow) : 0;
  // the page's own words for the units, as the server wrote them: "{0} d {1} h", "{0} 天 {1} 小时"
  var days = document.body.dataset.countdownDays || '{0} d {1} h';
  var hours = document.body.dataset.countdownHours || '{0} h {1} min';
  function fill(pattern, a, b) { return pattern.replace('{0}', a).replace('{1}', b); }
  function tick() {
    var now = Date.now() - skew;
    document.querySelectorAll('[data-deadline]').forEach(function (el) {
      var ms = Date.parse(el.dataset.deadline) - now;
      var past = ms < 0; ms = Math.abs(ms);
      var d = Math.floor(ms / 86400000), h = Math.floor(ms / 3600000) % 24, m = Math.floor(ms / 60000) % 60;
      el.textContent = (past ? '\u2212' : '') + (d > 0 ? fill(days, d, h) : fill(hours, Math.floor(ms / 3600000), m));
      el.classList.toggle('breached', past);
    });
  }
  tick();
  setInterval(tick, 60000);
})();
