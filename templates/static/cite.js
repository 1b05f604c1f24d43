/* CCHC open data: citation boxes. Progressive enhancement only: without this script a
   figure's row shows its quote and the link to its sentence. It adds
   - to each figure's row (td[data-figure]): a "Report an error" link and a "Cite this
     figure" box, built from the page's templates (template#cite-box, once a page;
     template.cite-doc, once per document cited), filled in when the box is opened,
   - today's date where a citation says when it was accessed ([data-access-date]),
   - the absolute address of a sentence when the site's public URL is not configured,
   - a copy button under each citation (button[data-copy]).
   No library, no network request. */
(function () {
  "use strict";

  /* targets/place/<id>/ moved to the place's page (issue 22) and keeps one page that says so;
     its year and page-number addresses have none, so a static host answers them with the 404
     page, from which the reader is sent on to the place's page. */
  var moved = /^(.*\/)targets\/place\/([^\/]+)\/(?:year|page)\//.exec(window.location.pathname);
  if (moved) {
    window.location.replace(moved[1] + "places/" + moved[2] + "/#targets");
    return;
  }

  function today(lang) {
    var d = new Date();
    if (lang === "vi") { return d.getDate() + "/" + (d.getMonth() + 1) + "/" + d.getFullYear(); }
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  /* The absolute address of `url`: the site's public one already, else made from this page's. */
  function absolute(url) {
    var made = new URL(url, window.location.href);
    return made.protocol === "http:" || made.protocol === "https:" ? made.href : url;
  }

  function fill(box, slot, text) {
    Array.prototype.forEach.call(box.querySelectorAll('[data-slot="' + slot + '"]'), function (el) { el.textContent = text; });
  }

  function copyButton(button) {
    if (!navigator.clipboard) { return; }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      navigator.clipboard.writeText(source.textContent.replace(/\s+/g, " ").trim()).then(function () {
        button.textContent = button.getAttribute("data-copied");
        window.setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  }

  /* A figure's box, filled in from its row and its document when first opened. */
  function citeBox(cell, id, doc, url) {
    var skeleton = document.getElementById("cite-box").content;
    var details = skeleton.querySelector("details.cite").cloneNode(true);
    details.addEventListener("toggle", function () {
      if (!details.open || details.hasAttribute("data-filled")) { return; }
      details.setAttribute("data-filled", "");
      var quote = cell.querySelector("q");
      fill(details, "quote", quote ? quote.textContent : "");
      fill(details, "figure", cell.getAttribute("data-figure"));
      var summary = details.querySelector('[data-slot="summary"]');
      if (summary && cell.hasAttribute("data-summary")) {
        var statement = cell.parentNode.querySelector("td.statement");
        fill(details, "statement", statement ? statement.firstChild.textContent.trim() : "");
      } else if (summary) {
        summary.remove();
      }
      ["document", "apa"].forEach(function (slot) {
        var part = doc.querySelector('[data-slot="' + slot + '"]');
        details.querySelector('[data-slot="' + slot + '"]').replaceWith(part.cloneNode(true));
      });
      var link = absolute(url);
      fill(details, "url", link);
      if (link !== url) {
        var note = details.querySelector(".cite-relative");
        if (note) { note.hidden = true; }
      }
      Array.prototype.forEach.call(details.querySelectorAll("[data-access-date]"), function (el) {
        el.textContent = today(el.getAttribute("data-lang"));
      });
      var texts = details.querySelectorAll(".cite-text"), buttons = details.querySelectorAll("button.copy");
      Array.prototype.forEach.call(texts, function (text, i) {
        text.id = text.getAttribute("data-part") + "-" + id;
        buttons[i].setAttribute("data-copy", text.id);
        copyButton(buttons[i]);
      });
    });
    return details;
  }

  /* "Report an error": the contact's link with this figure's id and sentence filled in. */
  function reportLink(id, url) {
    var link = document.getElementById("cite-box").content.querySelector("a.report-error").cloneNode(true);
    var keepSlash = link.getAttribute("data-url-safe") === "/";
    var encoded = encodeURIComponent(url);
    if (keepSlash) { encoded = encoded.replace(/%2F/g, "/"); }
    link.href = link.getAttribute("data-href").split("FIGURE-ID").join(encodeURIComponent(id))
      .split("FIGURE-URL").join(encoded);
    link.removeAttribute("data-href");
    link.removeAttribute("data-url-safe");
    return link;
  }

  if (document.getElementById("cite-box")) {
    var docs = {};
    each("template.cite-doc", function (t) { docs[t.getAttribute("data-doc")] = t; });
    each("td[data-figure]", function (cell) {
      var row = cell.closest("tr"), doc = docs[cell.getAttribute("data-doc")];
      if (!row || !doc) { return; }
      var url = doc.getAttribute("data-url") + "#q-" + row.id;
      var sentence = cell.querySelector('a[href$="#q-' + row.id + '"]');
      var report = reportLink(row.id, url);
      if (sentence) { sentence.after(" · ", report); } else { cell.append(report); }
      cell.append(citeBox(cell, row.id, doc.content, url));
    });
  }
  each("[data-access-date]", function (el) { el.textContent = today(el.getAttribute("data-lang")); });
  each(".cite-url[data-url]", function (el) {
    var url = absolute(el.getAttribute("data-url"));
    if (url !== el.getAttribute("data-url")) {
      el.textContent = url;
      var note = el.closest(".cite-box") && el.closest(".cite-box").querySelector(".cite-relative");
      if (note) { note.hidden = true; }
    }
  });
  /* The language switch keeps the page's query and filters (?place=…&year=…, ?q=…) and its anchor. */
  each("nav.languages a[hreflang]", function (link) {
    link.addEventListener("click", function () {
      var target = new URL(link.getAttribute("href"), window.location.href);
      target.search = window.location.search;
      target.hash = window.location.hash;
      link.setAttribute("href", target.href);
    });
  });
  each("button[data-copy]", copyButton);
}());
