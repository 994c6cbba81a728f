// Draws every figure of the page: a container with data-figure="ID" and a
// <script type="application/json" id="ID"> holding the Plotly figure dict.
// No inline script, so a strict Content-Security-Policy can stay on.
(function () {
  "use strict";

  function readJson(id) {
    var source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }

  // The drawing is one image for assistive technologies, named by the
  // container's data-label (the indicator and its sentence). Plotly's toolbar
  // holds real buttons, so the name goes on the drawing, not on the container
  // (an image may not contain controls); the upper layer (legend, hover
  // labels) repeats what the sentence and the data table say.
  function nameDrawing(container) {
    var layers = container.querySelectorAll("svg.main-svg");
    Array.prototype.forEach.call(layers, function (svg, index) {
      if (index === 0) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", container.getAttribute("data-label") || "");
      } else {
        svg.setAttribute("aria-hidden", "true");
      }
    });
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
        window.Plotly.newPlot(container, figure.data, figure.layout, options).then(function () {
          nameDrawing(container);
          container.setAttribute("data-drawn", "");
        });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
