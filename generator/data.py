"""Load every `datasets/*/datapackage.yaml` and validate it with frictionless.

CSV files are read by us (UTF-8, BOM accepted, NFC, encoding named when wrong) and
handed to frictionless as rows, so every frictionless error can be reported at the
file and line a maintainer edits. The `documents` and `references` resources are
generated from the documents' front matter (`x-generated-from: content/documents`),
never kept twice; an error in one of their rows points at the front-matter line.
"""

from __future__ import annotations

import csv
import hashlib
import marshal
import re
from datetime import date
from pathlib import Path, PurePosixPath

from .content import Content, Document, Reference
from .descriptor import check_descriptor
from .errors import Report
from .incremental import cache
from .inputs import escapes
from .quotes import check_quotes
from .tables import Dataset, Row, Table, table_hash  # noqa: F401 (the package's types, imported from here)
from .validate import validate
from .yamlfile import parse_yaml, read_lines, read_text

GENERATED = ("documents", "references")  # resources built from content/documents
DATE_OK, DATE_DISAGREES = "ok", "disagrees"


RELEASE_KEYS = [  # the data release, shown on pages and published in datapackage.json
    ("version", r"\d+\.\d+\.\d+", "a version such as 1.2.0"),
    ("created", r"\d{4}-\d{2}-\d{2}", "the date the data last changed, written YYYY-MM-DD"),
]


def _is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
        return True
    except ValueError:
        return False


def _show(value) -> str:
    return "missing" if value is None else f'"{value}"'


def load_datasets(root: Path, content: Content, report: Report) -> list[Dataset]:
    """Every data package under `root/datasets`, validated; problems go to `report`."""
    datasets = []
    paths = sorted((root / "datasets").glob("*/datapackage.yaml"))
    for path in paths:
        dataset = _load_package(root, path, content, report)
        if dataset:
            datasets.append(dataset)
    if not paths:
        report.add("datasets", "no data package found", "missing-file",
                   hint="add datasets/<name>/datapackage.yaml")
    return datasets


def _load_package(root: Path, path: Path, content: Content, report: Report) -> Dataset | None:
    rel = path.relative_to(root).as_posix()
    text = read_text(path, rel, report)
    descriptor = None if text is None else parse_yaml(text, rel, report)
    if descriptor is None:
        return None
    broken = check_descriptor(text, rel, report)  # resources of the wrong shape are left out
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        report.add(rel, "expected a data package with a list of resources", "datapackage", field="resources")
        return None
    loaded: dict[int, Table] = {}
    resources = list(enumerate(descriptor["resources"]))
    # CSV files first: a generated resource may need one (references compare dates with legal_documents)
    for i, resource in sorted(resources, key=lambda item: _is_generated(item[1])):
        if i in broken:
            continue
        table = load_resource(root, path.parent, rel, i, resource, content, report, loaded)
        if table is not None:
            loaded[i] = table
    check_quotes(list(loaded.values()), content, report)
    for key, pattern, expected in RELEASE_KEYS:
        value = descriptor.get(key)
        if not isinstance(value, str) or not re.fullmatch(pattern, value) or (key == "created" and not _is_date(value)):
            report.add(rel, f"{_show(value)} is not valid (expected {expected})", "datapackage", field=key)
    # every table that could be read is validated whatever else failed, and its good rows typed:
    # the domain checks then run on every row that parsed (the report stops the build before writing)
    tables = {loaded[i].name: loaded[i] for i in sorted(loaded)}
    validate(descriptor, tables, rel, report)
    return Dataset(descriptor.get("name", path.parent.name), path.parent.name, descriptor, tables)


def _is_generated(resource) -> bool:
    return isinstance(resource, dict) and resource.get("x-generated-from") == "content/documents"


def load_resource(root, folder, rel, i, resource, content, report, loaded: dict[int, Table]) -> Table | None:
    where = f"resources[{i}]"
    if not isinstance(resource, dict) or not isinstance(resource.get("name"), str) \
            or not isinstance(resource.get("schema"), dict) \
            or not isinstance(resource["schema"].get("fields"), list):
        report.add(rel, "expected a resource with a name and a schema with fields", "datapackage", field=where)
        return None
    name = resource["name"]
    if _is_generated(resource):
        if name == "documents":
            return _documents_table(resource, content)
        if name == "references":
            legal = next((t for t in loaded.values() if t.name == "legal_documents"), None)
            return _references_table(resource, content, legal, report)
        report.add(rel, f"resource {name}: nothing generates it from content/documents",
                   "datapackage", field=f"{where}.x-generated-from",
                   hint=f"generated resources are {' and '.join(GENERATED)}")
        return None
    target = resource.get("path")
    if not isinstance(target, str) or PurePosixPath(target).is_absolute() or ".." in PurePosixPath(target).parts:
        report.add(rel, f"resource {name}: path must be a file inside the package folder", "unsafe-path",
                   field=f"{where}.path")
        return None
    file = (folder / target).relative_to(root).as_posix()
    table = Table(name, file, resource)
    try:
        table.header, table.lines, table.raw, table.hash = _read_table(table, folder / target, report)
    except _Unreadable:
        return None
    table.invalid_documents = content.invalid_ids
    return table


class _Unreadable(Exception):
    """A CSV file that could not be read as its table; its problems are in the report."""


