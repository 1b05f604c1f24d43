"""Load every `datasets/*/datapackage.yaml` and validate it with frictionless.

CSV files are read by us (UTF-8, BOM accepted, NFC, encoding named when wrong) and
handed to frictionless as rows, so every frictionless error can be reported at the
file and line a maintainer edits. The `documents` and `references` resources are
generated from the documents' front matter (`x-generated-from: content/documents`),
never kept twice; an error in one of their rows points at the front-matter line.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterator

from frictionless import FrictionlessException, Package, Schema

from . import cache
from .content import Content, Document, Reference
from .errors import Problem, Report
from .markup import Rendered, squash
from .yamlfile import load_yaml, read_text

EXPECTED = {
    "number": "a number",
    "integer": "a whole number",
    "date": "a date written YYYY-MM-DD",
    "year": "a year such as 2025",
    "boolean": "true or false",
}
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


class Row(Mapping):
    """One typed row (text, int, Decimal, date, bool or None), read by column name like a
    dict, kept as a tuple in the table's column order: a national corpus has hundreds of
    thousands of rows, and a dict a row costs four times the tuple."""

    __slots__ = ("columns", "values")

    def __init__(self, columns: dict[str, int], values: tuple):
        self.columns, self.values = columns, values  # columns: name → position, shared by the table's rows

    def __getitem__(self, name: str) -> Any:
        return self.values[self.columns[name]]

    def get(self, name: str, default: Any = None) -> Any:
        at = self.columns.get(name)
        return default if at is None else self.values[at]

    def __iter__(self) -> Iterator[str]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)

    def __repr__(self) -> str:
        return f"Row({dict(self)!r})"


@dataclass
class Table:
    """One resource: where it came from, its schema and its typed rows.

    `raw` holds the cells as read until the package is validated and typed; then only the
    typed `rows` are kept (the same text objects), and `hash` stands for the cells."""

    name: str
    file: str  # path shown in messages
    descriptor: dict
    header: list[str] = field(default_factory=list)
    raw: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # file line of each data row
    rows: list[Row] = field(default_factory=list)
    hash: str = ""  # of the header, every cell and every line number (see table_hash)
    documents: list[Document] | None = None  # for the generated documents resource
    invalid_documents: frozenset[str] = frozenset()  # ids of documents with front-matter errors
    # for a generated resource: each row's document and, per column, the front-matter key it comes from
    origins: list[tuple[Document, dict[str, str]]] | None = None

    @property
    def fields(self) -> list[dict]:
        return self.descriptor["schema"]["fields"]

    def where(self, row_number: int | None, field_name: str | None) -> dict:
        """file/line (and front-matter field) for frictionless' row number (header = 1) in this table."""
        index = (row_number or 0) - 2
        if self.origins is not None and 0 <= index < len(self.origins):
            document, keys = self.origins[index]
            key = keys.get(field_name or "", field_name or "id")
            return {"file": document.source, "line": document.line_of(key), "field": key}
        if self.documents is not None and 0 <= index < len(self.documents):
            document = self.documents[index]
            return {"file": document.source, "line": document.line_of(field_name or "id")}
        line = self.lines[index] if 0 <= index < len(self.lines) else None
        return {"file": self.file, "line": line}


@dataclass
class Dataset:
    name: str
    folder: str
    descriptor: dict
    tables: dict[str, Table]


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
    descriptor = load_yaml(path, rel, report)
    if descriptor is None:
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        report.add(rel, "expected a data package with a list of resources", "datapackage", field="resources")
        return None
    loaded: dict[int, Table] = {}
    ok = True
    resources = list(enumerate(descriptor["resources"]))
    # CSV files first: a generated resource may need one (references compare dates with legal_documents)
    for i, resource in sorted(resources, key=lambda item: _is_generated(item[1])):
        table = _load_resource(root, path.parent, rel, i, resource, content, report, loaded)
        if table is None:
            ok = False
        else:
            loaded[i] = table
    _check_quotes(list(loaded.values()), content, report)
    for key, pattern, expected in RELEASE_KEYS:
        value = descriptor.get(key)
        if not isinstance(value, str) or not re.fullmatch(pattern, value) or (key == "created" and not _is_date(value)):
            report.add(rel, f"{_show(value)} is not valid (expected {expected})", "datapackage", field=key)
            ok = False
    if not ok:
        return None
    tables = {loaded[i].name: loaded[i] for i in sorted(loaded)}
    if not _validate(descriptor, tables, rel, report):
        return None
    return Dataset(descriptor.get("name", path.parent.name), path.parent.name, descriptor, tables)


