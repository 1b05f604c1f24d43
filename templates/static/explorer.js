/* CCHC open data: in-page filtering and sorting of tables. Progressive enhancement only:
   every table and every facet page works without this script; it adds
   - the targets explorer's filters (form[data-explorer-for]), kept in the address (?place=…&year=…);
     on one page of a longer list they filter that page, and the counts stay the whole list's,
   - the compare page's filter by today's province (form[data-compare-filter]): it keeps the
     series whose place is part of that province today (data-today on legend items and table
     rows; a chart's series by data-series), and the charts that still have one,
   - sorting by a column (table[data-sortable] th[data-sort]),
   - a text filter on long tables (.table-filter[data-filter-for]),
   - the table of contents opened on wide screens (details.toc).
   No library, no network request. */
(function () {
  "use strict";

  function rowsOf(table) {
    return Array.prototype.slice.call(table.tBodies[0].rows);
  }

  /* Explorer: filter rows by their data-* attributes. */
  function explorer(form) {
    var table = document.getElementById(form.getAttribute("data-explorer-for"));
    if (!table) { return; }
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var shown = form.querySelector("[data-shown]");
    var none = document.querySelector("[data-none]");
    var template = form.getAttribute("data-shown-text") || "";
    var paged = form.hasAttribute("data-paged");

    function apply(updateAddress) {
      var wanted = {};
      selects.forEach(function (s) { if (s.value) { wanted[s.name] = s.value; } });
      var counts = { all: 0, "met": 0, "not-met-yet": 0, "no-data": 0 };
      rowsOf(table).forEach(function (row) {
        var ok = Object.keys(wanted).every(function (name) {
          var have = row.getAttribute("data-" + name) || "";
          return name === "place" ? have.split(" ").indexOf(wanted[name]) !== -1 : have === wanted[name];
        });
        row.hidden = !ok;
        if (ok) { counts.all += 1; counts[row.getAttribute("data-status")] += 1; }
      });
      if (!paged) {  /* on one page of a longer list, the counts stay those of the whole list */
        Object.keys(counts).forEach(function (key) {
          var el = document.querySelector('[data-count="' + key + '"]');
          if (el) { el.textContent = counts[key]; }
        });
      }
      if (shown) { shown.textContent = template.replace("{n}", counts.all); }
      if (none) { none.hidden = counts.all !== 0; }
      if (updateAddress && window.history && window.history.replaceState) {
        var query = Object.keys(wanted).map(function (k) {
          return encodeURIComponent(k) + "=" + encodeURIComponent(wanted[k]);
        }).join("&");
        window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      }
    }

    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      if (params.has(s.name)) { s.value = params.get(s.name); }
      s.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        selects.forEach(function (s) { s.value = ""; });
        apply(true);
      }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  /* Compare page: show only the series of places that are part of one province today. */
  function compareFilter(form) {
    var select = form.querySelector("select");
    var shown = form.querySelector("[data-shown]");
    var template = form.getAttribute("data-shown-text") || "{n}";
    var cells = Array.prototype.slice.call(document.querySelectorAll(".chart-cell"));

    function apply(updateAddress) {
      var wanted = select.value;
      var n = 0;
      cells.forEach(function (cell) {
        var keep = {};
        Array.prototype.forEach.call(cell.querySelectorAll("[data-today][data-series]"), function (el) {
          var ok = !wanted || el.getAttribute("data-today") === wanted;
          el.hidden = !ok;
          if (ok) { keep[el.getAttribute("data-series")] = true; }
        });
        Array.prototype.forEach.call(cell.querySelectorAll("svg g.series[data-series]"), function (g) {
          g.style.display = keep[g.getAttribute("data-series")] ? "" : "none";
        });
        cell.hidden = Object.keys(keep).length === 0;
        if (!cell.hidden) { n += 1; }
      });
      Array.prototype.forEach.call(document.querySelectorAll("section[aria-labelledby^='unit-']"), function (section) {
        section.hidden = !section.querySelector(".chart-cell:not([hidden])");
      });
      if (shown) { shown.textContent = wanted ? template.replace("{n}", n) : ""; }
      if (updateAddress && window.history && window.history.replaceState) {
        var query = wanted ? "?" + encodeURIComponent(select.name) + "=" + encodeURIComponent(wanted) : "";
        window.history.replaceState(null, "", window.location.pathname + query);
      }
    }

    var params = new URLSearchParams(window.location.search);
    if (params.has(select.name)) { select.value = params.get(select.name); }
    select.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  /* Sorting: a button in each sortable header; numbers sort by data-value. */
  function sortable(table) {
    var headers = Array.prototype.slice.call(table.querySelectorAll("th[data-sort]"));
    headers.forEach(function (th, column) {
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.getAttribute("data-sort") === "number";
        var rows = rowsOf(table);
        rows.sort(function (a, b) {
          var x = a.cells[index], y = b.cells[index];
          var p, q;
          if (numeric) {
            p = parseFloat(x.getAttribute("data-value") || x.textContent) || 0;
            q = parseFloat(y.getAttribute("data-value") || y.textContent) || 0;
            return ascending ? p - q : q - p;
          }
          p = x.textContent.trim(); q = y.textContent.trim();
          return ascending ? p.localeCompare(q, document.documentElement.lang) : q.localeCompare(p, document.documentElement.lang);
        });
        var body = table.tBodies[0];
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  /* A text filter over a long table's rows. */
  function textFilter(box) {
    var table = document.getElementById(box.getAttribute("data-filter-for"));
    var input = box.querySelector("input");
    var count = box.querySelector("[data-count]");
    if (!table || !input) { return; }
    var template = box.getAttribute("data-count-text") || "{n}";
    input.addEventListener("input", function () {
      var words = input.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var n = 0;
      rowsOf(table).forEach(function (row) {
        var text = row.textContent.toLocaleLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !ok;
        if (ok) { n += 1; }
      });
      if (count) { count.textContent = words.length ? template.replace("{n}", n) : ""; }
    });
    box.hidden = false;
  }

  function ready() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-explorer-for]"), explorer);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-compare-filter]"), compareFilter);
    Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), sortable);
    Array.prototype.forEach.call(document.querySelectorAll(".table-filter[data-filter-for]"), textFilter);
    var toc = document.querySelector("details.toc");
    if (toc && window.matchMedia && window.matchMedia("(min-width: 64rem)").matches) { toc.open = true; }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
}());
