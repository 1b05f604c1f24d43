"""`python build.py draft DOCUMENT_ID`: propose every figure and duty a document's text states,
into drafts/<id>/targets.csv, results.csv and assignments.csv (never into datasets/).

Each file has exactly the columns of datasets/cchc/<name>.csv, then `indicator_score`,
`indicator_candidates` (targets and results), `why`, `existing` and `status`. A proposal that
matches a row already in datasets/ (same document, same value, quotes overlapping in the
text; for duties, the same agency and overlapping quotes) carries that row's id in `existing`
and is `same` (nothing to do) or `different` (`why` names the fields that differ); anything
else is `new`, with the next free id for the document. Rows the review page marked
`rejected` in an earlier draft are kept as they are and not proposed again.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..content import split_front_matter
from ..errors import Report
from ..yamlfile import read_text
from ..markup import squash
from .clauses_duties import duties_in
from .clauses_figures import Proposed, figures_in
from .sections import Document, read_document
from .suggest import NEW_BELOW, Suggester, load_abbreviations

TABLES = ("targets", "results", "assignments")
FIGURE_EXTRA = ["indicator_score", "indicator_candidates", "why", "existing", "status"]
DUTY_EXTRA = ["why", "existing", "status"]
PREFIX = {"targets": "t", "results": "r", "assignments": "a"}
# Fields compared with an existing row to tell `same` from `different`.
COMPARED = ("area", "indicator", "level", "comparator", "value", "unit", "year", "year_stated",
            "baseline_year", "baseline_period_start", "baseline_period_end", "numerator", "denominator",
            "agency", "quote_reading")
_REFORM = re.compile(r"\b(?:cải cách hành chính|CCHC|văn bản chỉ đạo)\b", re.I)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class DraftError(Exception):
    """The draft cannot be made; the message is one line for the maintainer."""


@dataclass
class Corpus:
    """What the draft reads from datasets/cchc: headers and rows of the three tables, the
    indicators."""

    headers: dict[str, list[str]]
    rows: dict[str, list[dict]]
    indicators: list[dict]


def load_corpus(root: Path) -> Corpus:
    folder = root / "datasets" / "cchc"
    headers, rows = {}, {}
    for name in (*TABLES, "indicators"):
        path = folder / f"{name}.csv"
        if not path.is_file():
            raise DraftError(f"{path.relative_to(root).as_posix()}: missing (the draft copies its columns)")
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows[name] = list(reader)
            headers[name] = list(reader.fieldnames or [])
    return Corpus(headers, rows, rows.pop("indicators"))


def read(root: Path, document_id: str) -> Document:
    """The document's text and front matter, or a one-line DraftError."""
    if not _ID.match(document_id):
        raise DraftError(f'"{document_id}" is not a document id (expected lower-case letters, digits and hyphens, '
                         f"as in content/documents/<id>.md)")
    rel = f"content/documents/{document_id}.md"
    path = root / rel
    if not path.is_file():
        known = sorted(p.stem for p in (root / "content" / "documents").glob("*.md"))
        near = [k for k in known if k.split("-")[0] == document_id.split("-")[0]][:3]
        hint = f" (did you mean {', '.join(near)}?)" if near else " (run `python build.py import FILE` first)"
        raise DraftError(f"{rel}: no such document{hint}")
    report = Report()
    text = read_text(path, rel, report)   # the build's own reading: BOM dropped, NFC, \n line ends
    split = split_front_matter(text, rel, report) if text is not None else None
    if split is None or report.errors:
        raise DraftError(report.errors[0].format() if report.errors else f"{rel}: unreadable front matter")
    meta, body, _ = split
    if meta.get("id") not in (None, document_id):
        raise DraftError(f'{rel}: id: "{meta.get("id")}" but the file is named {document_id}.md')
    if not body.strip():
        raise DraftError(f"{rel}: the document has no text to draft from")
    return read_document(document_id, meta, body)


def propose(root: Path, document: Document, corpus: Corpus, leave_out_own: bool = False) -> dict[str, list[dict]]:
    """The proposed rows of each table, extra columns filled, before matching with datasets/.
    `leave_out_own`: the suggester does not learn from this document's own curated rows (the
    benchmark's measure)."""
    suggester = Suggester(corpus.indicators, corpus.rows["targets"] + corpus.rows["results"],
                          load_abbreviations(root), leave_out=document.id if leave_out_own else None)
    names = {row["id"]: row for row in corpus.indicators}
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for p in figures_in(document):
        _indicator(p, suggester, names)
        p.row["note"] = "; ".join(p.note)
        p.row["note_en"] = "; ".join(p.note_en)
        p.row["why"] = "; ".join(p.why)
        tables[p.table].append(p.row)
    for duty in duties_in(document):
        tables["assignments"].append(duty)
    return tables


