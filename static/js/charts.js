// Draws every figure of the page: a container with data-figure="ID" and a
// <script type="application/json" id="ID"> holding the Plotly figure dict.
// No inline script, so a strict Content-Security-Policy can stay on.
(function () {
  "use strict";

  function readJson(id) {
    var source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }

  function drawAll() {
    if (!window.Plotly) {
      return;
    }
    var config = readJson("chart-config") || {};
    var containers = document.querySelectorAll("[data-figure]");
    Array.prototype.forEach.call(containers, function (container) {
      var figure = readJson(container.getAttribute("data-figure"));
      if (figure) {
        // Small overview visuals have no room for the toolbar.
        var options = Object.assign({}, config);
        if (container.hasAttribute("data-compact")) {
          options.displayModeBar = false;
        }
        window.Plotly.newPlot(container, figure.data, figure.layout, options);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
