"""Accept one reviewed row: check it as the build would, then append it to its CSV.

Validating the whole project per accept takes about half a second on the curated corpus and
grows with it, so only the new row is checked, with the build's own functions and wording:
data.py reads the CSV (encoding, header); validate.py validates with frictionless against the
resource's own schema (the new row, plus the existing row with the same id if there is one,
so a duplicate is reported as the build reports it; foreign keys against lookup tables of
the referenced keys only); then quotes.py's quote check and checks.py's domain checks (the
figure check among them) on the one row. A problem is the same
`file:line: field: message` text `python build.py validate` prints, at the line the row
would have. An accepted row is appended: every byte already in the file is kept, the file's
line ends are used, and the new file replaces the old one atomically.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..checks import check_catalogue
from ..frontmatter import SLUG
from ..content import Content, Document, Texts, parse_document, safe_body, split_front_matter
from ..data import Dataset, Table, load_resource
from ..errors import Problem, Report
from ..model import build_catalogue
from ..quotes import check_quotes
from ..validate import validate
from ..yamlfile import load_yaml, read_text

PACKAGE = "datasets/cchc/datapackage.yaml"
TABLES = ("targets", "results", "assignments")
_WRITING = threading.Lock()  # one accept at a time: each appends to what the previous wrote


class Refused(Exception):
    """The row breaks a rule of the build; `problems` are the build's own, at the row's line."""

    def __init__(self, problems: list[Problem]):
        # in the order `python build.py validate` prints them, each once
        self.problems = [p for same_file in Report(problems).grouped().values() for p in same_file]
        super().__init__("\n".join(p.format() for p in self.problems))


@dataclass(frozen=True)
class Accepted:
    id: str
    file: str  # e.g. datasets/cchc/targets.csv
    line: int  # the line the row was written on (its last, for a cell with line breaks)
    warnings: tuple[str, ...] = ()


def fields_of(root: Path, name: str) -> list[dict]:
    """The schema fields of a table, in the order of its CSV header."""
    _, resource = resource_of(root, name, Report())
    return resource["schema"]["fields"]


def accept_row(root: Path, name: str, values: dict[str, str]) -> Accepted:
    """Check the row `values` (column → text) and append it to the `name` table; raise Refused."""
    if name not in TABLES:
        raise ValueError(f"not a table a review writes: {name}")
    with _WRITING:
        return _accept(root.resolve(), name, values)


def _accept(root: Path, name: str, values: dict[str, str]) -> Accepted:
    report = Report()
    index, resource = resource_of(root, name, report)
    document_id = _clean(values.get("document"))
    document = load_document(root, document_id, report)
    exists = bool(SLUG.match(document_id)) and (root / f"content/documents/{document_id}.md").is_file()
    # a document with front-matter errors: those are the problems, not an unknown id (as in the build)
    content = Content((document,) if document else (), (), frozenset({document_id} if exists and not document else ()))
    folder = root / PACKAGE.rsplit("/", 1)[0]
    path = folder / resource["path"]
    before = path.read_bytes() if path.is_file() else b""
    table = load_resource(root, folder, PACKAGE, index, resource, content, report, {})
    if table is None:
        raise Refused(report.errors)
    cells = [_clean(values.get(column)) for column in table.header]
    addition, line = _addition(before, cells)
    row = _subset(table, [cells], [line])
    _check_row(root, name, resource, table, row, content, report)
    mine = [p for p in report.problems if (p.file, p.line) == (table.file, line)]
    # the document's own problems (front matter, text) stop the row too: the build would refuse them
    mine += [p for p in report.errors if document is None and p.file.startswith("content/")]
    errors = [p for p in mine if p.severity == "error"]
    if errors:
        raise Refused(errors)
    if path.read_bytes() != before:
        raise Refused([Problem(table.file, "the file changed while the row was checked; accept again",
                               "changed")])
    replace(path, before + addition)
    return Accepted(cells[table.header.index("id")], table.file, line,
                    tuple(p.format() for p in mine if p.severity != "error"))


def _check_row(root: Path, name: str, resource: dict, table: Table, row: Table, content: Content,
               report: Report) -> None:
    """The build's checks on the new row `row` of `table`, problems into `report`."""
    key = resource["schema"].get("primaryKey", ["id"])
    at = [table.header.index(k) for k in key]
    new = row.raw[0]
    same = [i for i, cells in enumerate(table.raw) if all(a < len(cells) and cells[a] == new[a] for a in at)]
    validated = _subset(table, [table.raw[i] for i in same[:1]] + [new], [table.lines[i] for i in same[:1]] + row.lines)
    validated.invalid_documents = content.invalid_ids
    tables = {name: validated, **_lookups(root, resource, name, content, report)}
    check_quotes([row], content, report)
    # as the build: frictionless types the rows it finds no problem in; the domain checks read those
    validate({"name": "cchc"}, tables, PACKAGE, report)
    if not content.documents or not validated.rows:
        return
    # the whole package declared, one table read: the checks across rows wait for whole tables
    dataset = Dataset("cchc", "cchc", package_of(root, report), {name: validated})
    check_catalogue(build_catalogue(content, [dataset]), report)  # the domain checks (and the figure check's hook)


