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

  /* ---- claims: checked quotes open their note in place (issue 13) ---------------------
   * The page marks each checked quote (span#claim-<id>) and follows it with
   * <sup data-orbit-claim="<id>"><a href="#note-<id>">, its numbered note (li#note-<id>) sitting
   * in the "Notes" list at the end: that is what readers without JavaScript, and printers, get.
   * Here the link becomes a disclosure button (aria-expanded, aria-controls) that shows a copy
   * of the note in a panel under the paragraph; a click or tap on the quote does the same. */

  function claimPanel(note, ref, id) {
    var panel = document.createElement("div");
    var kind = Array.prototype.filter.call(ref.classList, function (c) { return c.indexOf("orbit-kind--") === 0; });
    panel.className = ["orbit-claim-panel"].concat(kind).join(" ");
    panel.id = "claim-panel-" + id;
    panel.hidden = true;
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
    return panel;
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
    var panel = claimPanel(note, ref, id);
    placePanel(paragraph, panel);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "orbit-claim__toggle";
    button.setAttribute("aria-controls", panel.id);
    while (link.firstChild) button.appendChild(link.firstChild);
    link.replaceWith(button);
    setClaimOpen(button, panel, false);
    function toggle() { setClaimOpen(button, panel, panel.hidden); }
    function close() { setClaimOpen(button, panel, false); button.focus(); }
    button.addEventListener("click", toggle);
    panel.querySelector(".orbit-claim-panel__close").addEventListener("click", close);
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
    followMovedComment();
    renderCharts();
    initComments();
    initTables();
    initClaims();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
