/* Orbit Explainer: charts, comment controls and sortable tables, on every page view.
 * Runs on Material's document$ so it also works after instant navigation. */
(function () {
  "use strict";

  // The Plotly bundle sits next to this script; it is fetched only when a page has a chart.
  var here = document.currentScript && document.currentScript.src;
  var PLOTLY_URL = new URL("plotly-basic-4.1.1.min.js", here || location.href).href;
  var plotlyPromise = null;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyPromise) {
      plotlyPromise = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = PLOTLY_URL;
        script.onload = function () { resolve(window.Plotly); };
        script.onerror = function () { plotlyPromise = null; reject(new Error("Plotly did not load")); };
        document.head.appendChild(script);
      });
    }
    return plotlyPromise;
  }

  /* ---- charts ------------------------------------------------------------ */

  // The theme as dotted layout keys: relayout with a whole `xaxis` object would drop its type
  // and categories, so only the colours are set.
  function themeLayout() {
    var style = getComputedStyle(document.body);
    function css(name, fallback) { return style.getPropertyValue(name).trim() || fallback; }
    var fg = css("--md-default-fg-color", "#000");
    var bg = css("--md-default-bg-color", "#fff");
    var grid = css("--md-default-fg-color--lightest", "#ddd");
    var theme = {
      paper_bgcolor: bg, plot_bgcolor: bg, "font.color": fg,
      "font.family": css("--md-text-font-family", "sans-serif"),
      "legend.font.color": fg, "hoverlabel.font.family": css("--md-text-font-family", "sans-serif")
    };
    ["xaxis", "yaxis"].forEach(function (axis) {
      theme[axis + ".gridcolor"] = grid; theme[axis + ".linecolor"] = grid;
      theme[axis + ".zerolinecolor"] = grid; theme[axis + ".color"] = fg;
    });
    return theme;
  }

  // Apply dotted keys to a layout object (Plotly.relayout takes them as they are).
  function merge(target, extra) {
    Object.keys(extra).forEach(function (key) {
      var parts = key.split("."), node = target;
      for (var i = 0; i < parts.length - 1; i++) node = node[parts[i]] = node[parts[i]] || {};
      node[parts[parts.length - 1]] = extra[key];
    });
    return target;
  }

  var PLOT_CONFIG = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["sendDataToCloud", "select2d", "lasso2d"] };

  // The figure travels in the page, or (when too big for a page) in charts/<id>.json beside it.
  function loadFigure(el) {
    var src = el.getAttribute("data-orbit-figure-src");
    if (!src) return Promise.resolve(JSON.parse(el.getAttribute("data-orbit-figure")));
    return fetch(src).then(function (response) {
      if (!response.ok) throw new Error("The chart's data did not load");
      return response.json();
    });
  }

  function renderChart(Plotly, el) {
    if (el.dataset.orbitRendered) return;
    el.dataset.orbitRendered = "pending";
    loadFigure(el).then(function (figure) {
      var layout = merge(figure.layout || {}, themeLayout());
      el.textContent = "";
      return Plotly.newPlot(el, figure.data, layout, PLOT_CONFIG);
    }).then(function () {
      el.dataset.orbitRendered = "true";
    }).catch(function (error) {
      el.setAttribute("data-orbit-error", error.message);
    });
  }

  // Draw every chart of the page; the bundle is requested only if there is one.
  function renderCharts() {
    var charts = document.querySelectorAll("[data-orbit-figure], [data-orbit-figure-src]");
    if (!charts.length) return;
    loadPlotly().then(function (Plotly) {
      charts.forEach(function (el) { renderChart(Plotly, el); });
    }).catch(function (error) {
      charts.forEach(function (el) { el.setAttribute("data-orbit-error", error.message); });
    });
  }

  function restyleCharts() {
    if (!window.Plotly) return;
    var theme = themeLayout();
    document.querySelectorAll("[data-orbit-rendered]").forEach(function (el) {
      window.Plotly.relayout(el, theme);
    });
  }

  // Follow the palette toggle: Material sets data-md-color-scheme on <body>.
  new MutationObserver(restyleCharts).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"]
  });

  /* ---- comments ---------------------------------------------------------- */

  function initComments() {
    document.querySelectorAll("[data-orbit-controls]").forEach(function (controls) {
      if (controls.dataset.orbitReady) return;  // once per thread, however often document$ fires
      controls.dataset.orbitReady = "true";
      var section = controls.closest(".orbit-comments");
      var list = section.querySelector("[data-orbit-thread]");
      var sort = controls.querySelector("[data-orbit-sort]");
      var slider = controls.querySelector("[data-orbit-min-rating]");
      var shown = controls.querySelector("[data-orbit-min-rating-value]");
      var count = controls.querySelector("[data-orbit-count]");
      var items = Array.prototype.slice.call(list.querySelectorAll("li[id^=\"comment-\"]"));
      // Sort keys, read once from the markup: page order, date, rating (-1 when none), votes.
      items.forEach(function (item, order) {
        var rating = item.dataset.rating;
        item.orbitKey = {
          order: order, date: item.querySelector("time").dateTime,
          rating: rating === undefined ? -1 : Number(rating), votes: Number(item.dataset.votes || 0)
        };
      });
      function update() {
        sortThread(list, sort.value);
        var min = Number(slider.value), visible = 0;
        items.forEach(function (item) {
          var hidden = min > 0 && item.orbitKey.rating < min;
          item.hidden = hidden;
          if (!hidden && !item.parentElement.closest("li[hidden]")) visible++;
        });
        shown.textContent = String(min);
        count.textContent = "Showing " + visible + " of " + items.length;
      }
      sort.addEventListener("change", update);
      slider.addEventListener("input", update);
      controls.hidden = false;
      update();
    });
  }

  var ORDER = {
    oldest: function (a, b) { return a.order - b.order; },
    newest: function (a, b) { return b.date.localeCompare(a.date) || b.order - a.order; },
    rating: function (a, b) { return (b.rating - a.rating) || (b.votes - a.votes) || (a.order - b.order); }
  };

  // Sort each level of the thread on its own, so replies stay under their parent.
  function sortThread(list, how) {
    var compare = ORDER[how] || ORDER.oldest;
    var children = Array.prototype.filter.call(list.children, function (el) { return el.orbitKey; });
    children.sort(function (a, b) { return compare(a.orbitKey, b.orbitKey); }).forEach(function (el) {
      list.appendChild(el);
      var replies = el.querySelector(":scope > ol");
      if (replies) sortThread(replies, how);
    });
  }

  /* ---- sortable tables ----------------------------------------------------- */

  function initTables() {
    document.querySelectorAll("table[data-orbit-sortable]").forEach(function (table) {
      if (table.dataset.orbitReady) return;
      table.dataset.orbitReady = "true";
      table.querySelectorAll("thead th").forEach(function (th, column) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "orbit-sort";
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
        th.setAttribute("aria-sort", "none");
        button.addEventListener("click", function () { sortTable(table, th, column); });
      });
    });
  }

  function sortTable(table, th, column) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a.cells[column]), y = cellValue(b.cells[column]);
      // Cells without a value (data-sort="") go last whichever way the column is sorted.
      if (x === "" || y === "") return (x === "") - (y === "");
      var result = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
      return ascending ? result : -result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function cellValue(cell) {
    var raw = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    var number = Number(raw);
    return raw !== "" && !isNaN(number) ? number : raw;
  }

  /* ---- comment permalinks ----------------------------------------------------- */

  // A long thread lives on pages of its own: a link to one of its comments on the story page
  // (made before the thread moved, or by hand), or on another of its pages, goes on to the page
  // that shows it, found in the thread's map (comment id -> page, relative to its first page).
  function followMovedComment() {
    var hash = location.hash;
    var thread = document.querySelector("[data-orbit-comment-pages]");
    if (!thread || !/^#comment-[A-Za-z0-9_-]+$/.test(hash) || document.getElementById(hash.slice(1))) return;
    var map = new URL(thread.getAttribute("data-orbit-comment-pages"), location.href);
    fetch(map).then(function (response) { return response.json(); }).then(function (pages) {
      var page = pages[hash.slice("#comment-".length)];
      if (typeof page === "string") location.replace(new URL(page, map).href + hash);
    }).catch(function () { /* an unknown comment: stay on this page */ });
  }

  /* ---- every page view ----------------------------------------------------- */

  function onPage() {
    followMovedComment();
    renderCharts();
    initComments();
    initTables();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