def _indicator(p: Proposed, suggester: Suggester, names: dict[str, dict]) -> None:
    ranked = suggester.rank(p.clause, unit=p.row.get("unit"))
    p.row["indicator_candidates"] = "; ".join(f"{c.id}:{c.score:.2f}" for c in ranked)
    p.row["indicator_score"] = f"{ranked[0].score:.2f}" if ranked else ""
    if ranked and ranked[0].score >= NEW_BELOW:
        best = names[ranked[0].id]
        p.row["indicator"] = best["id"]
        p.row["statement"], p.row["statement_en"] = best.get("name_vi", ""), best.get("name_en", "")
        p.why.append(f"indicator: {best['id']} ({ranked[0].score:.2f})")
        if not p.row.get("area") and best.get("area"):
            p.row["area"] = best["area"]
            p.why.append(f"area: of indicator {best['id']}")
    else:
        p.row["indicator"] = ""
        p.row["statement"], p.row["statement_en"] = p.clause, ""
        p.why.append("indicator: new indicator? (no indicator measures exactly this); "
                     "statement_en: write it (no indicator gives one)")
    if not p.row.get("area") and p.area_in_clause:
        p.row["area"] = p.area_in_clause[0]
        p.why.append(f'area: "{p.area_in_clause[1]}" in the clause')
    general = _REFORM.search(p.clause)
    if not p.row.get("area") and general:   # the reform as a whole: directing it is its own area
        p.row["area"] = "chi-dao-dieu-hanh"
        p.why.append(f'area: "{general.group(0)}" in general (direction and management)')


def match(tables: dict[str, list[dict]], corpus: Corpus, document: Document,
          rejected: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Fill `existing`, `status` and `id`; drop proposals the review rejected before."""
    text = " ".join(p.text for p in document.paragraphs)
    matched: dict[str, list[dict]] = {}
    for name, proposals in tables.items():
        existing = [row for row in corpus.rows[name] if row.get("document") == document.id]
        taken, used = set(), _numbers(existing + rejected.get(name, []), document.id, PREFIX[name])
        kept = []
        for row in proposals:
            if any(_same_figure(row, old, text, name) for old in rejected.get(name, [])):
                continue
            old = next((o for o in existing if o["id"] not in taken and _same_figure(row, o, text, name)), None)
            if old is None:
                used += 1
                row["id"], row["existing"], row["status"] = f"{document.id}-{PREFIX[name]}{used:02d}", "", "new"
            else:
                taken.add(old["id"])
                differ = [f for f in COMPARED if f in old and _norm(row.get(f)) != _norm(old.get(f))]
                row["id"], row["existing"] = old["id"], old["id"]
                row["status"] = "different" if differ else "same"
                if differ:
                    row["why"] += "; differs from " + old["id"] + ": " + ", ".join(
                        f'{f} ("{row.get(f, "")}" here, "{old.get(f, "")}" there)' for f in differ)
            kept.append(row)
        matched[name] = kept + rejected.get(name, [])
    return matched


def _same_figure(row: dict, old: dict, text: str, table: str) -> bool:
    if table == "assignments":
        return squash(row.get("agency", "")) == squash(old.get("agency", "")) and \
            overlap(row["source_quote"], old["source_quote"], text)
    return _norm(row.get("value")) == _norm(old.get("value")) and overlap(row["source_quote"], old["source_quote"], text)


def overlap(a: str, b: str, text: str) -> bool:
    """Two quotes overlap in the text: one holds the other, or some place of the text lies in both."""
    a, b = squash(a), squash(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    for start_a in _positions(text, a):
        for start_b in _positions(text, b):
            if start_a < start_b + len(b) and start_b < start_a + len(a):
                return True
    return False


def _positions(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at >= 0:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _numbers(rows: list[dict], document_id: str, prefix: str) -> int:
    pattern = re.compile(rf"^{re.escape(document_id)}-{prefix}(\d+)$")
    return max((int(m.group(1)) for row in rows if (m := pattern.match(row.get("id", "")))), default=0)


def _norm(value) -> str:
    text = "" if value is None else str(value).strip()
    try:
        number = float(text)
    except ValueError:
        return text.lower()
    return str(int(number)) if number == int(number) else repr(number)


def write(root: Path, document_id: str, tables: dict[str, list[dict]], corpus: Corpus) -> list[Path]:
    """Write the three files (UTF-8, `\\n`, csv's default quoting), each atomically."""
    folder = root / "drafts" / document_id
    for path in (folder.parent, folder):
        if path.is_symlink():
            raise DraftError(f"{path.relative_to(root).as_posix()}: is a symbolic link (drafts are written only "
                             f"inside the project)")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        columns = corpus.headers[name] + (DUTY_EXTRA if name == "assignments" else FIGURE_EXTRA)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in tables[name]:
            writer.writerow({column: row.get(column, "") for column in columns})
        path = folder / f"{name}.csv"
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(buffer.getvalue())
        os.replace(temp, path)
        written.append(path)
    return written


def rejected_rows(root: Path, document_id: str) -> dict[str, list[dict]]:
    """Rows of an earlier draft that the review marked `rejected` (kept, never re-proposed)."""
    found = {}
    for name in TABLES:
        path = root / "drafts" / document_id / f"{name}.csv"
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                found[name] = [row for row in csv.DictReader(handle) if row.get("status") == "rejected"]
    return found


@dataclass
class Summary:
    counts: dict[str, dict[str, int]]
    files: list[Path]
    seconds: float


def draft(root: Path, document_id: str) -> Summary:
    """Read, propose, match and write: the `draft` command."""
    started = time.perf_counter()
    document = read(root, document_id)
    corpus = load_corpus(root)
    tables = match(propose(root, document, corpus), corpus, document, rejected_rows(root, document_id))
    files = write(root, document_id, tables, corpus)
    counts = {name: {} for name in TABLES}
    for name, rows in tables.items():
        for row in rows:
            counts[name][row["status"]] = counts[name].get(row["status"], 0) + 1
    return Summary(counts, files, time.perf_counter() - started)