def _is_generated(resource) -> bool:
    return isinstance(resource, dict) and resource.get("x-generated-from") == "content/documents"


def _load_resource(root, folder, rel, i, resource, content, report, loaded: dict[int, Table]) -> Table | None:
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
    text = read_text(folder / target, file, report)
    if text is None:
        return None
    if not text.strip():
        report.add(file, "file is empty", "empty-file",
                   hint=f"the first line must be the header: {','.join(f['name'] for f in table.fields)}")
        return None
    reader = csv.reader(io.StringIO(text))
    known: dict[str, str] = {}  # each distinct cell kept once however many rows repeat it (ids, units, years,
    # and the statements and quotes plans copy from one another); the dict goes when the table is read
    try:
        table.header = next(reader)
        for row in reader:
            if not row:
                continue  # an empty line (often the last one a spreadsheet writes)
            table.lines.append(reader.line_num)
            table.raw.append([known.setdefault(cell, cell) for cell in row])
    except csv.Error as exc:
        report.add(file, f"CSV syntax error: {exc}", "csv", line=reader.line_num,
                   hint="check the quotes: a field with a comma is written \"like, this\"")
        return None
    if not _check_header(table, report):
        return None
    table.invalid_documents = content.invalid_ids
    return table


def _check_quotes(tables: list[Table], content: Content, report: Report) -> None:
    """Every quote must occur in its document's text (NFC, white space squashed): each CSV
    row's source_quote and each front-matter reference's quote. A document's text is read
    once for every row and reference citing it (it is kept on disk, see `texts.Texts`)."""
    citing: dict[str, list[tuple[Table, int, str]]] = {document.id: [] for document in content.documents}
    for table in tables:
        if "source_quote" not in table.header or "document" not in table.header:
            continue
        at_document, at_quote = table.header.index("document"), table.header.index("source_quote")
        for i, row in enumerate(table.raw):
            if len(row) == len(table.header) and row[at_document] in citing:
                citing[row[at_document]].append((table, i, row[at_quote]))
            # else frictionless reports the ragged row or the unknown document
    for document in content.documents:
        if not citing[document.id] and not document.references:
            continue
        rendered = document.rendered
        for table, i, quote in citing[document.id]:
            if quote.strip() and not rendered.find(quote):
                report.add(table.file, f"not found in the text of {document.source}", "quote-not-found",
                           line=table.lines[i], field="source_quote",
                           hint=closest_passage(quote, [b.text for b in rendered.blocks]))
        for i, reference in enumerate(document.references):
            _check_reference(document, rendered, i, reference, report)


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


