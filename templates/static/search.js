// The search page: reads ?q= and the filters from the address, asks Pagefind (served from
// the site's own pagefind/ folder) and lists what matched, each linking to its section or row.
// The query is normalised the way the index was built (generator/searchtext.py): NFC, one
// tone placement (hoá → hóa), đ → d.

const TONES = "\u0300\u0301\u0303\u0309\u0323";
const PLACEMENT = new RegExp(`(?<![qQ])([oOuU])([aAeEyY])([${TONES}])(?![\\p{L}\\p{N}_${TONES}\\u0302\\u0306\\u031b])`, "gu");
const FILTERS = ["kind", "place", "area", "type", "year"];
const HEADING_KINDS = { H2: "document", H3: "target", H4: "result", H5: "assignment" };
const PAGE_SIZE = 10;
const SHOWN_SUBS = 3;  // rows shown open under a page; the others in a fold

export function normaliseQuery(text) {
  return text.normalize("NFD").replace(PLACEMENT, "$1$3$2").normalize("NFC")
    .replace(/đ/g, "d").replace(/Đ/g, "D").trim();
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// Pagefind's excerpt is text with <mark>s. The index adds other spellings after words in ⸢…⸣;
// cut them out, and when one of them matched, highlight the word it stands after.
export function cleanExcerpt(html) {
  let text = html.replace(/<(?!\/?mark>)[^>]*>/g, "")
    .replace(/<mark>⸢/g, "⸢<mark>").replace(/⸣<\/mark>/g, "</mark>⸣");
  text = text.replace(/(\S+)\s*⸢([^⸣]*)⸣/g, (all, word, extra) =>
    extra.includes("<mark>") && !word.includes("<mark>") ? `<mark>${word}</mark>` : word);
  text = text.replace(/\s*⸢[^⸣]*⸣/g, "").replace(/\s*⸢[^⸣]*$/, "").replace(/^[^⸢]*?⸣\s*/, "")
    .replace(/ — \d{4}(?=[.\s]|$)/g, "");
  return balanceMarks(text);
}

function balanceMarks(html) {
  // After cutting, a <mark> may have lost its partner: rebuild from the text.
  const parts = html.split(/(<\/?mark>)/);
  let open = false, out = "";
  for (const part of parts) {
    if (part === "<mark>") { if (!open) { out += part; open = true; } }
    else if (part === "</mark>") { if (open) { out += part; open = false; } }
    else out += part;
  }
  return open ? out + "</mark>" : out;
}

function plain(text) {
  return (text || "").replace(/\s*⸢[^⸣]*⸣/g, "").trim();
}

// A row's heading ends in " — <year>".
function splitYear(title) {
  const match = plain(title).match(/^(.*?)(?: — (\d{4}))?$/s);
  return { title: match[1], year: match[2] || "" };
}

export function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
}

