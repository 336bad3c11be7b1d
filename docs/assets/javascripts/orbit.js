/* Orbit Explainer: charts, previews of linked entries, comment controls, sortable tables and
 * accessibility fixes of the theme's markup, on every page view.
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

  // No "Share chart" button: it would upload the figure to Plotly's cloud, a third-party host.
  var PLOT_CONFIG = { responsive: true, displaylogo: false, showSendToCloud: false, modeBarButtonsToRemove: ["sendDataToCloud", "sendChartToCloud", "select2d", "lasso2d"] };

  // The figure travels in the page, or (when too big for a page) in charts/<id>.json beside it;
  // kept on the element once read, for the preview, a palette change and Plotly alike.
  function loadFigure(el) {
    if (el.orbitFigure) return Promise.resolve(el.orbitFigure);
    var src = el.getAttribute("data-orbit-figure-src");
    var read = src ? fetch(src).then(function (response) {
      if (!response.ok) throw new Error("The chart's data did not load");
      return response.json();
    }) : Promise.resolve(JSON.parse(el.getAttribute("data-orbit-figure")));
    return read.then(function (figure) { el.orbitFigure = figure; return figure; });
  }

  // Returns a promise of the drawn chart.
  function renderChart(Plotly, el) {
    if (el.dataset.orbitRendered) return Promise.resolve(el);
    el.dataset.orbitRendered = "pending";
    return loadFigure(el).then(function (figure) {
      var layout = merge(figure.layout || {}, themeLayout());
      el.textContent = "";
      delete el.dataset.orbitPreview;
      return Plotly.newPlot(el, figure.data, layout, PLOT_CONFIG);
    }).then(function () {
      describeChart(el);
      el.dataset.orbitRendered = "true";
      return el;
    });
  }

  // Drawn, the plot holds Plotly's toolbar buttons, which an "img" may not contain: it becomes
  // a named group, and Plotly's SVG (tick labels read one by one) is hidden from screen readers,
  // who have the caption and the data table.
  function describeChart(el) {
    el.setAttribute("role", "group");
    el.setAttribute("aria-roledescription", "chart");
    el.querySelectorAll(".main-svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); });
  }

  // Every chart of the page as a light preview, each made interactive when a reader reaches for
  // it: the mouse enters it, a finger touches it, or the keyboard presses its "explore" button.
  function renderCharts() {
    document.querySelectorAll("[data-orbit-figure], [data-orbit-figure-src]").forEach(function (el) {
      if (el.dataset.orbitRendered || el.dataset.orbitPreview || el.orbitPending) return;
      el.orbitPending = true;  // document$ may fire again while the figure loads
      loadFigure(el).then(function (figure) {
        try {
          drawPreview(el, figure);
        } catch (error) {  // a figure the preview cannot read (such as typed arrays): Plotly at once
          upgradeChart(el, false);
          return;
        }
        offerPlotly(el);
      }).catch(function (error) {
        el.setAttribute("data-orbit-error", error.message);
      });
    });
  }

  function offerPlotly(el) {
    var wake = function () { upgradeChart(el, false); };
    el.addEventListener("pointerenter", wake, { once: true });
    el.addEventListener("pointerdown", wake, { once: true });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "orbit-chart__explore";
    button.textContent = "Explore the chart: values, zoom and download";
    button.addEventListener("click", function () { upgradeChart(el, true); });
    el.insertAdjacentElement("afterend", button);
  }

  // Plotly replaces the preview (the bundle is requested the first time); a keyboard reader
  // lands on the chart's toolbar.
  function upgradeChart(el, focus) {
    return loadPlotly().then(function (Plotly) { return renderChart(Plotly, el); }).then(function () {
      var button = el.nextElementSibling;
      if (button && button.classList.contains("orbit-chart__explore")) button.remove();
      var first = el.querySelector(".modebar-btn");
      if (focus && first) first.focus();
    }).catch(function (error) {
      el.setAttribute("data-orbit-error", error.message);
    });
  }

  function restyleCharts() {
    document.querySelectorAll("[data-orbit-preview]").forEach(function (el) {
      if (el.orbitFigure) drawPreview(el, el.orbitFigure);
    });
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

  // Previews are drawn to the width of their box: redraw them when it changes.
  var resizeTimer = 0;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { document.querySelectorAll("[data-orbit-preview]").forEach(drawPreview); }, 150);
  });

  /* ---- light chart previews ------------------------------------------------------ */

  // Plotly costs a phone about a second of blocked main thread (its parse and first draw), so
  // each chart first appears as a light SVG drawn here from the same figure: same size, axes,
  // bars, markers and legend. Plotly (hover values, zoom, download) replaces it when a reader
  // points at, touches or asks for the chart, and only then is its bundle requested.
  var SVG_NS = "http://www.w3.org/2000/svg";
  var COLORWAY = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  var FONT = 12;

  function svgEl(name, attrs, text) {
    var el = document.createElementNS(SVG_NS, name);
    Object.keys(attrs).forEach(function (key) { el.setAttribute(key, attrs[key]); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // Which axis holds categories (the layout says so), which holds values, and its kind.
  function chartAxes(figure) {
    var layout = figure.layout, catKey = (layout.yaxis || {}).type === "category" ? "y" : "x";
    var valKey = catKey === "x" ? "y" : "x", cat = layout[catKey + "axis"] || {}, val = layout[valKey + "axis"] || {};
    var names = cat.categoryarray ? cat.categoryarray.slice() : [];
    figure.data.forEach(function (trace) {
      (trace[catKey] || []).forEach(function (name) { if (names.indexOf(name) < 0) names.push(name); });
    });
    return { cat: catKey, val: valKey, names: names, date: val.type === "date", range: val.range,
             reversed: cat.autorange === "reversed", catTitle: titleOf(cat), valTitle: titleOf(val) };
  }

  function titleOf(axis) { return axis.title && axis.title.text ? axis.title.text : ""; }

  // Every value as a number (dates as milliseconds); bars span [base, base + value].
  function spans(figure, axes) {
    var out = [];
    figure.data.forEach(function (trace, index) {
      if (!Array.isArray(trace[axes.val]) || !Array.isArray(trace[axes.cat])) throw new Error("values not in plain arrays");
      trace[axes.val].forEach(function (raw, i) {
        var base = trace.base ? toNumber(trace.base[i], axes.date) : (axes.date ? null : 0);
        var value = toNumber(raw, axes.date && !trace.base);
        var start = trace.type === "bar" ? base : value, end = trace.type === "bar" ? base + value : value;
        out.push({ trace: index, cat: trace[axes.cat][i], start: start, end: end, bar: trace.type === "bar" });
      });
    });
    return out;
  }

  function toNumber(raw, isDate) { return isDate ? Date.parse(raw) : Number(raw); }

  // Round ticks: steps of 1, 2 or 5 times a power of ten (whole years on a date axis).
  function ticks(lo, hi, isDate) {
    if (isDate) {
      var y0 = new Date(lo).getUTCFullYear(), y1 = new Date(hi).getUTCFullYear() + 1, step = niceStep((y1 - y0) / 8);
      var years = [];
      for (var y = Math.ceil(y0 / step) * step; y <= y1; y += step) years.push(y);
      return years.map(function (year) { return { at: Date.UTC(year, 0, 1), label: String(year) }; })
        .filter(function (tick) { return tick.at >= lo && tick.at <= hi; });
    }
    var size = niceStep((hi - lo) / 5), out = [];
    for (var v = Math.ceil(lo / size) * size; v <= hi + size / 1e6; v += size) out.push({ at: v, label: String(+v.toFixed(6)) });
    return out;
  }

  function niceStep(rough) {
    var power = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-9)))), unit = rough / power;
    return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
  }

  function valueRange(items, axes) {
    if (axes.range) return axes.range.slice();
    var lo = Math.min.apply(null, items.map(function (s) { return Math.min(s.start, s.end); }));
    var hi = Math.max.apply(null, items.map(function (s) { return Math.max(s.start, s.end); }));
    if (axes.date) { var pad = (hi - lo) * 0.05 || 864e5; return [lo - pad, hi + pad]; }
    lo = Math.min(0, lo);
    return [lo, hi + (hi - lo) * 0.05 || 1];
  }

  function textWidth(text) {
    var ctx = textWidth.ctx || (textWidth.ctx = document.createElement("canvas").getContext("2d"));
    ctx.font = FONT + "px " + getComputedStyle(document.body).getPropertyValue("--md-text-font-family");
    return ctx.measureText(text).width;
  }

  // The plot area inside the SVG: room for tick labels, axis titles and the legend.
  function plotBox(figure, axes, width, height, valTicks) {
    var layout = figure.layout, margin = layout.margin || {}, legend = layout.showlegend ? 24 : 0;
    var catLabels = axes.names.map(textWidth), valLabels = valTicks.map(function (t) { return textWidth(t.label); });
    var leftLabels = axes.cat === "y" ? catLabels : valLabels;
    var left = (margin.l || 8) + Math.max.apply(null, leftLabels.concat([0])) + 8 + ((axes.cat === "y" ? axes.catTitle : axes.valTitle) ? FONT + 10 : 0);
    var bottom = (margin.b || 8) + FONT + 8 + ((axes.cat === "x" ? axes.catTitle : axes.valTitle) ? FONT + 10 : 0);
    var top = Math.max(margin.t || 16, legend + 8);
    return { left: left, top: top, width: Math.max(40, width - left - (margin.r || 8)), height: Math.max(40, height - top - bottom),
             labels: Math.max.apply(null, leftLabels.concat([0])) };
  }

  function drawPreview(el, figure) {
    var axes = chartAxes(figure);
    var items = spans(figure, axes), range = valueRange(items, axes), valTicks = ticks(range[0], range[1], axes.date);
    var width = el.clientWidth || 600, height = figure.layout.height || 400;
    var box = plotBox(figure, axes, width, height, valTicks), theme = themeLayout();
    var svg = svgEl("svg", { class: "orbit-chart__preview", width: width, height: height, viewBox: "0 0 " + width + " " + height,
                             "aria-hidden": "true", "font-size": FONT, fill: theme["font.color"], "font-family": theme["font.family"] });
    var scale = function (v) { return (v - range[0]) / (range[1] - range[0]); };
    var place = placement(axes, box, scale);
    drawGrid(svg, valTicks, place, box, theme);
    drawCategories(svg, axes, place, box);
    drawTraces(svg, figure, axes, items, place);
    drawTitles(svg, axes, box, width, height);
    if (figure.layout.showlegend) drawLegend(svg, figure, box);
    el.textContent = "";
    el.appendChild(svg);
    el.dataset.orbitPreview = "true";
  }

  // Screen positions: `v(value)` along the value axis, `c(index)` the centre of a category
  // slot, `slot` its length; x and y swap for horizontal charts.
  function placement(axes, box, scale) {
    var n = Math.max(1, axes.names.length), horizontal = axes.cat === "y";
    var slot = (horizontal ? box.height : box.width) / n;
    return {
      horizontal: horizontal, slot: slot,
      v: function (value) { return horizontal ? box.left + scale(value) * box.width : box.top + box.height - scale(value) * box.height; },
      c: function (i) {
        var k = horizontal ? (axes.reversed ? i : n - 1 - i) : i;
        return (horizontal ? box.top : box.left) + (k + 0.5) * slot;
      }
    };
  }

  function drawGrid(svg, valTicks, place, box, theme) {
    valTicks.forEach(function (tick) {
      var p = place.v(tick.at);
      var line = place.horizontal ? { x1: p, x2: p, y1: box.top, y2: box.top + box.height } : { x1: box.left, x2: box.left + box.width, y1: p, y2: p };
      line.stroke = theme["xaxis.gridcolor"];
      svg.appendChild(svgEl("line", line));
      svg.appendChild(place.horizontal
        ? svgEl("text", { x: p, y: box.top + box.height + FONT + 4, "text-anchor": "middle" }, tick.label)
        : svgEl("text", { x: box.left - 6, y: p + FONT / 3, "text-anchor": "end" }, tick.label));
    });
  }

  function drawCategories(svg, axes, place, box) {
    axes.names.forEach(function (name, i) {
      var c = place.c(i);
      svg.appendChild(place.horizontal
        ? svgEl("text", { x: box.left - 6, y: c + FONT / 3, "text-anchor": "end" }, name)
        : svgEl("text", { x: c, y: box.top + box.height + FONT + 4, "text-anchor": "middle" }, name));
    });
  }

  // Bars side by side in groups (barmode "group") or on top of each other ("overlay");
  // scatter traces as markers.
  function drawTraces(svg, figure, axes, items, place) {
    var grouped = figure.layout.barmode === "group", bars = figure.data.filter(function (t) { return t.type === "bar"; }).length;
    items.forEach(function (item) {
      var trace = figure.data[item.trace], color = traceColor(trace, item.trace), centre = place.c(axes.names.indexOf(item.cat));
      if (item.bar) {
        var thick = place.slot * 0.8 / (grouped ? bars : 1), offset = grouped ? (item.trace - (bars - 1) / 2) * thick : 0;
        var a = place.v(item.start), b = place.v(item.end), across = centre + offset - thick / 2;
        var rect = place.horizontal
          ? { class: "orbit-chart__mark", x: Math.min(a, b), y: across, width: Math.abs(b - a), height: thick, fill: color }
          : { class: "orbit-chart__mark", x: across, y: Math.min(a, b), width: thick, height: Math.abs(b - a), fill: color };
        svg.appendChild(svgEl("rect", outlined(rect, trace)));
      } else {
        var at = place.v(item.start);
        svg.appendChild(marker(trace, place.horizontal ? at : centre, place.horizontal ? centre : at, color));
      }
    });
  }

  function outlined(attrs, trace) {
    var line = trace.marker && trace.marker.line;
    if (line && line.width && line.color) { attrs.stroke = line.color; attrs["stroke-width"] = line.width; }
    return attrs;
  }

  // A circle, or a diamond where the trace asks for one.
  function marker(trace, x, y, color) {
    var spec = trace.marker || {}, r = (spec.size || 8) / 2, attrs = { class: "orbit-chart__mark", fill: color, "fill-opacity": spec.opacity || 1 };
    if (spec.symbol !== "diamond") return svgEl("circle", Object.assign(attrs, { cx: x, cy: y, r: r }));
    attrs.points = [[x, y - r * 1.2], [x + r * 1.2, y], [x, y + r * 1.2], [x - r * 1.2, y]].join(" ");
    return svgEl("polygon", attrs);
  }

  function traceColor(trace, index) {
    var color = trace.marker && trace.marker.color;
    return typeof color === "string" ? color : COLORWAY[index % COLORWAY.length];
  }

  function drawTitles(svg, axes, box, width, height) {
    var xTitle = axes.cat === "x" ? axes.catTitle : axes.valTitle, yTitle = axes.cat === "y" ? axes.catTitle : axes.valTitle;
    if (xTitle) svg.appendChild(svgEl("text", { x: box.left + box.width / 2, y: height - 6, "text-anchor": "middle" }, xTitle));
    var yAt = Math.max(FONT, box.left - box.labels - 14);
    if (yTitle) svg.appendChild(svgEl("text", { x: 0, y: 0, "text-anchor": "middle", transform: "translate(" + yAt + "," + (box.top + box.height / 2) + ") rotate(-90)" }, yTitle));
  }

  function drawLegend(svg, figure, box) {
    var x = box.left;
    figure.data.forEach(function (trace, index) {
      if (!trace.name) return;
      svg.appendChild(svgEl("rect", { x: x, y: box.top - 22, width: 12, height: 12, fill: traceColor(trace, index) }));
      svg.appendChild(svgEl("text", { x: x + 16, y: box.top - 12 }, trace.name));
      x += 32 + textWidth(trace.name);
    });
  }


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
      function update(event) {
        // At load the thread is already in page order: not moved unless another order is chosen.
        if (event || sort.value !== "oldest") sortThread(list, sort.value);
        var min = Number(slider.value), visible = 0;
        items.forEach(function (item) {
          var hidden = min > 0 && item.orbitKey.rating < min;
          item.hidden = hidden;
          if (!hidden && !item.parentElement.closest("li[hidden]")) visible++;
        });
        shown.textContent = String(min);
        slider.setAttribute("aria-valuetext", min > 0 ? min + " or more out of 5" : "any rating");
        count.textContent = "Showing " + visible + " of " + items.length;
      }
      // Screen readers: the slider speaks its value as words (the <output> beside it only
      // repeats it for the eye), and the count is a status region, read out when it changes.
      shown.setAttribute("aria-hidden", "true");
      count.setAttribute("role", "status");
      count.setAttribute("aria-atomic", "true");
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

  /* ---- the theme's markup, made accessible ------------------------------------ */

  // Material's search is a dialog without a name; label it as its input is labelled.
  function labelSearch() {
    var search = document.querySelector(".md-search[role=dialog]");
    var input = search && search.querySelector(".md-search__input");
    if (search && input && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", input.getAttribute("aria-label") || "Search");
  }

  // With navigation.indexes, a section's nav is labelled by its toggle, which holds only an
  // icon: every section nav is then nameless. The toggle gets the section's title as text for
  // screen readers (not aria-label, which a <label> may not carry; and the nav keeps its
  // aria-labelledby, by which Material finds it).
  function labelNavs() {
    document.querySelectorAll(".md-nav[aria-labelledby]").forEach(function (nav) {
      var toggle = document.getElementById(nav.getAttribute("aria-labelledby"));
      var title = nav.querySelector(":scope > .md-nav__title");
      if (!toggle || !title || toggle.textContent.trim()) return;
      var text = document.createElement("span");
      text.className = "orbit-visually-hidden";
      text.textContent = title.textContent.trim();
      toggle.appendChild(text);
    });
  }

  // The progress bar (overrides/partials/progress.html) is hidden from assistive technology
  // while idle; while a page loads it is shown with its value.
  function watchProgress() {
    var bar = document.querySelector(".md-progress[role=progressbar]");
    if (!bar) return;
    new MutationObserver(function () {
      var value = parseFloat(bar.style.getPropertyValue("--md-progress-value"));
      var loading = value > 0 && value < 100;
      bar.setAttribute("aria-hidden", String(!loading));
      if (loading) bar.setAttribute("aria-valuenow", String(Math.round(value)));
      else bar.removeAttribute("aria-valuenow");
    }).observe(bar, { attributes: true, attributeFilter: ["style"] });
  }

  /* ---- previews of linked terms, agencies and people ------------------------------ */

  // A linked name (a.orbit-term) shows its entry's short text in a popover: on mouse hover,
  // on keyboard focus, and on the first tap of a finger or pen (the second tap, or the
  // popover's link, opens the entry). Escape closes it. Screen readers hear the text as the
  // link's description, and a tap also announces it in a status region.
  var KINDS = { glossary: ["Glossary", "Open the glossary entry"], agencies: ["Agency", "Open the agency profile"], people: ["Person", "Open the profile"] };
  var preview = { box: null, owner: null, wanted: null, tapped: null, timer: 0 };
  var previewTexts = {};  // preview.json address -> promise of its text, kept for the visit

  function previewParts() {
    var content = document.querySelector(".md-content");
    if (preview.box && content && content.contains(preview.box)) return preview;
    var box = document.createElement("div");
    box.className = "orbit-preview";
    box.id = "orbit-preview";
    box.hidden = true;
    [["p", "orbit-preview__kind"], ["p", "orbit-preview__text"], ["a", "orbit-preview__link"]].forEach(function (part) {
      var el = document.createElement(part[0]);
      el.className = part[1];
      box.appendChild(el);
    });
    box.querySelector(".orbit-preview__text").id = "orbit-preview-text";
    var status = document.createElement("div");
    status.className = "orbit-preview__status orbit-visually-hidden";
    status.setAttribute("role", "status");
    // Inside the main landmark (.md-content), which instant navigation replaces with the page.
    content.append(box, status);
    preview.box = box;
    preview.status = status;
    return preview;
  }

  // The text of a link's entry, published beside the entry's page (glossary/<id>/preview.json)
  // rather than in every page that links it. Requested when a pointer reaches the link or a finger
  // touches it (before the hover pause or the click), or on focus; once per entry and visit.
  function textFor(link) {
    var url = new URL("preview.json", link.href.split("#")[0]).href;
    if (!previewTexts[url]) {
      previewTexts[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      }).then(function (entry) { return entry.text || ""; }, function () {
        delete previewTexts[url];  // asked again next time
        return "";
      });
    }
    return previewTexts[url];
  }

  // Open the preview once its text is there, unless the reader has moved on meanwhile.
  function requestPreview(link, how) {
    preview.wanted = link;
    textFor(link).then(function (text) {
      if (preview.wanted === link) openPreview(link, how, text);
    });
  }

  function kindOf(link) {
    var match = /\/(glossary|agencies|people)\/[^/]+\/?$/.exec(new URL(link.href, location.href).pathname);
    return KINDS[match ? match[1] : "glossary"];
  }

  function openPreview(link, how, tip) {
    if (!tip) return;
    var parts = previewParts(), box = parts.box, kind = kindOf(link);
    if (preview.owner && preview.owner !== link) closePreview();
    box.querySelector(".orbit-preview__kind").textContent = kind[0];
    box.querySelector(".orbit-preview__text").textContent = tip;
    var entry = box.querySelector(".orbit-preview__link");
    entry.href = link.href;
    entry.textContent = kind[1] + " \u2192";
    box.hidden = false;
    placePreview(box, link);
    preview.owner = link;
    link.setAttribute("aria-describedby", "orbit-preview-text");
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", "orbit-preview");
    if (how === "tap") parts.status.textContent = tip;
  }

  function closePreview() {
    clearTimeout(preview.timer);
    preview.wanted = null;
    if (!preview.owner) return;
    ["aria-describedby", "aria-controls"].forEach(function (name) { preview.owner.removeAttribute(name); });
    preview.owner.setAttribute("aria-expanded", "false");
    preview.owner = null;
    preview.tapped = null;
    if (preview.box) preview.box.hidden = true;
    if (preview.status) preview.status.textContent = "";
  }

  // Below the link (above it when there is no room), kept inside the viewport. The box is
  // absolutely positioned over the page: opening it moves nothing (no layout shift).
  function placePreview(box, link) {
    var rects = link.getClientRects(), rect = rects[rects.length - 1] || link.getBoundingClientRect();
    var origin = box.offsetParent ? box.offsetParent.getBoundingClientRect() : { left: -scrollX, top: -scrollY };
    var width = box.offsetWidth, height = box.offsetHeight, gap = 6;
    var left = Math.min(Math.max(8, rect.left), document.documentElement.clientWidth - width - 8);
    var top = rect.bottom + gap;
    if (top + height > window.innerHeight && rect.top - gap - height > 0) top = rect.top - gap - height;
    box.style.left = (left - origin.left) + "px";
    box.style.top = (top - origin.top) + "px";
  }

  function termLink(target) {
    return target && target.closest ? target.closest("a.orbit-term") : null;
  }

  function inPreview(target) {
    return !!(preview.box && target && preview.box.contains(target));
  }

  function initPreviews() {
    // A finger or pen: remember it, so that the click that follows opens the preview first.
    document.addEventListener("pointerdown", function (event) {
      var link = termLink(event.target);
      preview.tapped = link && event.pointerType !== "mouse" ? link : null;
      if (preview.tapped) textFor(link);
      if (!link && !inPreview(event.target)) closePreview();
    }, true);
    document.addEventListener("click", function (event) {
      var link = termLink(event.target);
      if (!link || link !== preview.tapped) return;
      preview.tapped = null;
      if (preview.owner === link && !preview.box.hidden) return;  // second tap: follow the link
      // Stopped here (capture phase), before Material's instant navigation sees the click.
      event.preventDefault();
      event.stopPropagation();
      requestPreview(link, "tap");
    }, true);
    // Mouse hover, after a short pause so that passing over a link shows nothing.
    document.addEventListener("pointerover", function (event) {
      if (event.pointerType !== "mouse") return;
      var link = termLink(event.target);
      clearTimeout(preview.timer);
      if (link) textFor(link);
      if (link && link !== preview.owner) preview.timer = setTimeout(function () { requestPreview(link, "hover"); }, 250);
    });
    document.addEventListener("pointerout", function (event) {
      if (event.pointerType !== "mouse") return;
      var to = event.relatedTarget;
      // Left a link whose text is still on its way: it does not open after all.
      var from = termLink(event.target);
      if (from && from === preview.wanted && from !== preview.owner && termLink(to) !== from) preview.wanted = null;
      if (!preview.owner) return;
      if (termLink(to) === preview.owner || inPreview(to)) return;
      clearTimeout(preview.timer);
      preview.timer = setTimeout(closePreview, 300);
    });
    // Keyboard focus (not the focus a click or tap gives a link).
    document.addEventListener("focusin", function (event) {
      var link = termLink(event.target);
      if (link && link.matches(":focus-visible")) requestPreview(link, "focus");
      else if (!link && !inPreview(event.target)) closePreview();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      preview.wanted = null;  // a preview whose text is still on its way stays shut
      if (!preview.owner) return;
      var owner = preview.owner, inside = inPreview(document.activeElement);
      closePreview();
      if (inside) owner.focus();
    });
    window.addEventListener("resize", closePreview);
  }

  /* ---- print ------------------------------------------------------------------- */

  // A story prints as an article: editors' notes (collapsed admonitions) print open.
  function openDetailsForPrint() {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.setAttribute("open", "");
      details.dataset.orbitPrintOpened = "true";
    });
  }

  // Printed source links show their address after their text; links within the site (which
  // Material's instant navigation rewrites to absolute addresses) and links whose text is
  // already the address do not.
  function markPrintedUrls() {
    document.querySelectorAll(".md-typeset a[href^='http']").forEach(function (link) {
      var text = link.textContent.trim().replace(/\/$/, "");
      if (link.host === location.host || text === link.href.replace(/\/$/, "")) link.classList.add("orbit-no-print-url");
    });
  }

  function restoreDetailsAfterPrint() {
    document.querySelectorAll("details[data-orbit-print-opened]").forEach(function (details) {
      details.removeAttribute("open");
      delete details.dataset.orbitPrintOpened;
    });
  }

  /* ---- claims: checked quotes open their note in place (issue 13) ---------------------
   * The page marks each checked quote (span#claim-<id>) and follows it with
   * <sup data-orbit-claim="<id>"><a href="#note-<id>">, its numbered note (li#note-<id>) sitting
   * in the "Notes" list at the end: that is what readers without JavaScript, and printers, get.
   * Here the link becomes a disclosure button (aria-expanded, aria-controls) that shows a copy
   * of the note in a panel under the paragraph; a click or tap on the quote does the same. */

  // The panel is made empty at load and filled with its copy of the note when first opened: the
  // notes are not in the page twice (on the story, about a thousand elements fewer to style at load).
  function claimPanel(ref, id) {
    var panel = document.createElement("div");
    var kind = Array.prototype.filter.call(ref.classList, function (c) { return c.indexOf("orbit-kind--") === 0; });
    panel.className = ["orbit-claim-panel"].concat(kind).join(" ");
    panel.id = "claim-panel-" + id;
    panel.hidden = true;
    return panel;
  }

  function fillClaimPanel(panel, note) {
    Array.prototype.forEach.call(note.children, function (child) {
      if (!child.classList.contains("orbit-note__quote")) panel.appendChild(child.cloneNode(true));  // the quote is just above
    });
    var next = panel.querySelector(".orbit-note__next");
    if (next) next.replaceWith(claimOutcomes(next));
    // A copy must not repeat the ids of the note (its linked terms carry some).
    panel.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    var head = panel.firstElementChild;
    panel.setAttribute("role", "region");
    if (head) { head.id = panel.id + "-head"; panel.setAttribute("aria-labelledby", head.id); }
    var close = document.createElement("button");
    close.type = "button";
    close.className = "orbit-claim-panel__close";
    close.textContent = "Close note";
    panel.appendChild(close);
    return close;
  }

  // The note links its claim's outcomes under "What happened next"; the panel shows their lines.
  function claimOutcomes(links) {
    var box = document.createElement("div");
    box.className = "orbit-note__next";
    var title = document.createElement("p");
    title.appendChild(links.querySelector("b").cloneNode(true));
    var list = document.createElement("ul");
    // Material's instant navigation may have made the links absolute: find the item by the hash.
    links.querySelectorAll('a[href*="#next-"]').forEach(function (link) {
      var item = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      var line = item && item.querySelector("p");
      var entry = document.createElement("li");
      entry.appendChild(link.cloneNode(true));
      if (line) {
        var text = line.cloneNode(true);
        text.removeChild(text.querySelector("time"));
        if (text.firstChild && text.firstChild.nodeType === 3) text.firstChild.nodeValue = text.firstChild.nodeValue.replace(/^\s+/, "");
        entry.appendChild(document.createTextNode(": "));
        while (text.firstChild) entry.appendChild(text.firstChild);
      }
      list.appendChild(entry);
    });
    box.appendChild(title);
    box.appendChild(list);
    return box;
  }

  // Panels go under the paragraph, in the order of their quotes.
  function placePanel(paragraph, panel) {
    var last = paragraph;
    while (last.nextElementSibling && last.nextElementSibling.classList.contains("orbit-claim-panel")) {
      last = last.nextElementSibling;
    }
    last.insertAdjacentElement("afterend", panel);
  }

  function setClaimOpen(button, panel, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.hidden = !open;
  }

  function initClaim(ref) {
    var id = ref.getAttribute("data-orbit-claim");
    var link = ref.querySelector("a");
    var note = document.getElementById("note-" + id);
    var quote = document.getElementById("claim-" + id);
    var paragraph = ref.closest("p");
    if (!link || !note || !paragraph) return;
    var panel = claimPanel(ref, id);
    placePanel(paragraph, panel);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "orbit-claim__toggle";
    button.setAttribute("aria-controls", panel.id);
    while (link.firstChild) button.appendChild(link.firstChild);
    link.replaceWith(button);
    setClaimOpen(button, panel, false);
    function close() { setClaimOpen(button, panel, false); button.focus(); }
    function toggle() {
      if (!panel.firstChild) fillClaimPanel(panel, note).addEventListener("click", close);
      setClaimOpen(button, panel, panel.hidden);
    }
    button.addEventListener("click", toggle);
    panel.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
    if (quote) {
      quote.classList.add("orbit-claim--ready");
      quote.addEventListener("click", function (event) {
        // Links inside the quote (linked terms) keep their own job, and so does selecting its text.
        if (event.target.closest("a, button") || String(window.getSelection() || "")) return;
        toggle();
      });
    }
  }

  function initClaims() {
    document.querySelectorAll("sup[data-orbit-claim]").forEach(function (ref) {
      if (ref.dataset.orbitReady) return;  // once per quote, however often document$ fires
      ref.dataset.orbitReady = "true";
      initClaim(ref);
    });
    openClaimFromHash();
  }

  // A link to a quote (#claim-<id>, as on the pages of terms, agencies and people) opens its note.
  function openClaimFromHash() {
    var match = /^#claim-([a-z0-9-]+)$/.exec(location.hash);
    var button = match && document.querySelector('button[aria-controls="claim-panel-' + match[1] + '"]');
    if (button && button.getAttribute("aria-expanded") !== "true") button.click();
  }

  window.addEventListener("hashchange", openClaimFromHash);

  /* ---- every page view ----------------------------------------------------- */

  function onPage() {
    closePreview();
    followMovedComment();
    labelNavs();
    renderCharts();
    initComments();
    initTables();
    markPrintedUrls();
    initClaims();
  }

  // Once per document: listeners on the document and the theme's parts that instant
  // navigation keeps (search, progress bar).
  labelSearch();
  watchProgress();
  initPreviews();
  window.addEventListener("beforeprint", openDetailsForPrint);
  window.addEventListener("afterprint", restoreDetailsAfterPrint);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