def _check_reference(document: Document, rendered: Rendered, i: int, reference: Reference,
                     report: Report) -> None:
    """A reference's quote occurs in the document's text, and its wording in the quote."""
    entry = f"references[{i}]"
    if not rendered.find(reference.quote):
        report.add(document.source, f"not found in the text of {document.source}", "quote-not-found",
                   line=document.line_of(f"{entry}.quote"), field=f"{entry}.quote",
                   hint=closest_passage(reference.quote, [b.text for b in rendered.blocks]))
    elif squash(reference.wording) not in squash(reference.quote):
        report.add(document.source, "not found in its quote", "quote-not-found",
                   line=document.line_of(f"{entry}.wording"), field=f"{entry}.wording",
                   hint="copy the instrument's name from the quote exactly, as the text writes it")


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def table_hash(table: Table) -> str:
    """A hash of the table's header, cells and line numbers, streamed: never one text of every row."""
    hasher = hashlib.sha256(repr((table.name, table.file, table.header)).encode("utf-8", "surrogatepass"))
    step = 2000
    for start in range(0, len(table.raw), step):
        chunk = (table.raw[start:start + step], table.lines[start:start + step])
        hasher.update(repr(chunk).encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


def _validate(descriptor: dict, tables: dict[str, Table], rel: str, report: Report) -> bool:
    """Validate the package with frictionless; the outcome comes from the build cache when
    every input it depends on (descriptor, every cell, every line number) is byte-identical.
    Then every table's cells are typed (see `_typed`) and the raw cells let go."""
    for table in tables.values():
        table.hash = table_hash(table)
    key = [descriptor, rel, [(t.hash, sorted(t.invalid_documents), [(d.source, d.key_lines) for d in t.documents or ()])
                             for t in tables.values()]]
    problems, ok = cache.memo("validate", key, lambda: _frictionless(descriptor, tables, rel))
    report.problems.extend(problems)
    if not ok:
        return False
    for table in tables.values():
        table.rows, table.raw = _typed(table), []
    return True


def _typed(table: Table) -> list[Row]:
    """The table's valid cells as typed values, read by frictionless' own readers of each
    field's type (the same values its `read_rows` gives, without its per-row cost)."""
    schema = Schema.from_descriptor(table.descriptor["schema"])
    readers = [_reader(f, f.missing_values if f.has_defined("missing_values") else schema.missing_values)
               for f in schema.fields]
    columns = {name: i for i, name in enumerate(table.header)}
    return [Row(columns, tuple([read(cell) for read, cell in zip(readers, cells)])) for cells in table.raw]


def _reader(spec, missing: list[str]) -> Callable[[str], Any]:
    """A function typing one cell of `spec`'s column; a value (2025, Decimal("80"), a date)
    is made once per distinct cell and shared by the rows that repeat it (they are immutable)."""
    missing = set(missing)
    if spec.type == "string" and spec.format == "default":
        return lambda cell: None if cell in missing else cell
    read, known = spec.create_value_reader(), {}

    def typed(cell: str) -> Any:
        if cell in missing:
            return None
        value = known.get(cell, known)
        if value is known:
            value = known[cell] = read(cell)
        return value
    return typed


def _frictionless(descriptor: dict, tables: dict[str, Table], rel: str) -> tuple[list[Problem], bool]:
    """(problems, whether the package is valid)."""
    report = Report()
    resources = []
    for table in tables.values():
        spec = {k: v for k, v in table.descriptor.items() if k not in ("path", "x-generated-from")}
        resources.append({**spec, "data": [table.header, *table.raw]})
    try:
        package = Package({"name": descriptor.get("name", "package"), "resources": resources})
        result = package.validate()
    except FrictionlessException as exc:
        report.add(rel, f"invalid data package: {exc.error.message}", "datapackage")
        return report.problems, False
    for task in result.tasks:
        table = tables[task.name]
        ragged = {e.row_number for e in task.errors if e.type in ("missing-cell", "extra-cell")}
        for error in task.errors:
            row = getattr(error, "row_number", None)
            if row in ragged and error.type not in ("missing-cell", "extra-cell"):
                continue  # the cells of a ragged row are shifted: only the shape is worth saying
            _report_error(table, error, report)
    return report.problems, not report.errors


def _report_error(table: Table, error, report: Report) -> None:
    """Turn one frictionless error into a Problem at the maintainer's file and line."""
    kind = error.type
    row = getattr(error, "row_number", None)
    name = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    spec = next((f for f in table.fields if f["name"] == name), {})
    hint = None
    if kind == "type-error":
        expected = EXPECTED.get(spec.get("type"), f"of type {spec.get('type')}")
        message, hint = f'"{cell}" is not {expected}', _number_hint(str(cell), spec.get("type"))
    elif kind == "constraint-error":
        message, hint = _constraint_message(spec, str(cell), error.note)
    elif kind == "foreign-key":
        match = re.search(r'for "([^"]+)": values "(.*)" not found in the lookup table "([^"]*)" as "([^"]+)"',
                          error.note)
        if match:
            name, value, other, key = match.groups()
            other = other or table.name
            if other == "documents" and value in table.invalid_documents:
                return  # that document's own front-matter error is already reported
            message = f'"{value}" is not a known {key} in {other}'
            hint = ("no file in content/documents has this id" if other == "documents"
                    else f"add it to {other} or correct the spelling")
        else:
            message = error.note
    elif kind == "primary-key":
        first = re.search(r"row at position (\d+)", error.note)
        name = table.descriptor["schema"].get("primaryKey", ["id"])[0]
        index = (row or 0) - 2
        cells = table.raw[index] if 0 <= index < len(table.raw) else []
        column = table.header.index(name) if name in table.header else len(cells)
        value = cells[column] if column < len(cells) else ""
        previous = table.where(int(first.group(1)), name) if first else {}
        message = f'duplicate {name} "{value}"'
        hint = f"line {previous['line']} has it too" if previous.get("line") else None
    elif kind in ("missing-cell", "extra-cell"):
        index = (row or 0) - 2
        cells = len(table.raw[index]) if 0 <= index < len(table.raw) else "?"
        message = f"row has {cells} cells but the header has {len(table.header)}"
        hint, name = "check for a missing or extra comma", None
    elif kind == "blank-row":
        message, hint = "blank row", "delete the empty line"
    else:
        message = error.message
    where = table.where(row, name)
    where.setdefault("field", name)
    report.add(**where, message=message, code=kind, hint=hint)


def _number_hint(cell: str, kind: str | None) -> str | None:
    if kind not in ("number", "integer"):
        return None
    if cell.endswith("%"):
        return f"write {cell[:-1].strip()} and set unit: percent"
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cell):
        return f"write {cell.replace('.', '')} without thousands separators"
    if re.fullmatch(r"-?\d+,\d+", cell):
        return f"write {cell.replace(',', '.')} with a dot for decimals"
    return "write digits only, with a dot for decimals (99.79)"