def _read_table(table: Table, path: Path, report: Report) -> tuple:
    """(header, line numbers, cells, hash) of the CSV file at `path`: from the build cache when its
    bytes and its resource are unchanged (a national corpus has hundreds of thousands of rows:
    reading them was most of a rebuild's data stage). A file that cannot be read is never
    stored, so its problems are reported by every build.

    The entry is marshalled, not pickled: a pickler keeps a UTF-8 copy inside every non-ASCII
    text it writes (CPython's PyUnicode_AsUTF8AndSize), and these texts are the rows' for the whole
    build (at 2,000 documents, 14 MB more in the build's process and every worker forked from it);
    marshal keeps the cells that repeat shared, as they were read."""
    try:
        if escapes(path, table.file) is not None:
            raise OSError  # (through a link) outside the project: never read
        with path.open("rb") as handle:
            stamp = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:  # _parse_table says what is wrong
        return _parse_table(table, path, report)
    parsed: list[tuple] = []

    def parse() -> bytes:
        parsed.append(_parse_table(table, path, report))
        return marshal.dumps(parsed[0])
    stored = cache.memo("table", [table.file, table.descriptor, stamp], parse)
    return parsed[0] if parsed else marshal.loads(stored)


def _parse_table(table: Table, path: Path, report: Report) -> tuple:
    lines = read_lines(path, table.file, report)
    if lines is None:
        raise _Unreadable
    reader = csv.reader(lines)
    known: dict[str, str] = {}  # each distinct cell kept once however many rows repeat it (ids, units, years,
    # and the statements and quotes plans copy from one another); the dict goes when the table is read
    try:
        table.header = next(reader, [])
        for row in reader:
            if not row:
                continue  # an empty line (often the last one a spreadsheet writes)
            table.lines.append(reader.line_num)
            table.raw.append([known.setdefault(cell, cell) for cell in row])
    except csv.Error as exc:
        report.add(table.file, f"CSV syntax error: {exc}", "csv", line=reader.line_num,
                   hint="check the quotes: a field with a comma is written \"like, this\"")
        raise _Unreadable from None
    except UnicodeDecodeError:
        read_text(path, table.file, report)  # says where, and which encoding it looks written in
        raise _Unreadable from None
    if not table.raw and not "".join(table.header).strip():
        report.add(table.file, "file is empty", "empty-file",
                   hint=f"the first line must be the header: {','.join(f['name'] for f in table.fields)}")
        raise _Unreadable
    if not _check_header(table, report):
        raise _Unreadable
    return table.header, table.lines, table.raw, table_hash(table)


def _check_header(table: Table, report: Report) -> bool:
    expected = [f["name"] for f in table.fields]
    if table.header == expected:
        return True
    missing = [n for n in expected if n not in table.header]
    unknown = [n for n in table.header if n not in expected]
    detail = []
    if missing:
        detail.append("missing " + ", ".join(missing))
    if unknown:
        detail.append("unknown " + ", ".join(repr(n) for n in unknown))
    if not detail:
        detail.append("columns in another order")
    report.add(table.file, f"wrong header: {'; '.join(detail)}", "header", line=1,
               hint=f"the header must be exactly: {','.join(expected)}")
    return False


def _documents_table(resource: dict, content: Content) -> Table:
    table = Table(resource["name"], "content/documents", resource, documents=list(content.documents))
    table.header = [f["name"] for f in table.fields]
    for document in content.documents:
        table.raw.append([_cell(getattr(document, name, None)) for name in table.header])
    return table


def _references_table(resource: dict, content: Content, legal: Table | None, report: Report) -> Table:
    """One row per (citing document, cited instrument), from each document's `references:`."""
    table = Table(resource["name"], "content/documents", resource, origins=[])
    table.header = [f["name"] for f in table.fields]
    dates = _legal_dates(legal)
    for document in content.documents:
        for i, reference in enumerate(document.references):
            own = dates.get(reference.legal)
            check = "" if own is None or reference.date is None else \
                DATE_OK if own == reference.date.isoformat() else DATE_DISAGREES
            values = {"document": document.id, "legal_document": reference.legal, "relation": reference.relation,
                      "date": reference.date, "wording": reference.wording, "quote": reference.quote,
                      "date_check": check}
            table.raw.append([_cell(values.get(name)) for name in table.header])
            table.origins.append((document, _reference_keys(document, i, reference)))
    return table


def _reference_keys(document: Document, i: int, reference: Reference) -> dict[str, str]:
    """Which front-matter key each column of a references row comes from (for pointing at errors)."""
    entry = f"references[{i}]"
    legal_key = f"{entry}.legal"
    for key, ids in (("implements", document.implements), ("reports_on", document.reports_on)):
        if reference.legal in ids:
            legal_key = f"{key}[{ids.index(reference.legal)}]"  # the list a maintainer reads first
    return {"document": "id", "legal_document": legal_key, "relation": legal_key, "date": f"{entry}.date",
            "wording": f"{entry}.wording", "quote": f"{entry}.quote", "date_check": f"{entry}.date"}


def _legal_dates(legal: Table | None) -> dict[str, str]:
    """legal_documents id → its own date as written (YYYY-MM-DD), where it has one."""
    if legal is None or "id" not in legal.header or "date" not in legal.header:
        return {}
    at_id, at_date = legal.header.index("id"), legal.header.index("date")
    return {row[at_id]: row[at_date] for row in legal.raw
            if len(row) == len(legal.header) and row[at_date].strip()}


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
