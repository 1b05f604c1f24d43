"""Read `content/**/*.md`: split YAML front matter, check it, render the Markdown.

`content/documents/*.md` are curated documents (front matter below is their contract);
`content/pages/<name>.md` and `<name>.en.md` are plain pages in each language.
"""

from __future__ import annotations

import html
import re
from collections import deque
from dataclasses import dataclass, fields, replace
from itertools import chain
from pathlib import Path
from typing import Iterator

import yaml

from .incremental import cache
from .errors import Report
from .curation.header_draft import DRAFT_KEYS, check_draft
from .markup import Rendered, render_markdown, unsafe_html
from .parallel import LazyPool, slices
from .texts import Kept, StoredText, Texts
from .frontmatter import DOCUMENT_FIELDS, SLUG, Reference, nonblank, parse_references, shown
from .yamlfile import FastLoader, key_lines, line_of, parse_yaml, read_text

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


@dataclass(frozen=True)
class Document:
    """A curated document: its front matter, and where its Markdown and rendered text are."""

    source: str  # path relative to the project, for messages
    key_lines: tuple[tuple[str, int], ...]  # front-matter key → line, for pointing at a value
    id: str
    number: str | None
    type: str
    title: str
    title_en: str
    issuer: str | None
    place: str
    date: date | None
    period_start: int
    period_end: int
    signer: str | None
    author: str | None
    source_note: str
    source_note_en: str
    references: tuple[Reference, ...]
    stored: StoredText
    body_line: int
    implements: tuple[str, ...] = ()
    reports_on: tuple[str, ...] = ()
    source_url: str | None = None
    source_publisher: str | None = None
    source_published: date | None = None
    retrieved: date | None = None
    item_lines: tuple[tuple[str, int], ...] = ()  # "references[0].date" → line, for list items

    def whole(self) -> tuple:
        """Every field: the text by its hash (`stored`), the lines of its keys too (a check's
        cache key: its messages name those lines)."""
        return tuple(getattr(self, f.name) for f in fields(self))

    def fingerprint(self) -> tuple:
        """What a page that shows this document depends on: its front matter, not its text
        (`stored`: a page showing the text reads it through `Catalogue.text_of`, a lookup of
        its own, so editing a text renders only the pages that show it) nor where each key is."""
        return tuple(getattr(self, name) for name in _SHOWN)

    def line_of(self, key: str) -> int:
        """The line of a front-matter key, or of a list item such as `references[0].date`."""
        found = dict(self.item_lines).get(key) or dict(self.key_lines).get(key)
        if found is None and "[" in key:
            return self.line_of(key.rsplit(".", 1)[0] if "." in key else key.split("[")[0])
        return found or 1


_WHERE = ("source", "key_lines", "item_lines", "body_line")  # where the document and its keys are, for messages
_SHOWN = tuple(f.name for f in fields(Document) if f.name not in ("stored", *_WHERE))


@dataclass(frozen=True)
class Page:
    """A plain page (about, …) in one language."""

    source: str
    name: str
    lang: str
    title: str
    rendered: Rendered


@dataclass(frozen=True)
class Content:
    documents: tuple[Document, ...]
    pages: tuple[Page, ...]
    invalid_ids: frozenset[str] = frozenset()  # documents whose front matter has errors