def _constraint_message(spec: dict, cell: str, note: str) -> tuple[str, str | None]:
    constraints = spec.get("constraints", {})
    which = re.search(r'constraint "(\w+)"', note or "")
    which = which.group(1) if which else ""
    if which == "required":
        return "is empty but a value is required", None
    if which == "enum":
        return f'"{cell}" is not one of {", ".join(map(str, constraints["enum"]))}', None
    if which in ("minimum", "maximum"):
        word = "below the minimum" if which == "minimum" else "above the maximum"
        return f'"{cell}" is {word} {constraints[which]}', None
    if which == "pattern":
        return f'"{cell}" is not a valid code', "use lower-case letters, digits and hyphens"
    if which == "unique":
        return f'"{cell}" appears more than once', None
    return f'"{cell}" breaks the constraint {which}', None


def closest_passage(quote: str, blocks: list[str]) -> str:
    """Point at the passage a wrong quote most resembles, so the typo is easy to spot."""
    quote = squash(quote)
    best, best_ratio = "", 0.0
    for text in blocks:
        step = max(1, len(quote) // 4)
        for start in range(0, max(1, len(text) - len(quote) + 1), step):
            window = text[start:start + len(quote)]
            ratio = difflib.SequenceMatcher(None, quote, window, autojunk=False).ratio()
            if ratio > best_ratio:
                best, best_ratio = window, ratio
    if best_ratio < 0.6:
        return "copy the sentence from the document exactly"
    return f'the closest passage is "{best}"'
