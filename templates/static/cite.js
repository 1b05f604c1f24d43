/* CCHC open data: citation boxes. Progressive enhancement only: without this script a
   citation is plain selectable text with a "[date]" to fill in. It adds
   - today's date where a citation says when it was accessed ([data-access-date]),
   - the absolute address of a sentence when the site's public URL is not configured,
   - a copy button under each citation (button[data-copy]).
   No library, no network request. */
(function () {
  "use strict";

  function today(lang) {
    var d = new Date();
    if (lang === "vi") { return d.getDate() + "/" + (d.getMonth() + 1) + "/" + d.getFullYear(); }
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  each("[data-access-date]", function (el) { el.textContent = today(el.getAttribute("data-lang")); });
  each(".cite-url[data-url]", function (el) {
    var url = new URL(el.getAttribute("data-url"), window.location.href);
    if (url.protocol === "http:" || url.protocol === "https:") {
      el.textContent = url.href;
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
  if (!navigator.clipboard) { return; }
  each("button[data-copy]", function (button) {
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
  });
}());