def _lookups(root: Path, resource: dict, name: str, content: Content, report: Report) -> dict[str, Table]:
    """For each foreign key, a table of the referenced keys only (the values a row may name)."""
    tables: dict[str, Table] = {}
    for foreign in resource["schema"].get("foreignKeys", []):
        other, fields = foreign["reference"]["resource"] or name, foreign["reference"]["fields"]
        if other == name or other in tables:
            continue
        if other == "documents":
            keys = [[d.id] for d in content.documents]
        else:
            index, spec = resource_of(root, other, report)
            loaded = load_resource(root, root / PACKAGE.rsplit("/", 1)[0], PACKAGE, index, spec, content,
                                    report, {})
            at = [loaded.header.index(f) for f in fields] if loaded else []
            rows = [cells for cells in loaded.raw if len(cells) == len(loaded.header)] if loaded else []
            keys = [[cells[a] for a in at] for cells in rows]
        descriptor = {"name": other, "schema": {"fields": [{"name": f, "type": "string"} for f in fields]}}
        tables[other] = Table(other, other, descriptor, header=list(fields), raw=keys)
    return tables


def _subset(table: Table, raw: list[list[str]], lines: list[int]) -> Table:
    return Table(table.name, table.file, table.descriptor, header=table.header, raw=raw, lines=lines)


def _addition(before: bytes, cells: list[str]) -> tuple[bytes, int]:
    """The bytes that append the row to a file holding `before` (its own line ends), and the
    line the build will report the row at (csv's line number: the record's last line)."""
    newline = "\r\n" if b"\r\n" in before.split(b"\n", 1)[0] + b"\n" else "\n"
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerow(cells)
    record = out.getvalue()
    prefix = newline if before and not before.endswith(b"\n") else ""
    lines_before = before.count(b"\n") + (1 if prefix else 0)
    return (prefix + record).encode("utf-8"), lines_before + record.replace("\r\n", "\n").count("\n")


def replace(path: Path, data: bytes) -> None:
    """Make `data` the content of `path` at once: a temporary file beside it, flushed to disk,
    then `os.replace` (a reader sees the old file or the new one, never half of it)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _clean(value) -> str:
    """A submitted cell as the build reads it: NFC, without surrounding white space."""
    return unicodedata.normalize("NFC", "" if value is None else str(value)).strip()


_PACKAGES: dict[tuple, dict] = {}


def package_of(root: Path, report: Report) -> dict:
    """The cchc package's descriptor (read again when the file changes)."""
    path = root / PACKAGE
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _PACKAGES:
        descriptor = load_yaml(path, PACKAGE, report)
        if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
            raise Refused(report.errors or [Problem(PACKAGE, "expected a data package with a list of resources",
                                                    "datapackage", field="resources")])
        _PACKAGES.clear()
        _PACKAGES[key] = descriptor
    return _PACKAGES[key]


def resource_of(root: Path, name: str, report: Report) -> tuple[int, dict]:
    """(index, descriptor) of the resource `name` in the cchc package."""
    for index, resource in enumerate(package_of(root, report)["resources"]):
        if isinstance(resource, dict) and resource.get("name") == name:
            return index, resource
    raise Refused([Problem(PACKAGE, f"no resource named {name}", "datapackage")])


def load_document(root: Path, document_id: str, report: Report) -> Document | None:
    """One curated document as the build reads it (front matter checked, text rendered), kept
    while its file is unchanged; its problems go to `report`. None when there is none or it is invalid."""
    rel = f"content/documents/{document_id}.md"
    path = root / rel
    if not SLUG.match(document_id) or not path.is_file():
        return None
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _DOCUMENTS:
        own = Report()
        text = read_text(path, rel, own)
        parsed = split_front_matter(text, rel, own) if text is not None else None
        document = None
        if parsed is not None and safe_body(parsed[1], parsed[2], rel, own):
            document = parse_document(*parsed, text, rel, own, _texts())
        if len(_DOCUMENTS) > 16:
            _DOCUMENTS.clear()
        _DOCUMENTS[key] = (document, own.problems)
    document, problems = _DOCUMENTS[key]
    report.problems.extend(problems)
    return document


_DOCUMENTS: dict[tuple, tuple[Document | None, list[Problem]]] = {}
_TEXTS: list[Texts] = []


def _texts() -> Texts:
    """One store of documents' texts for the server's life (a document is stored when it changes)."""
    if not _TEXTS:
        _TEXTS.append(Texts())
    return _TEXTS[0]
