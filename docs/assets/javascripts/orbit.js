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

  function renderChart(Plotly, el) {
    if (el.dataset.orbitRendered) return;
    el.dataset.orbitRendered = "pending";
    var figure = JSON.parse(el.getAttribute("data-orbit-figure"));
    var layout = merge(figure.layout || {}, themeLayout());
    el.textContent = "";
    Plotly.newPlot(el, figure.data, layout, PLOT_CONFIG).then(function () {
      describeChart(el);
      el.dataset.orbitRendered = "true";
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

  // Draw every chart of the page; the bundle is requested only if there is one.
  function renderCharts() {
    var charts = document.querySelectorAll("[data-orbit-figure]");
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

  // A long thread lives on its own page: a link to one of its comments on the story page
  // (made before the thread moved, or by hand) goes on to that page.
  function followMovedComment() {
    var hash = location.hash;
    var more = document.querySelector(".orbit-comments__more a");
    if (!more || !/^#comment-[A-Za-z0-9_-]+$/.test(hash) || document.getElementById(hash.slice(1))) return;
    location.replace(new URL(more.getAttribute("href"), location.href).href.split("#")[0] + hash);
  }

  /* ---- the theme's markup, made accessible ------------------------------------ */

  // Material's search is a dialog without a name; label it as its input is labelled.
  function labelSearch() {
    var search = document.querySelector(".md-search[role=dialog]");
    var input = search && search.querySelector(".md-search__input");
    if (search && input && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", input.getAttribute("aria-label") || "Search");
  }

  // With navigation.indexes, a section's nav is labelled by its toggle, which holds only an
  // icon: every section nav is then nameless. The toggle and the nav take the section's title.
  function labelNavs() {
    document.querySelectorAll(".md-nav[aria-labelledby]").forEach(function (nav) {
      var toggle = document.getElementById(nav.getAttribute("aria-labelledby"));
      var title = nav.querySelector(":scope > .md-nav__title");
      if (toggle && title && !toggle.textContent.trim() && !toggle.hasAttribute("aria-label")) {
        toggle.setAttribute("aria-label", title.textContent.trim());
      }
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
  var preview = { box: null, owner: null, tapped: null, timer: 0 };

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
    status.className = "orbit-visually-hidden";
    status.setAttribute("role", "status");
    // Inside the main landmark (.md-content), which instant navigation replaces with the page.
    content.append(box, status);
    preview.box = box;
    preview.status = status;
    return preview;
  }

  // The text of a link's entry: its own data-orbit-tip, or that of an earlier link to the
  // same entry (the linker writes the text once per entry and page).
  function tipFor(link) {
    if (link.dataset.orbitTip) return link.dataset.orbitTip;
    var same = Array.prototype.find.call(document.querySelectorAll("a.orbit-term[data-orbit-tip]"), function (other) {
      return other.href === link.href;
    });
    return same ? same.dataset.orbitTip : "";
  }

  function kindOf(link) {
    var match = /\/(glossary|agencies|people)\/[^/]+\/?$/.exec(new URL(link.href, location.href).pathname);
    return KINDS[match ? match[1] : "glossary"];
  }

  function openPreview(link, how) {
    var tip = tipFor(link);
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
      openPreview(link, "tap");
    }, true);
    // Mouse hover, after a short pause so that passing over a link shows nothing.
    document.addEventListener("pointerover", function (event) {
      if (event.pointerType !== "mouse") return;
      var link = termLink(event.target);
      clearTimeout(preview.timer);
      if (link && link !== preview.owner) preview.timer = setTimeout(function () { openPreview(link, "hover"); }, 250);
    });
    document.addEventListener("pointerout", function (event) {
      if (event.pointerType !== "mouse" || !preview.owner) return;
      var to = event.relatedTarget;
      if (termLink(to) === preview.owner || inPreview(to)) return;
      clearTimeout(preview.timer);
      preview.timer = setTimeout(closePreview, 300);
    });
    // Keyboard focus (not the focus a click or tap gives a link).
    document.addEventListener("focusin", function (event) {
      var link = termLink(event.target);
      if (link && link.matches(":focus-visible")) openPreview(link, "focus");
      else if (!link && !inPreview(event.target)) closePreview();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !preview.owner) return;
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

  /* ---- every page view ----------------------------------------------------- */

  function onPage() {
    closePreview();
    followMovedComment();
    labelNavs();
    renderCharts();
    initComments();
    initTables();
    markPrintedUrls();
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
