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
  // container's data-label (« Graphique : <indicator> »); the figure around it
  // is a group named by its caption, so the image does not repeat the caption.
  // The upper layer (legend, hover labels) repeats what the caption and the
  // data table say: hidden, like Plotly's off-screen measuring SVG.
  function nameDrawing(container) {
    var layers = container.querySelectorAll("svg.main-svg");
    Array.prototype.forEach.call(layers, function (svg, index) {
      if (index === 0) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", container.getAttribute("data-label") || "");
        svg.removeAttribute("aria-hidden");
      } else {
        svg.setAttribute("aria-hidden", "true");
      }
      svg.setAttribute("focusable", "false");
    });
    hideMeasuringSvg();
  }

  // Plotly measures text in an SVG it adds to <body> off screen: not content.
  function hideMeasuringSvg() {
    var tester = document.getElementById("js-plotly-tester");
    if (tester) {
      tester.setAttribute("aria-hidden", "true");
      tester.setAttribute("focusable", "false");
    }
  }

  // A hover label can hide part of the page: Escape closes it (WCAG 1.4.13).
  function dismissHoverLabels(event) {
    if (event.key !== "Escape" || !window.Plotly || !window.Plotly.Fx) {
      return;
    }
    var drawn = document.querySelectorAll("[data-drawn]");
    Array.prototype.forEach.call(drawn, function (container) {
      window.Plotly.Fx.unhover(container);
    });
  }

  function isHoverLabel(node) {
    return !!(node && node.closest && node.closest(".hoverlayer .hovertext"));
  }

  // A hover label stays while the pointer moves onto it (WCAG 1.4.13, RGAA
  // 10.13): the stylesheet lets it take the pointer, and leaving the plot for
  // the label is not a reason to close it. Leaving the label closes it, unless
  // the pointer goes back to the plot, which shows the label of where it is.
  function keepHoverLabelsUnderPointer(container) {
    container.on("plotly_beforehover", function (event) {
      if (event && event.type === "mouseout" && isHoverLabel(event.relatedTarget)) {
        return false;
      }
      return undefined;
    });
    container.addEventListener("mouseout", function (event) {
      if (isHoverLabel(event.target) && !isHoverLabel(event.relatedTarget)) {
        window.Plotly.Fx.unhover(container);
      }
    });
    // Plotly would pass the pointer's moves over a label on to the plot, by
    // rewriting the event's target, which a browser forbids: a label keeps them
    // (stopped, nothing else: no action comes with a press, RGAA 13.11).
    var KEPT_BY_LABELS = ["mousemove", "mousedown", "click"];
    KEPT_BY_LABELS.forEach(function (type) {
      container.addEventListener(
        type,
        function (event) {
          if (isHoverLabel(event.target)) {
            event.stopPropagation();
          }
        },
        true
      );
    });
  }

  // Draws one container's figure; resolves once it is drawn (or has nothing to draw).
  function draw(container, config) {
    var figure = readJson(container.getAttribute("data-figure"));
    if (!figure) {
      return Promise.resolve();
    }
    var options = Object.assign({}, config, { displayModeBar: false });
    return window.Plotly.newPlot(container, figure.data, figure.layout, options).then(function () {
      nameDrawing(container);
      keepHoverLabelsUnderPointer(container);
      container.setAttribute("data-drawn", "");
    });
  }

  function drawAll() {
    if (!window.Plotly) {
      return;
    }
    // The server's options (chart_style.CHART_CONFIG) have no toolbar: its
    // buttons were English, mouse-only and one tab stop each; the data table
    // and the open-data files give the numbers.
    var config = readJson("chart-config") || {};
    var waiting = Array.prototype.slice.call(document.querySelectorAll("[data-figure]"));
    // One chart per frame, in the page's order: the first chart is painted as
    // soon as it is drawn rather than once every chart of the page is (axis 1 has
    // 18), and the page answers the reader between two charts. A frame, not a
    // timer: the page keeps no time limit (WCAG 2.2.1), and a hidden tab waits.
    function drawNext() {
      var container = waiting.shift();
      if (!container) {
        return;
      }
      var next = function () {
        window.requestAnimationFrame(drawNext);
      };
      draw(container, config).then(next, next);
    }
    // Printing cannot wait for the next frames: what is left is drawn at once.
    function drawTheRest() {
      waiting.splice(0).forEach(function (container) {
        draw(container, config);
      });
    }
    drawNext();
    document.addEventListener("keydown", dismissHoverLabels);
    fitChartsWhenPrinting(drawTheRest);
  }

  // Printed, a page is narrower than the screen it was drawn on: each chart is redrawn
  // to the width of its printed card (A4), then back to the screen's once printed.
  function fitChartsWhenPrinting(drawTheRest) {
    var resizeAll = function () {
      drawTheRest();
      var drawn = document.querySelectorAll("[data-drawn]");
      Array.prototype.forEach.call(drawn, function (container) {
        window.Plotly.Plots.resize(container);
      });
    };
    window.addEventListener("beforeprint", resizeAll);
    window.addEventListener("afterprint", resizeAll);
    var printing = window.matchMedia ? window.matchMedia("print") : null;
    if (printing && printing.addEventListener) {
      printing.addEventListener("change", resizeAll);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
