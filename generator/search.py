"""The search stage: a Pagefind index of every page, written into the staging folder.

Pagefind indexes HTML. Instead of indexing the served pages (whose layout belongs to the
theme and would index menus and tables twice), this stage writes one *search page* per
published page into a scratch folder, at the same path as the page it stands for, and
lets the Pagefind binary index that folder natively (one call, fast). A search page holds:
- `<html lang>`: Pagefind keeps one index per language;
- headings with the real page's anchors: a document section (its heading id) or a
  target/result/assignment row (its row id), so each is a sub-result that deep-links;
  the heading level says the kind (h2 section, h3 target, h4 result, h5 assignment) and a
  row's heading ends in ` — <year>`, which the search page's JS reads back;
- `data-pagefind-filter` (kind, place, area, type, year) and `data-pagefind-meta`;
- after each word that has another spelling, the other spellings in ⸢…⸣ (searchtext.py):
  indexed, and cut out of the excerpts by the search page. Served pages are untouched, so
  screen readers and copy-paste never meet them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import zlib
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from html import escape
from pathlib import Path
from typing import Callable, Iterator

from .incremental import cache
from .incremental.deps import Tracked
from .incremental.pagestore import PageEntry, PageStore, deps_digest
from .errors import Report
from .labels import LABELS
from .pages.registry import search_entries
from .parallel import fork_map, shared, slices
from .searchtext import Abbreviation, extra_terms, normalise_tones, spellings
from .writer import link_or_copy

log = logging.getLogger(__name__)

BUNDLE = "pagefind"  # the folder, at the site root, Pagefind's files are served from
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
ROW_HEADINGS = {"targets": "h3", "results": "h4", "assignments": "h5"}
_WORD = re.compile(r"\S+")
_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»…–—-/%"


def index_site(site, writer, abbreviations: list[Abbreviation], report: Report, store: PageStore,
               jobs: int = 1) -> int:
    """Write the Pagefind bundles (see `bundles`) through `writer`; return how many pages they index.

    Search pages whose lookups give the answers they gave when `store` kept them are reused
    from it; the others are written by `jobs` processes. Each part is indexed on its own (its
    languages side by side when `jobs` allows), so Pagefind's memory is bounded by the part
    and not by the corpus; a part whose search pages are all unchanged is taken from
    `.cache/` (an edited document re-indexes its own part only).
    """
    scratch = writer.root.with_name(writer.root.name + "-search")  # beside the staging folder, same disk
    try:
        written, kept = _write_search_pages(site, abbreviations, scratch, store, jobs, report)
        hashes: dict = {}
        for part, path, digest in written:
            hashes.setdefault(part, hashlib.sha256(store.global_hash.encode())).update(f"{path}\0{digest}\0".encode())
        indexed = 0
        for part in sorted(hashes):
            folder = bundle(part)

            def index() -> int:  # the part's unchanged search pages join the new ones only when it is indexed
                for file, path in kept.get(part, ()):
                    (scratch / str(part) / path).parent.mkdir(parents=True, exist_ok=True)
                    link_or_copy(file, scratch / str(part) / path)
                return _index_part(scratch / str(part), folder, writer, jobs)
            indexed += cache.tree("search-part", [folder, hashes[part].hexdigest(), indexer()], writer, index)
    except Killed as exc:
        report.add("search index", f"Pagefind could not build the search index: {exc}", "search",
                   hint="build on a machine with more memory, or set a smaller search_part_size in"
                        " site.yaml; the previous site is kept")
        return 0
    except (OSError, RuntimeError, ValueError, KeyError, subprocess.SubprocessError) as exc:
        report.add("search index", f"Pagefind could not build the search index: "
                   f"{exc or type(exc).__name__}", "search",
                   hint="pip install -r requirements.txt (pagefind[bin]); see README, Search")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if indexed != len(written):
        report.add("search index", f"Pagefind indexed {indexed} of {len(written)} pages", "search",
                   hint="see README, Search")
    return len(written)


def _write_search_pages(site, abbreviations, scratch: Path, store: PageStore, jobs: int,
                        report: Report) -> tuple[list[tuple[int, str, str]], dict[int, list[tuple[Path, str]]]]:
    """Write the search pages that changed into `scratch/<part>/<language>/<path>` (in `jobs`
    processes); (part, path, dependency digest) of every search page, in a fixed order whatever
    `jobs` is, and per part the unchanged ones: (stored file, path)."""
    entries = list(_entries(site.catalogue))
    count = part_count(site.catalogue, site.config.search_part_size)
    languages = site.config.languages
    current = store.reuse(((f"{lang}:{key}", partial(str, f"{lang}:{key}"))  # no values of its own: its key
                           for key, _make in entries for lang in languages), site.resolver.answer)
    kept: dict[tuple[int, str], tuple[Path, PageEntry]] = {
        (number, lang): current[f"{lang}:{key}"] for number, (key, _make) in enumerate(entries)
        for lang in languages if f"{lang}:{key}" in current}
    todo = [number for number in range(len(entries)) if any((number, lang) not in kept for lang in languages)]
    done = fork_map(_write_slice, slices(len(todo), jobs), jobs, report, "search index",
                    (site, abbreviations, [entries[number] for number in todo], scratch, count))
    fresh = {(todo[position], lang): row for rows in done for position, lang, *row in rows}
    written, unchanged = [], {}
    for number, (key, _make) in enumerate(entries):
        part = part_of(key, count)
        for lang in languages:
            path = f"{lang}/{_path(site, lang, key)}"
            if (number, lang) in fresh:
                deps, digest, size = fresh[number, lang]
                store.store(f"{lang}:{key}", scratch / str(part) / path, deps, digest, size)
            else:
                file, entry = kept[number, lang]
                unchanged.setdefault(part, []).append((file, path))
                store.keep(f"{lang}:{key}", entry)
                digest = entry.deps_digest
            written.append((part, path, digest))
    return written, unchanged


def _write_slice(bounds: tuple[int, int]) -> list[tuple]:
    """Write the search pages of one slice of the entries to do: (position in the list of
    entries to do, language, recorded lookups, their digest, size) of each."""
    site, abbreviations, entries, scratch, count = shared()
    positions = {key: position for position, (key, _make) in enumerate(entries)}
    rows = []
    for key, lang, deps, html in search_pages(site, abbreviations, entries[bounds[0]:bounds[1]]):
        target = scratch / str(part_of(key, count)) / lang / _path(site, lang, key)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = html.encode("utf-8")
        target.write_bytes(data)
        digest = deps_digest(f"{lang}:{key}", map(site.resolver.answer, deps))
        rows.append((positions[key], lang, deps, digest, len(data)))
    return rows


def _path(site, lang: str, key: str) -> str:
    """Where a search page is, under its language's folder: where the page it stands for is served."""
    return site.urls.file(key, lang)


