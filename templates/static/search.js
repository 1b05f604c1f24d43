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
// Pagefind's ranking (pagefind.app/docs/ranking/): a word typed with its marks that a page has
// with the same marks counts 4 times a word it has with other marks (Pagefind's default: 1.8);
// a query word in a page's title adds 5 times its weight (the default, said here to be seen).
const RANKING = { diacriticSimilarity: 3.0, metaWeights: { title: 5.0 } };

export function normaliseQuery(text) {
  return text.normalize("NFD").replace(PLACEMENT, "$1$3$2").normalize("NFC")
    .replace(/đ/g, "d").replace(/Đ/g, "D").trim();
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// What a query's words are to Pagefind: lower case, punctuation dropped (its coupled_search.ts).
export function queryTerms(query) {
  return query.toLocaleLowerCase().split(/\s+/).map((term) => term.replace(/\p{P}/gu, "")).filter(Boolean);
}

// Whether a word is one the reader asked for. "whole": the same word with or without marks (a
// Vietnamese syllable is a word: "ca" is not "các"); "english": also an English word that starts
// with it (Pagefind stems English: "payment" finds "payments"); "prefix": any word that starts
// with it (when no page has the whole word: a word still being typed).
export function matcher(query, mode) {
  const terms = queryTerms(query).map(fold);
  return (word) => {
    const bare = word.replace(/&[a-z]+;|&#\d+;/g, "").replace(/[^\p{L}\p{N}\p{M}]/gu, "");
    const folded = fold(bare);
    const prefix = mode === "prefix" || (mode === "english" && /^[\x00-\x7f]*$/.test(bare));
    return terms.some((term) => folded === term || (prefix && folded.startsWith(term)));
  };
}

// Pagefind's excerpt is text with <mark>s. The index adds other spellings after words in ⸢…⸣
// (searchpages.py), and after a long form its abbreviation, closed by one ⸣ per word of the
// long form ("cải cách hành chính ⸢cchc⸣⸣⸣⸣"): cut them out, and mark a word when it, or a
// spelling after it, is a word of the query (`matches`), so nothing else is ever marked.
export function cleanExcerpt(html, matches = () => true) {
  const text = html.replace(/<(?!\/?mark>)[^>]*>/g, "").replace(/^(?:(?!⸢)[^⸣])*⸣+\s*/, "");  // began inside ⸢…⸣
  const out = [];  // [word, marked]
  let hit = false, inside = false;
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const bare = token.replace(/<\/?mark>/g, "");
    if (!inside && !bare.startsWith("⸢")) {
      out.push([bare, token.includes("<mark>") && matches(bare)]);
      continue;
    }
    const spelling = bare.replace(/[⸢⸣]/g, "");
    hit = (inside && hit) || (token.includes("<mark>") && spelling !== "" && matches(spelling));
    const [, closing = "", after = ""] = bare.match(/(⸣+)(.*)$/) || [];
    inside = !closing;
    if (closing && hit) out.slice(-closing.length).forEach((entry) => { entry[1] = true; });
    if (after && out.length) out[out.length - 1][0] += after;  // the text's own full stop after ⸢…⸣
  }
  return out.map(([word, marked]) => (marked ? `<mark>${word}</mark>` : word)).join(" ")
    .replace(/ — \d{4}(?=[.\s]|$)/g, "");
}

function plain(text) {
  return (text || "").replace(/\s*⸢[^⸣]*⸣+/g, "").trim();
}

// A row's heading ends in " — <year>".
function splitYear(title) {
  const match = plain(title).match(/^(.*?)(?: — (\d{4}))?$/s);
  return { title: match[1], year: match[2] || "" };
}

export function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
}

// Pagefind lists sub-results in page order; the one whose excerpt marks the most distinct
// query words comes first here, rows before long sections on a tie.
function score(sub, query, mode) {
  const marked = (cleanExcerpt(sub.excerpt || "", matcher(query, mode)).match(/<mark>[^<]*<\/mark>/g) || [])
    .map((m) => m.replace(/<\/?mark>/g, ""));
  const hits = queryTerms(query).filter((term) => marked.some(matcher(term, mode))).length;
  const row = /^h[345]$/i.test((sub.anchor && sub.anchor.element) || "") ? 0.5 : 0;
  return hits + row;
}

// The smallest stretch of positions that holds one position from each list (each list sorted).
export function span(lists) {
  const events = lists.flatMap((list, which) => list.map((at) => [at, which])).sort((a, b) => a[0] - b[0]);
  const count = new Array(lists.length).fill(0);
  let covered = 0, best = Infinity, left = 0;
  for (const [at, which] of events) {
    if (count[which]++ === 0) covered++;
    while (covered === lists.length) {
      best = Math.min(best, at - events[left][0]);
      if (--count[events[left][1]] === 0) covered--;
      left++;
    }
  }
  return best;
}

const NEAR = 3;  // words per query word a page may have between them and still hold them together
const GAP = 1;  // a phrase: each word right after the one before (or after its ⸢…⸣ spelling: "đăng ⸢dăng⸣ ký")
const READ = 20;  // the first results whose words are read to rank them; later ones keep Pagefind's order

// Whether the lists hold the words in the query's order, one after the other (a phrase).
export function phrase(lists) {
  let ends = new Set(lists[0]);
  for (const list of lists.slice(1)) {
    ends = new Set(list.filter((at) => [...ends].some((end) => at > end && at - end <= GAP)));
    if (!ends.size) return false;
  }
  return true;
}