def item_lines(front: str, first_line: int) -> dict[str, int]:
    """Line of every item of a top-level list and of each key inside it: `references[0].date` → 18."""
    try:
        root = yaml.compose(front, Loader=FastLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[str, int] = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key, value in root.value:
        if not isinstance(value, yaml.SequenceNode):
            continue
        for i, item in enumerate(value.value):
            path = f"{key.value}[{i}]"
            lines[path] = item.start_mark.line + first_line
            if isinstance(item, yaml.MappingNode):
                for sub_key, sub_value in item.value:
                    lines[f"{path}.{sub_key.value}"] = sub_key.start_mark.line + first_line
    return lines


def split_front_matter(text: str, rel: str, report: Report) -> tuple[dict, str, int] | None:
    """(front matter, body, line the body starts on); None and a problem if malformed."""
    match = _FRONT.match(text)
    if not match:
        report.add(rel, "missing front matter", "front-matter", line=1,
                   hint="start the file with a line '---', the YAML keys, then '---'")
        return None
    meta = parse_yaml(match.group(1) or "", rel, report, first_line=2)
    if meta is None and report.errors and report.errors[-1].file == rel:
        return None
    if not isinstance(meta, dict):
        report.add(rel, "front matter must be YAML keys and values", "front-matter", line=2)
        return None
    return meta, text[match.end():], match.group(0).count("\n") + 1


def load_content(root: Path, report: Report, jobs: int = 1) -> Content:
    """Every document and page under `root/content`, checked; problems go to `report`. The
    documents not in the build cache are read by `jobs` processes (Markdown is most of a cold
    build's reading)."""
    paths = [(path, path.relative_to(root).as_posix()) for path in sorted((root / "content").rglob("*.md"))]
    read = _read_documents([(path, rel) for path, rel in paths if path.parent.name == "documents"], jobs, report)
    documents, pages, invalid, texts = [], [], set(), Texts()
    for path, rel in paths:
        if path.parent.name == "documents":
            document, stored, problems, unusable = next(read)
            report.problems.extend(problems)
            if document:
                documents.append(replace(document, stored=texts.put_pickled(*stored)))
            invalid.update(unusable)  # rows citing it would only repeat this file's error
            continue
        text = read_text(path, rel, report)
        parsed = split_front_matter(text, rel, report) if text is not None else None
        if parsed is not None and safe_body(parsed[1], parsed[2], rel, report):
            page = _page(path, *parsed, text, rel, report)
            if page:
                pages.append(page)
    read.close()  # its last document is taken: the reading processes end now, not when it is collected
    _check_unique(documents, pages, report)
    return Content(tuple(documents), tuple(pages), frozenset(invalid))


# Documents whose texts are held at once, from their reading to their storing: AHEAD chunks of
# READ_AT_ONCE being read by the workers while the build's process stores one. More would be a
# little faster, but the build's process keeps the memory they took: 500 at a time held ~20 MB
# more to the end of a 10,000-document build.
READ_AT_ONCE = 50
AHEAD = 2


def _read_documents(files: list[tuple[Path, str]], jobs: int, report: Report) -> Iterator[tuple]:
    """`_read_document` of each file (path, rel), in order, with what reading the file found
    first: from the build cache when this exact file was read before (reading 2,000 front
    matters and texts again would be most of a rebuild's reading when one document changed),
    else by `jobs` processes (forked once, at the first document to read), and then stored."""
    with LazyPool(jobs, report, "content", "a document-reading process") as pool:
        pending: deque = deque()
        for start in range(0, len(files), READ_AT_ONCE):
            pending.append(_hand_out(files[start:start + READ_AT_ONCE], pool, jobs))
            if len(pending) > AHEAD:
                yield from _stored(*pending.popleft())
        while pending:
            yield from _stored(*pending.popleft())


def _hand_out(files: list[tuple[Path, str]], pool: LazyPool, jobs: int) -> tuple[list, list, list]:
    """Read `files`, look each up in the cache and hand the others to `pool`: (each file's text,
    rel, stem and problems; its cache key and value; the pool's tasks)."""
    chunk = []
    for path, rel in files:
        found = Report()
        chunk.append((read_text(path, rel, found), rel, path.stem, found.problems))
    keys = [cache.lookup("document", [rel, text]) if text is not None else (None, None)
            for text, rel, _stem, _problems in chunk]
    missing = [item[:3] for item, (_key, value) in zip(chunk, keys) if value is cache.MISSING]
    return chunk, keys, [pool.submit(_read_all, missing[a:b], small=len(missing) < 2)
                         for a, b in slices(len(missing), jobs)]


def _stored(chunk: list, keys: list, tasks: list) -> Iterator[tuple]:
    """The chunk's documents in order, those its tasks read stored in the cache."""
    fresh = chain.from_iterable(task.result() for task in tasks)
    for (text, _rel, stem, problems), (key, value) in zip(chunk, keys):
        if text is None:
            yield None, None, problems, {stem}
            continue
        if value is cache.MISSING:
            value = next(fresh)
            cache.remember("document", key, value)
        yield value[0], value[1], problems + value[2], value[3]


def _read_all(items: list[tuple[str, str, str]]) -> list[tuple]:
    with cache.suspended():  # the build's process stores each result
        return [_read_document(*item) for item in items]


def _read_document(text: str, rel: str, stem: str) -> tuple[Document | None, tuple | None, list, set[str]]:
    """(the document, not yet stored; its text pickled, as `Texts.put_pickled` stores it; its
    problems; the ids its rows may not cite)."""
    report, kept = Report(), Kept()
    parsed = split_front_matter(text, rel, report)
    if parsed is None or not safe_body(parsed[1], parsed[2], rel, report):
        return None, None, report.problems, {stem}
    meta, body, body_line = parsed
    document = parse_document(meta, body, body_line, text, rel, report, kept)
    if document is None:
        return None, None, report.problems, {stem, str(meta.get("id"))}
    return document, kept.text, report.problems, set()


def safe_body(body: str, body_line: int, rel: str, report: Report) -> bool:
    found = unsafe_html(body)
    for line, message, hint in found:
        report.add(rel, message, "unsafe-html", line=line + body_line - 1, hint=hint)
    return not found


def parse_document(meta: dict, body: str, body_line: int, text: str, rel: str, report: Report,
                   texts: Texts) -> Document | None:
    values, ok, found = {}, True, key_lines(text)
    for key, (check, required, nullable, expected) in DOCUMENT_FIELDS.items():
        where = {"line": found.get(key) or 1, "field": key}
        if key not in meta:
            if required:
                report.add(rel, f"missing front-matter key (expected {expected})", "front-matter", **where)
                ok = False
            values[key] = None
            continue
        value = meta[key]
        if value is None and nullable:
            values[key] = None
            continue
        checked = check(value)
        if checked is None:
            report.add(rel, f"{shown(value)} is not valid (expected {expected})", "front-matter", **where)
            ok = False
        values[key] = checked
    ok = check_draft(meta, text, rel, report) and ok  # an imported document still to review
    for key in sorted(set(meta) - set(DOCUMENT_FIELDS) - set(DRAFT_KEYS), key=str):
        report.add(rel, f"unknown front-matter key (expected one of {', '.join(DOCUMENT_FIELDS)})",
                   "front-matter", line=line_of(text, str(key)) or 1, field=str(key))
        ok = False
    front = _FRONT.match(text)
    lines = item_lines(front.group(1) or "", 2) if front else {}
    values["implements"], values["reports_on"] = values["implements"] or (), values["reports_on"] or ()
    items = meta.get("references") if isinstance(meta.get("references"), list) else []
    references = parse_references(items, values, lines, text, rel, report)
    if not ok or references is None:
        return None
    if values["period_start"] > values["period_end"]:
        report.add(rel, f"period_start {values['period_start']} is after period_end {values['period_end']}",
                   "front-matter", line=line_of(text, "period_start"), field="period_start")
        return None
    values["references"] = references
    rendered = _markdown(body)
    if not _own_images(body, body_line, rendered, rel, report):
        return None
    return Document(source=rel, key_lines=tuple((k, found.get(k) or 1) for k in DOCUMENT_FIELDS),
                    item_lines=tuple(lines.items()), stored=texts.put(body, rendered),
                    body_line=body_line, **values)


def _page(path: Path, meta: dict, body: str, body_line: int, text: str, rel: str, report: Report) -> Page | None:
    name, _, lang = path.stem.partition(".")
    lang = lang or "vi"
    if not SLUG.match(name) or lang not in ("vi", "en"):
        report.add(rel, "page file names are <name>.md (Vietnamese) or <name>.en.md (English)", "page-name",
                   hint="use lower-case letters, digits and hyphens")
        return None
    if not nonblank(meta.get("title")) or set(meta) - {"title"}:
        report.add(rel, "a page's front matter has exactly one key, title", "front-matter",
                   line=line_of(text, "title") or 2, field="title")
        return None
    rendered = _markdown(body)
    if not _own_images(body, body_line, rendered, rel, report):
        return None
    return Page(rel, name, lang, meta["title"].strip(), rendered)


def _own_images(body: str, body_line: int, rendered: Rendered, rel: str, report: Report) -> bool:
    """A text shows only the site's own images: one from another host (whose every reader's browser
    would call it) is an error at its line; `render_markdown` has dropped it from the HTML anyway."""
    lines = body.splitlines()
    for address in rendered.remote:
        at = next((i for i, line in enumerate(lines) if address in html.unescape(line)), 0)
        report.add(rel, f"image from another host: {address}", "remote-resource", line=at + body_line,
                   hint="pages load nothing from other hosts; link to it instead: [what it shows](address)")
    return not rendered.remote


def _markdown(body: str) -> Rendered:
    """The rendered text, from the build cache when this exact text was rendered before."""
    return cache.memo("markdown", body, lambda: render_markdown(body))


def _check_unique(documents: list[Document], pages: list[Page], report: Report) -> None:
    seen: dict[str, str] = {}
    for document in list(documents):
        if document.id in seen:
            documents.remove(document)  # published once; the clash is this error
            report.add(document.source, f"duplicate document id {document.id!r}: {seen[document.id]} has it too",
                       "duplicate-id", line=document.line_of("id"), field="id",
                       hint="two documents would be published at the same URL")
            continue
        seen[document.id] = document.source
    pages_seen: dict[tuple[str, str], str] = {}
    for page in pages:
        key = (page.name, page.lang)
        if key in pages_seen:
            report.add(page.source, f"page {page.name!r} ({page.lang}) is also written by {pages_seen[key]}",
                       "duplicate-id", hint="two pages would be published at the same URL")
        pages_seen[key] = page.source