def part_count(catalogue, size: int) -> int:
    """How many parts the index has: one per `size` documents (`search_part_size`)."""
    return max(1, -(-len(catalogue.documents) // size))


def part_of(key: str, count: int) -> int:
    """The part a page's search entry is in: fixed by its path, so an edit moves nothing."""
    return zlib.crc32(key.encode()) % count


def bundle(part: int) -> str:
    """The site folder of one part's Pagefind bundle: `pagefind/`, then `pagefind/<n>/`."""
    return f"{BUNDLE}/" if part == 0 else f"{BUNDLE}/{part}/"


def bundles(paths: list[str], catalogue, size: int) -> list[str]:
    """The folders of every part that has pages (`paths`: every search page's), the first part
    first (the search page loads Pagefind from it and merges the others)."""
    count = part_count(catalogue, size)
    return [bundle(part) for part in sorted({part_of(path, count) for path in paths})]


def _index_part(source: Path, folder: str, writer, jobs: int) -> int:
    """Index one part, each language by its own Pagefind run (up to `jobs` at once), and
    publish the merged bundle at `folder`."""
    languages = sorted(p.name for p in source.iterdir())
    outputs = {language: source.parent / f"{source.name}-{language}" for language in languages}
    with ThreadPoolExecutor(max(1, min(jobs, len(languages)))) as pool:
        indexed = sum(pool.map(lambda language: _pagefind(source / language, outputs[language]), languages))
    entry: dict = {}
    for language, output in outputs.items():
        if not (output / "pagefind.js").is_file():
            raise RuntimeError(f"Pagefind wrote no pagefind.js into {output}")
        canonical_filters(output)
        for name in UNUSED:  # Pagefind's own UIs: the search page uses only its JS API
            (output / name).unlink(missing_ok=True)
        found = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        entry = {**found, "languages": {**entry.get("languages", {}), **found["languages"]}}
        for file in sorted(output.rglob("*")):
            path = file.relative_to(output).as_posix()
            if file.is_file() and path != "pagefind-entry.json" and f"{folder}{path}" not in writer.written:
                writer.link(f"{folder}{path}", file, source="search")
    writer.write(f"{folder}pagefind-entry.json",
                 json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")), source="search")
    return indexed


def indexer() -> str:
    """Which Pagefind builds the index (its version and the binary asked for): part of the index's cache key."""
    from importlib import metadata
    try:
        version = metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        version = "-"
    return f"pagefind {version} {os.environ.get('PAGEFIND_BINARY_PATH', '')}"


class Killed(RuntimeError):
    """The indexer was stopped by a signal, not by a problem in the pages."""


def _pagefind(source: Path, output: Path) -> int:
    """Run the Pagefind binary (from pagefind[bin]) on `source`; return how many pages it indexed.

    The command line rather than the Python service API: the service answers one page at a
    time (slow), and its process is terminated as soon as it answers, while the CLI exits only
    once every file is written.
    """
    from pagefind.service import get_executable  # honours PAGEFIND_BINARY_PATH

    binary = get_executable()
    if binary is None:
        raise FileNotFoundError("the pagefind binary is not installed")
    done = subprocess.run([str(binary), "--site", str(source), "--output-path", str(output)],
                          capture_output=True, text=True, check=False)
    if done.returncode < 0:  # ended by a signal: the system's out-of-memory killer, most often
        raise Killed(f"the pagefind process was killed by signal {-done.returncode} (out of memory?)")
    if done.returncode != 0:
        raise RuntimeError(" ".join((done.stderr or done.stdout).split()[-40:]))
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def search_pages(site, abbreviations: list[Abbreviation], entries: list) -> Iterator[tuple[str, str, tuple, str]]:
    """(key, language, recorded lookups, html) of the search pages of `entries`, in every
    language (a document's languages together, so its Vietnamese text is annotated once;
    they share one list of lookups); `key` is the language-neutral path."""
    writers = {lang: _Writer(site, lang, abbreviations) for lang in site.config.languages}
    for key, make in entries:
        deps: set = set()
        catalogue, seen = Tracked(site.catalogue, deps), {}
        pages = []
        for lang, writer in writers.items():
            writer.cat, writer.seen = catalogue, seen
            pages.append((lang, make(writer)))
        recorded = tuple(sorted(deps, key=repr))
        for lang, html in pages:
            yield key, lang, recorded, html


def _entries(cat) -> Iterator[tuple[str, Callable]]:
    """(path, how to write its search page) of every page the index holds (pages.registry). The
    page's own object is looked up through the writer's (recording) catalogue, like everything it shows."""
    for entry in search_entries(cat):
        yield entry.path, partial(_make, entry.writer, entry.collection, entry.key)


def _make(kind: str, collection: str, key: str | None, writer: "_Writer") -> str:
    found = getattr(writer.cat, collection)
    return getattr(writer, kind)(found if key is None else found[key])


class _Writer:
    """Builds the search pages of one language."""

    def __init__(self, site, lang: str, abbreviations: list[Abbreviation]):
        self.cat, self.lang, self.abbreviations = site.catalogue, lang, abbreviations
        self.messages = site.messages.get(lang, {})
        self.seen: dict[str, str] = {}  # a document's text, shared by its pages in every language
        self.short: dict[str, list[Abbreviation]] = {}
        self.words: dict[str, tuple[str, frozenset[str]]] = {}  # see _word
        for abbreviation in abbreviations:
            self.short.setdefault(abbreviation.short.lower(), []).append(abbreviation)

    def label(self, kind: str, code: str) -> str:
        text = LABELS[kind][code]
        return self.messages.get(text) or text

    def loc(self, obj, name: str) -> str:
        for candidate in ([f"{name}_{self.lang}"] if self.lang != "vi" else []) + [f"{name}_vi", name]:
            value = getattr(obj, candidate, None)
            if value:
                return value
        return ""

    def text(self, value: str | None) -> str:
        """Escaped text with each word's other spellings after it, in ⸢…⸣ (and, after an
        abbreviation, its long forms); abbreviations of long forms at the end."""
        if not value:
            return ""
        if value not in self.seen:
            self.seen[value] = self._text(value)
        return self.seen[value]

    def _text(self, value: str) -> str:
        out, added = [], set()
        for word in _WORD.findall(value):
            piece, extra = self.words.get(word) or self._word(word)
            out.append(piece)
            added |= extra
        rest = [w for w in extra_terms(value, self.abbreviations).split() if w not in added]
        if rest:
            out.append(f"⸢{escape(' '.join(rest))}⸣")
        return " ".join(out)

    def _word(self, word: str) -> tuple[str, frozenset[str]]:
        """A word as indexed (escaped, its other spellings after it) and those spellings; memoised,
        since a corpus has far fewer distinct words than words."""
        core = word.strip(_PUNCTUATION)
        extra = set(spellings(core)) if core else set()
        for abbreviation in self.short.get(core.lower(), ()):
            extra.update(extra_terms(" ".join(abbreviation.long), []).split())
            extra.update(w.lower() for form in abbreviation.long for w in form.split())
        piece = f"{escape(word)} ⸢{escape(' '.join(sorted(extra)))}⸣" if extra else escape(word)
        self.words[word] = found = (piece, frozenset(extra))
        return found

    def page(self, kind: str, title: str, body: str, filters: dict[str, list[str]],
             meta: dict[str, str]) -> str:
        tags = [f'<span data-pagefind-filter="kind">{escape(self.label("search_kind", kind))}</span>']
        for name, values in filters.items():
            for value in sorted({v for v in values if v}):
                tags.append(f'<span data-pagefind-filter="{name}">{escape(value)}</span>')
        metas = "".join(f'<span data-pagefind-meta="{name}">{escape(value)}</span>'
                        for name, value in {"kind": kind, **meta}.items() if value)
        return (f'<!doctype html><html lang="{self.lang}"><head><meta charset="utf-8">'
                f"<title>{escape(title)}</title></head><body>"
                f'<div data-pagefind-ignore>{"".join(tags)}{metas}</div>'
                f'<span data-pagefind-meta="title">{escape(title)}</span>'
                f'<main data-pagefind-body><h1>{self.text(title)}</h1>\n'
                f"{body}</main></body></html>\n")

    def document(self, document) -> str:
        cat, place = self.cat, self.cat.places[document.place]
        rows = {"targets": cat.targets_of(document.id), "results": cat.results_of(document.id),
                "assignments": cat.assignments_of(document.id)}
        year = str(document.date.year if document.date else document.period_start)
        parts = [f"<p>{self.text(' · '.join(filter(None, [document.number, document.issuer, self.loc(place, 'name'), self.loc(document, 'source_note')])))}</p>"]
        if self.lang != "vi":
            parts.append(f"<p>{self.text(document.title)}</p>")
        parts.append(f"<h2 id=\"text\">{self.text(self.loc(document, 'title'))}</h2>")
        parts.append(self._sections(document))
        for kind, members in rows.items():
            tag = ROW_HEADINGS[kind]
            for row in members:
                heading = row.agency if kind == "assignments" else self.loc(row, "statement")
                year_text = f" — {row.year}" if getattr(row, "year", None) else ""
                words = [row.source_quote, getattr(row, "task", None), self.loc(row, "note")]
                parts.append(f'<{tag} id="{escape(row.id)}">{self.text(heading)}{year_text}</{tag}>'
                             f"<p>{self.text(' · '.join(filter(None, words)))}</p>")
        areas = [self.loc(cat.areas[r.area], "name") for m in rows.values() for r in m if r.area in cat.areas]
        years = [year, *(str(r.year) for m in rows.values() for r in m if getattr(r, "year", None))]
        kinds = ["document", *(k[:-1] for k, m in rows.items() if m)]
        filters = {"place": [self.loc(place, "name")], "type": [self.label("document_type", document.type)],
                   "area": areas, "year": years,
                   "kind": [self.label("search_kind", k) for k in kinds[1:]]}
        meta = {"place": self.loc(place, "name"), "year": year,
                "type": self.label("document_type", document.type)}
        return self.page("document", self.loc(document, "title"), "\n".join(parts), filters, meta)

    def _sections(self, document) -> str:
        headings = {anchor for _level, anchor, _text in document.rendered.headings}
        parts = []
        for block in document.rendered.blocks:
            if block.anchor in headings:
                parts.append(f'<h2 id="{escape(block.anchor)}">{self.text(block.text)}</h2>')
            else:
                parts.append(f"<p>{self.text(block.text)}</p>")
        return "\n".join(parts)

    def indicator(self, indicator) -> str:
        area = self.cat.areas.get(indicator.area)
        area_name = self.loc(area, "name") if area else ""
        body = f"<p>{self.text(area_name)}</p>"
        if self.lang != "vi":
            body += f"<p>{self.text(indicator.name_vi)}</p>"
        return self.page("indicator", self.loc(indicator, "name"), body, {"area": [area_name]}, {"area": area_name})

    def place(self, place) -> str:
        parent = self.cat.places.get(place.parent) if place.parent else None
        names = [self.label("place_type", place.type), self.loc(parent, "name") if parent else "",
                 place.name if self.lang != "vi" else ""]
        body = f"<p>{self.text(' · '.join(filter(None, names)))}</p>"
        return self.page("place", self.loc(place, "name"), body, {"place": [self.loc(place, "name")]},
                         {"place": self.loc(place, "name")})

    def dataset(self, dataset) -> str:
        parts = [f"<p>{self.text(dataset.descriptor.get('description', ''))}</p>"]
        for name, table in dataset.tables.items():
            fields = " ".join(f["name"] if isinstance(f, dict) else f.name for f in table.fields)
            parts.append(f'<h2 id="res-{escape(name)}">{escape(name)}</h2>'
                         f"<p>{self.text(table.descriptor.get('description', ''))} {escape(fields)}</p>")
        return self.page("dataset", dataset.descriptor.get("title", dataset.name), "\n".join(parts), {}, {})


def canonical_filters(bundle: Path) -> None:
    """Make the filter files byte-reproducible: Pagefind writes each filter's values in
    hash-map order, which changes from run to run. Sort them, rename each file by its
    content, and point the language's meta file (and the entry file) at the new names.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = entry_path.read_text(encoding="utf-8")
    renamed: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        data = _sorted_filter(gzip.decompress(path.read_bytes()))
        lang, _, old = path.stem.rpartition("_")
        new = hashlib.sha256(data).hexdigest()[: len(old)]
        path.unlink()
        (bundle / "filter" / f"{lang}_{new}.pf_filter").write_bytes(gzip.compress(data, mtime=0))
        renamed[f"{lang}_{old}"] = f"{lang}_{new}"
    for path in sorted(bundle.glob("pagefind.*.pf_meta")):
        data = gzip.decompress(path.read_bytes())
        for old, new in renamed.items():
            data = data.replace(old.encode(), new.encode())  # same length: the CBOR stays valid
        data = _sorted_filter_list(data, set(renamed.values()))
        old_hash = path.name.split(".")[1]
        lang = old_hash.rpartition("_")[0]
        new_hash = f"{lang}_{hashlib.sha256(data).hexdigest()[: len(old_hash) - len(lang) - 1]}"
        path.unlink()
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(gzip.compress(data, mtime=0))
        entry = entry.replace(f'"{old_hash}"', f'"{new_hash}"')
    entry_path.write_text(json.dumps(json.loads(entry), ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                          encoding="utf-8")


_SIGNATURE = b"pagefind_dcd"


def _sorted_filter(data: bytes) -> bytes:
    """A filter file (`pagefind_dcd` + CBOR [name, [[value, [pages…]], …]]) with its values sorted."""
    if not data.startswith(_SIGNATURE):
        return data
    start = len(_SIGNATURE)
    position = start + 1  # the 2-item array
    position = _cbor_skip(data, position)  # the filter's name
    count, entries_start = _cbor_head(data, position)
    spans, position = [], entries_start
    for _ in range(count):
        end = _cbor_skip(data, position)
        spans.append(data[position:end])
        position = end
    spans.sort()
    return data[:entries_start] + b"".join(spans) + data[position:]


def _sorted_filter_list(data: bytes, filter_files: set[str]) -> bytes:
    """A meta file with its [[filter name, filter file], …] list sorted (it is in hash-map order too)."""
    if not data.startswith(_SIGNATURE):
        return data
    count, position = _cbor_head(data, len(_SIGNATURE))
    for _ in range(count):
        end = _cbor_skip(data, position)
        if data[position] >> 5 == 4:  # an array: is it the list of filters?
            items, inner = _cbor_head(data, position)
            spans = []
            for _ in range(items):
                item_end = _cbor_skip(data, inner)
                spans.append(data[inner:item_end])
                inner = item_end
            if spans and all(any(name.encode() in span for name in filter_files) for span in spans):
                return data[:position] + data[position:_cbor_head(data, position)[1]] + b"".join(sorted(spans)) + data[end:]
        position = end
    return data


def _cbor_head(data: bytes, position: int) -> tuple[int, int]:
    """The argument of the CBOR item at `position` and where its content starts."""
    info = data[position] & 31
    if info < 24:
        return info, position + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return int.from_bytes(data[position + 1: position + 1 + size], "big"), position + 1 + size


def _cbor_skip(data: bytes, position: int) -> int:
    """Where the (definite-length) CBOR item at `position` ends."""
    major = data[position] >> 5
    argument, position = _cbor_head(data, position)
    if major in (2, 3):
        return position + argument
    if major == 4:
        for _ in range(argument):
            position = _cbor_skip(data, position)
    elif major == 5:
        for _ in range(2 * argument):
            position = _cbor_skip(data, position)
    elif major == 6:
        position = _cbor_skip(data, position)
    return position


def normalise_query(text: str) -> str:
    """What the search page does to a query before Pagefind sees it (kept in step with search.js)."""
    return normalise_tones(text).replace("đ", "d").replace("Đ", "D")