// Pagefind lists sub-results in page order; the one whose excerpt matches the most distinct
// query words comes first here, rows before long sections on a tie.
function score(sub, terms) {
  const marked = new Set((cleanExcerpt(sub.excerpt || "").match(/<mark>[^<]*<\/mark>/g) || [])
    .map((m) => fold(m.replace(/<\/?mark>/g, "")).replace(/[^\p{L}\p{N}]/gu, "")));
  const hits = terms.filter((term) => [...marked].some((word) => word.startsWith(term))).length;
  const row = /^h[345]$/i.test((sub.anchor && sub.anchor.element) || "") ? 0.5 : 0;
  return hits + row;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

async function main() {
  const root = document.getElementById("search");
  if (!root) return;
  const data = root.dataset;
  const form = root.querySelector("form");
  const input = root.querySelector("#search-q");
  const status = root.querySelector(".search-status");
  const list = root.querySelector(".search-results");
  const more = root.querySelector(".search-more");
  const fieldset = root.querySelector(".search-filters");
  const selects = Object.fromEntries(FILTERS.map((name) => [name, root.querySelector(`select[data-filter="${name}"]`)]));
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  const header = document.getElementById("search-box-q");
  if (header) header.value = input.value;

  let pagefind;
  try {
    pagefind = await import(data.bundle + "pagefind.js");
    // No web worker: it would be one more 40 KB script to fetch, and a query is quick on the main thread.
    const options = { baseUrl: data.base, excerptLength: 24 };
    await pagefind.options({ ...options, basePath: data.bundle, noWorker: true });
    await pagefind.init();
    // A large site's index is in parts (search_part_size), each merged into the one search.
    await Promise.all(data.parts.split(" ").filter(Boolean).map((part) => pagefind.mergeIndex(part, options)));
  } catch (error) {
    status.textContent = data.failed;
    throw error;
  }

  const available = await pagefind.filters();
  for (const name of FILTERS) {
    const values = Object.keys(available[name] || {}).sort((a, b) =>
      name === "year" ? b.localeCompare(a) : a.localeCompare(b, data.lang));
    for (const value of values) {
      const option = element("option", "", value);
      option.value = value;
      selects[name].append(option);
    }
    selects[name].value = params.get(name) || "";
    if (selects[name].value !== (params.get(name) || "")) selects[name].value = "";
  }
  fieldset.hidden = false;

  let results = [], shown = 0, run = 0;

  async function search() {
    const mine = ++run;
    const query = normaliseQuery(input.value);
    const filters = {};
    for (const name of FILTERS) if (selects[name].value) filters[name] = selects[name].value;
    const address = new URLSearchParams();
    if (input.value.trim()) address.set("q", input.value.trim());
    for (const [name, value] of Object.entries(filters)) address.set(name, value);
    history.replaceState(null, "", `${location.pathname}${address.toString() ? "?" + address : ""}`);
    list.replaceChildren();
    more.hidden = true;
    if (!query && !Object.keys(filters).length) { status.textContent = ""; return; }
    const response = await pagefind.search(query || null, { filters });
    if (mine !== run) return;
    results = response.results;
    shown = 0;
    status.textContent = results.length ? data.count.replace("{n}", results.length) : data.none;
    await showMore(mine, filters);
  }

  async function showMore(mine, filters) {
    const batch = results.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    const pages = await Promise.all(batch.map((result) => result.data()));
    if (mine !== run) return;
    for (const page of pages) {
      const item = render(page, filters);
      if (item) list.append(item);
    }
    more.hidden = shown >= results.length;
    more.onclick = () => showMore(run, filters);
  }

  function kindLabel(code) {
    return data["kind" + code.charAt(0).toUpperCase() + code.slice(1)] || code;
  }

  function render(page, filters) {
    const meta = page.meta || {};
    const terms = fold(input.value).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const item = element("li", "search-result");
    const facts = [kindLabel(meta.kind || "document"), meta.place, meta.year].filter(Boolean);
    item.append(element("p", "kicker", facts.join(" · ")));
    const heading = element("h2", "search-title");
    const link = element("a", "", plain(meta.title) || page.url);
    link.href = page.url;
    heading.append(link);
    item.append(heading);
    const subs = (page.sub_results || []).filter((sub) => sub.anchor && sub.anchor.id).filter((sub) => {
      const kind = HEADING_KINDS[(sub.anchor.element || "").toUpperCase()] || meta.kind;
      const { year } = splitYear(sub.title);
      if (filters.kind && kindLabel(kind) !== filters.kind) return false;
      if (filters.year && year && year !== filters.year) return false;
      return true;
    }).sort((a, b) => score(b, terms) - score(a, terms))
      // every row or section that matched a word of the query (the best one when none did)
      .filter((sub, i) => i === 0 || score(sub, terms) >= 1);
    if (!subs.length && (filters.kind || filters.year) && (page.sub_results || []).some((sub) => sub.anchor)) {
      return null;  // what matched on this page is not of the kind or year asked for
    }
    if (!subs.length) {
      const excerpt = element("p", "search-excerpt");
      excerpt.innerHTML = cleanExcerpt(page.excerpt || "");
      item.append(excerpt);
      return item;
    }
    const within = element("ul", "search-subresults");
    let target = within;
    for (const [i, sub] of subs.entries()) {
      if (i === SHOWN_SUBS && subs.length > SHOWN_SUBS) {  // the rest folded, never dropped
        const fold = element("details", "search-more-rows");
        fold.append(element("summary", "", data.moreRows.replace("{n}", subs.length - SHOWN_SUBS)));
        target = element("ul", "search-subresults");
        fold.append(target);
        within.append(element("li", "search-fold"));
        within.lastChild.append(fold);
      }
      const kind = HEADING_KINDS[(sub.anchor.element || "").toUpperCase()] || meta.kind;
      const { title, year } = splitYear(sub.title);
      const li = element("li", "search-subresult");
      li.append(element("span", "search-kind", [kindLabel(kind), year].filter(Boolean).join(" · ")));
      const a = element("a", "", title);
      a.href = sub.url;
      li.append(" ", a);
      const excerpt = element("p", "search-excerpt");
      excerpt.innerHTML = cleanExcerpt(sub.excerpt || "");
      li.append(excerpt);
      target.append(li);
    }
    item.append(within);
    return item;
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); search(); });
  for (const select of Object.values(selects)) select.addEventListener("change", search);
  await search();
}

main();
