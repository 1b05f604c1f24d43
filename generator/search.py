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

import hashlib
import json
import logging
import os
import shutil
import subprocess
import zlib
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from .incremental import cache
from .incremental.pagestore import PageEntry, PageStore, deps_digest
from .errors import Report
from .pagefind_files import canonical_filters
from .parallel import fork_map, shared, slices
from .searchpages import page_entries, search_pages
from .searchtext import Abbreviation
from .writer import link_or_copy

log = logging.getLogger(__name__)

BUNDLE = "pagefind"  # the folder, at the site root, Pagefind's files are served from
NEW = "new"  # the scratch folder the search pages written by this build go to (a part's is its number)
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


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
        written, files = _write_search_pages(site, abbreviations, scratch, store, jobs, report)
        hashes: dict = {}  # a part is indexed again only when the bytes of one of its pages changed
        for part, path, content in written:
            hashes.setdefault(part, hashlib.sha256(store.global_hash.encode())).update(f"{path}\0{content}\0".encode())
        indexed = 0
        for part in sorted(hashes):
            folder = bundle(part)

            def index() -> int:
                # The part's search pages are gathered only when it is indexed, new and unchanged
                # alike, in the order of their paths: Pagefind reads a folder in the order the
                # file system lists it, which on some (tmpfs, btrfs) is the order files were made,
                # and a rebuild must index exactly as a clean build.
                for path, stored in sorted(files[part]):
                    _put(scratch / NEW / path if stored is None else stored, scratch / str(part) / path,
                         move=stored is None)
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
                        report: Report) -> tuple[list[tuple[int, str, str]], dict[int, list[tuple[str, Path | None]]]]:
    """Write the search pages that changed into `scratch/new/<language>/<path>` (in `jobs`
    processes); (part, path, hash of its bytes) of every search page, in a fixed order whatever
    `jobs` is, and per part every page's path with its stored file (None: one written into
    `scratch/new/`). A page written again because a lookup it made answers differently may well
    have the same bytes (a place's search page does not show a figure's note): its part is then
    not indexed again."""
    entries = list(page_entries(site.catalogue))
    count = part_count(site.catalogue, site.config.search_part_size)
    languages = site.config.languages
    current = store.reuse(((f"{lang}:{key}", partial(str, f"{lang}:{key}"))  # no values of its own: its key
                           for key, _make in entries for lang in languages), site.resolver.answer)
    kept: dict[tuple[int, str], tuple[Path, PageEntry]] = {
        (number, lang): current[f"{lang}:{key}"] for number, (key, _make) in enumerate(entries)
        for lang in languages if f"{lang}:{key}" in current}
    todo = [number for number in range(len(entries)) if any((number, lang) not in kept for lang in languages)]
    done = fork_map(_write_slice, slices(len(todo), jobs), jobs, report, "search index",
                    (site, abbreviations, [entries[number] for number in todo], scratch))
    fresh = {(todo[position], lang): row for rows in done for position, lang, *row in rows}
    written, files = [], {}
    for number, (key, _make) in enumerate(entries):
        part = part_of(key, count)
        for lang in languages:
            path = f"{lang}/{_path(site, lang, key)}"
            if (number, lang) in fresh:
                deps, digest, size, content = fresh[number, lang]
                store.store(f"{lang}:{key}", scratch / NEW / path, deps, digest, size, content)
                stored = None
            else:
                stored, entry = kept[number, lang]
                store.keep(f"{lang}:{key}", entry)
                content = entry.content
            files.setdefault(part, []).append((path, stored))
            written.append((part, path, content))
    return written, files


def _put(source: Path, target: Path, move: bool) -> None:
    """Put one search page in its part's folder: moved when this build wrote it (for this part
    only), linked from the page store when it is unchanged."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if move:
        os.replace(source, target)
    else:
        link_or_copy(source, target)


def _write_slice(bounds: tuple[int, int]) -> list[tuple]:
    """Write the search pages of one slice of the entries to do: (position in the list of
    entries to do, language, recorded lookups, their digest, size, hash of the bytes) of each."""
    site, abbreviations, entries, scratch = shared()
    positions = {key: position for position, (key, _make) in enumerate(entries)}
    rows = []
    for key, lang, deps, html in search_pages(site, abbreviations, entries[bounds[0]:bounds[1]]):
        target = scratch / NEW / lang / _path(site, lang, key)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = html.encode("utf-8")
        target.write_bytes(data)
        digest = deps_digest(f"{lang}:{key}", map(site.resolver.answer, deps))
        rows.append((positions[key], lang, deps, digest, len(data), hashlib.sha256(data).hexdigest()))
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


def search_pages_key(pages_key: str, abbreviations: list[Abbreviation]) -> str:
    """What every search page may show besides the catalogue: what a page may show
    (render.pages_key) and the abbreviations."""
    return cache.digest(pages_key, abbreviations)


def search_key(pages_key: str, inputs: str) -> list:
    """What the whole index is made from: what pages show, every table and text (`inputs`, as
    the page stores have them), the indexer."""
    return [pages_key, inputs, indexer()]


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
