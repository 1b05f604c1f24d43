/* The review page: accept, edit or reject each proposed row, or start one from selected text.
   Served by `python build.py serve` at /_review/<id>/ only; every write carries the page's token. */
(function () {
  "use strict";
  var token = document.querySelector('meta[name="csrf-token"]').content;
  var announce = document.getElementById("announce");
  var current = null;
  var PENDING = ["new", "different"];

  function say(text) { announce.textContent = text; }
  function forms() { return Array.prototype.slice.call(document.querySelectorAll("form.proposal")); }
  function rowId(form) { return form.getAttribute("id").slice("row-".length); }  // form.id is its "id" input
  function statusOf(form) { return form.querySelector("[data-status]").textContent.trim(); }
  function markOf(form) { return document.getElementById("q-" + rowId(form)); }

  function label(form) {
    return form.dataset.table + " " + rowId(form) + ", " + statusOf(form) + ": " +
      (form.querySelector('[name="statement"]') || form.querySelector('[name="task"]') || {value: ""}).value;
  }

  function select(form, quiet, keepFocus) {
    if (!form) { return; }
    if (current) {
      current.classList.remove("current");
      var old = markOf(current);
      if (old) { old.classList.remove("current"); }
    }
    current = form;
    form.classList.add("current");
    if (!keepFocus) { form.focus(); form.scrollIntoView({block: "nearest"}); }
    var mark = markOf(form);
    if (mark) { mark.classList.add("current"); reveal(mark); }
    if (!quiet) { say(label(form)); }
  }

  function reveal(mark) {
    // scroll the text's own box only: moving the page under a pointer would lose its click
    var box = document.getElementById("text");
    box.scrollTop += mark.getBoundingClientRect().top - box.getBoundingClientRect().top - 40;
  }

  function step(by) {
    var all = forms();
    if (!all.length) { return; }
    var at = all.indexOf(current);
    select(all[Math.max(0, Math.min(all.length - 1, at < 0 ? 0 : at + by))]);
  }

  function nextPending(form) {
    var all = forms(), at = all.indexOf(form);
    for (var i = 1; i <= all.length; i++) {
      var candidate = all[(at + i) % all.length];
      if (PENDING.indexOf(statusOf(candidate)) >= 0) { return candidate; }
    }
    return null;
  }

  function post(action, body) {
    return fetch(action, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    }).catch(function (error) { return {ok: false, data: {problems: [String(error)]}}; });
  }

  function values(form) {
    var out = {};
    form.querySelectorAll("input[name], select[name], textarea[name]").forEach(function (field) {
      out[field.name] = field.value;
    });
    return out;
  }

  function setStatus(form, status) {
    form.querySelector("[data-status]").textContent = status;
    form.className = form.className.replace(/status-\S+/, "status-" + status);
    if (status !== "new") {
      form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    }
  }

  function showProblems(form, problems) {
    var list = form.querySelector("[data-problems]");
    list.textContent = "";
    problems.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
  }

  function accept(form) {
    var button = form.querySelector("[data-accept]");
    if (!button || button.disabled) {
      say(rowId(form) + " is " + statusOf(form) + ": nothing to accept" +
          (statusOf(form) === "different" ? " (edit the existing row in its CSV, or reject this proposal)." : "."));
      return;
    }
    say("Checking " + rowId(form) + "…");
    post("accept", {table: form.dataset.table, draft: form.dataset.draft, values: values(form)}).then(function (answer) {
      if (!answer.ok) {
        showProblems(form, answer.data.problems);
        say("Refused " + rowId(form) + ": " + answer.data.problems.join(" "));
        return;
      }
      showProblems(form, answer.data.warnings || []);
      setStatus(form, "accepted");
      var next = nextPending(form);
      select(next || form, true);
      say("Accepted " + answer.data.id + ": written to " + answer.data.file + " line " + answer.data.line + "." +
          (next ? " Next: " + label(next) : " Nothing left to review."));
    });
  }

  function reject(form) {
    var button = form.querySelector("[data-reject]");
    if (form.dataset.draft && (!button || button.disabled)) { say(rowId(form) + " is " + statusOf(form) + ": nothing to reject."); return; }
    if (!form.dataset.draft) { form.parentNode.removeChild(form); say("New row discarded."); return; }
    post("reject", {table: form.dataset.table, draft: form.dataset.draft}).then(function (answer) {
      if (!answer.ok) { showProblems(form, answer.data.problems); say("Not rejected: " + answer.data.problems.join(" ")); return; }
      setStatus(form, "rejected");
      var next = nextPending(form);
      select(next || form, true);
      say("Rejected " + rowId(form) + "." + (next ? " Next: " + label(next) : " Nothing left to review."));
    });
  }

  function selectedText() {
    var selection = window.getSelection();
    if (!selection || !selection.rangeCount || selection.isCollapsed) { return ""; }
    var box = document.createElement("div");
    box.appendChild(selection.getRangeAt(0).cloneContents());
    box.querySelectorAll(".cite-back").forEach(function (link) { link.parentNode.removeChild(link); });
    return box.textContent.replace(/\s+/g, " ").trim();
  }

  function freeId(id) {
    while (document.getElementById("row-" + id)) {
      id = id.replace(/(\d+)$/, function (digits) { return String(Number(digits) + 1).padStart(digits.length, "0"); });
    }
    return id;
  }

  function newRow() {
    var table = document.getElementById("new-table").value;
    var quote = selectedText();
    var form = document.getElementById("new-" + table).content.firstElementChild.cloneNode(true);
    var baked = rowId(form), id = freeId(baked);
    form.setAttribute("id", "row-" + id);
    form.querySelectorAll("[id], [for], [aria-labelledby]").forEach(function (element) {
      ["id", "for", "aria-labelledby"].forEach(function (name) {
        if (element.hasAttribute(name)) { element.setAttribute(name, element.getAttribute(name).replace(baked, id)); }
      });
    });
    form.setAttribute("aria-labelledby", "title-" + id);
    form.querySelector(".row-id").textContent = id;
    form.querySelector('[name="id"]').value = id;
    form.querySelector('[name="source_quote"]').value = quote;
    document.getElementById("new-rows").prepend(form);
    select(form, true);
    say("New " + table + " row " + id + (quote ? " from the selected text" : " (no text selected: paste the source_quote)") +
        ". Fill its fields, then accept.");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form.proposal");
    if (!form) { return; }
    event.preventDefault();
    select(form, true);
    accept(form);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    if (button.id === "new-from-selection") { newRow(); }
    if (button.hasAttribute("data-reject")) { var form = button.closest("form.proposal"); select(form, true); reject(form); }
  });

  document.addEventListener("focusin", function (event) {
    var form = event.target.closest && event.target.closest("form.proposal");
    if (form && form !== current) { select(form, true, true); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var field = event.target.closest && event.target.closest("input, textarea, select");
    if (field) {
      if (event.key === "Escape" && current) { event.preventDefault(); current.focus(); }
      return;
    }
    var actions = {
      j: function () { step(1); },
      k: function () { step(-1); },
      a: function () { if (current) { accept(current); } },
      r: function () { if (current) { reject(current); } },
      e: function () { if (current) { current.querySelector("input:not([readonly]), select, textarea").focus(); } },
      n: newRow
    };
    if (actions[event.key]) { event.preventDefault(); actions[event.key](); }
  });
}());