// The words Pagefind matched on a page (at its `locations`, counted in its content split at
// white space, as its excerpts are), lower case, without punctuation: [position, word].
function matched(page) {
  const words = (page.raw_content || page.content || "").split(/[\r\n\s]+/);
  return (page.locations || []).map((at) => [at, (words[at] || "").replace(/&[a-z]+;|&#\d+;/g, "")
    .toLocaleLowerCase().replace(/[^\p{L}\p{N}\p{M}]/gu, "")]);
}

// Where on a page each query word is (as `matcher` finds it).
export function positions(page, terms, mode) {
  const found = matched(page);
  return terms.map((term) => found.filter(([, word]) => matcher(term, mode)(word)).map(([at]) => at));
}

// Whether a page has each word the reader typed with marks with those very marks ("mẫu", not "Mau").
export function exact(page, typed) {
  const words = new Set(matched(page).map(([, word]) => word));
  return typed.every((term) => term === fold(term) || words.has(term));
}

// 0: the words as a phrase (or one word, or words only in the title); 1: close together; 2: apart.
export function closeness(lists) {
  const known = lists.filter((list) => list.length);
  if (known.length < 2 || (known.length === lists.length && phrase(lists))) return 0;
  return span(known) <= NEAR * lists.length ? 1 : 2;
}

// Pagefind's results, ranked for a reader. Pagefind matches each query word as the start of
// any word, so "ca mau" also finds "các … mẫu". Asked once more per word, as a whole word with
// or without marks ("ca" is cà, cá, cả, not các; in English, any word of its stem), it says
// which pages have every word whole: only those are kept (all, when none has: `mode` is then
// "prefix"; else the page's, "whole" in Vietnamese, "english"). The first READ of them are read
// (their fragments, which the list shows anyway): those with every word typed with marks
// with the same marks come first ("mẫu" before Cà Mau), and inside that those with the words
// as a phrase, then close together; those with them only apart are left out when any has
// them together. Inside each, Pagefind's order (its weights: titles, statements).
export async function rankedSearch(pagefind, query, filters, mode) {
  const response = await pagefind.search(query || null, { filters });
  const typed = queryTerms(query || "");
  if (!typed.length) return { results: response.results, mode };
  const each = await Promise.all(typed.map((term) => pagefind.search(`"${term}"`, { filters })));
  const sets = each.map((found) => new Set(found.results.map((result) => result.id)));
  const complete = response.results.filter((result) => sets.every((set) => set.has(result.id)));
  if (!complete.length) return { results: response.results, mode: "prefix" };
  const head = complete.slice(0, READ);
  for (const result of head) {  // read once, shown from the same
    const load = result.data;
    let loaded = null;
    result.data = () => (loaded = loaded || load());
  }
  const pages = await Promise.all(head.map((result) => result.data()));
  const ranked = head.map((result, i) => ({ result, i, near: closeness(positions(pages[i], typed, mode)),
                                             marks: exact(pages[i], typed) ? 0 : 1 }));
  const kept = ranked.some((r) => r.near < 2) ? ranked.filter((r) => r.near < 2) : ranked;
  kept.sort((a, b) => a.marks - b.marks || Math.min(a.near, 1) - Math.min(b.near, 1) || a.near - b.near || a.i - b.i);
  return { results: [...kept.map((r) => r.result), ...complete.slice(READ)], mode };
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
    const options = { baseUrl: data.base, excerptLength: 24, ranking: RANKING };
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

  let results = [], shown = 0, run = 0, mode = "whole", matches = () => true;

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
    const found = await rankedSearch(pagefind, query, filters, data.lang === "vi" ? "whole" : "english");
    if (mine !== run) return;
    results = found.results;
    mode = found.mode;
    matches = matcher(query, mode);
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
    const query = normaliseQuery(input.value);
    const item = element("li", "search-result");
    const facts = [kindLabel(meta.kind || "document"), meta.place, meta.year].filter(Boolean);
    item.append(element("p", "kicker", facts.join(" · ")));
    const heading = element("h2", "search-title");
    const link = element("a", "", plain(meta.title) || page.url);
    link.href = page.url;
    heading.append(link);
    item.append(heading);
    const scored = (page.sub_results || []).filter((sub) => sub.anchor && sub.anchor.id).filter((sub) => {
      const kind = HEADING_KINDS[(sub.anchor.element || "").toUpperCase()] || meta.kind;
      const { year } = splitYear(sub.title);
      if (filters.kind && kindLabel(kind) !== filters.kind) return false;
      if (filters.year && year && year !== filters.year) return false;
      return true;
    }).map((sub) => ({ ...sub, score: score(sub, query, mode) })).sort((a, b) => b.score - a.score);
    // every row or section that has as many of the query's words as the best one (the best one
    // when none has any): "thanh toán trực tuyến" lists each row that says it, not rows of "toàn"
    const best = Math.floor((scored[0] || { score: 0 }).score);
    const subs = scored.filter((sub, i) => i === 0 || (best >= 1 && Math.floor(sub.score) >= best));
    if (!subs.length && (filters.kind || filters.year) && (page.sub_results || []).some((sub) => sub.anchor)) {
      return null;  // what matched on this page is not of the kind or year asked for
    }
    if (!subs.length) {
      const excerpt = element("p", "search-excerpt");
      excerpt.innerHTML = cleanExcerpt(page.excerpt || "", matches);
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
      excerpt.innerHTML = cleanExcerpt(sub.excerpt || "", matches);
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
