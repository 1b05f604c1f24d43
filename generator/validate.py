"""Validate a data package's tables with frictionless and type their cells.

Every table is validated whatever else failed (a table that could not be read is left out,
and so are the foreign keys pointing at it); every row without a problem is typed, so the
domain checks run on every row that parsed. Problems are read from frictionless' structured
error fields (`field_name`, `cell`, `row_number`, `reference_name`, …), never from its
message text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Callable

from frictionless import FrictionlessException, Package, Schema

from .incremental import cache
from .errors import Problem, Report
from .tables import Row, Table, table_hash

EXPECTED = {
    "number": "a number",
    "integer": "a whole number",
    "date": "a date written YYYY-MM-DD",
    "year": "a year such as 2025",
    "boolean": "true or false",
}
RAGGED = ("missing-cell", "extra-cell")
LARGEST_INTEGER = 2 ** 63 - 1  # SQLite's INTEGER, Parquet's int64
LARGEST_NUMBER = Decimal("1.7976931348623157e308")  # a double: SQLite's REAL, Parquet's float64, JSON readers


def validate(descriptor: dict, tables: dict[str, Table], rel: str, report: Report) -> bool:
    """Validate the package with frictionless and type every row that has no problem (the
    others are left out); whether it had none. Each table's outcome comes from the build cache
    when every input it depends on (its resource, every cell and line number of it and of the
    tables its foreign keys name) is byte-identical."""
    for table in tables.values():
        table.hash = table.hash or table_hash(table)  # a CSV table's comes with its cells (data._read_table)
    problems: dict[Problem, None] = {}  # in order, once: a broken descriptor fails every table naming it
    bad: dict[str, frozenset[int] | None] = {}
    for table in tables.values():
        # a table's outcome: its own cells and where its rows came from, and the cells of the tables its keys name
        key = [descriptor.get("name"), rel, table.name, table.descriptor, table.hash, sorted(table.invalid_documents),
               [(d.source, d.key_lines) for d in table.documents or ()],
               [(name, tables[name].descriptor, tables[name].hash) for name in _referenced(table, tables)]]
        found, bad[table.name] = cache.memo("validate", key, lambda: _frictionless(descriptor, tables, rel, table.name))
        problems.update(dict.fromkeys(found))
    report.problems.extend(problems)
    ok = not problems
    for table in tables.values():
        skip = bad.get(table.name, frozenset())
        if skip is None:  # a problem with the table itself: none of its rows can be trusted
            table.dropped = len(table.raw)
            table.rows, table.lines, table.raw = [], [], []
            continue
        typed = _typed(table, skip)
        unfit = _unfit(table, typed, report)
        table.dropped = len(table.raw) - len(typed) + len(unfit)
        ok = ok and not unfit
        table.rows = [row for i, row in typed if i not in unfit]
        if table.lines:
            table.lines = [table.lines[i] for i, _ in typed if i not in unfit]
        table.raw = []
    return ok


def _typed(table: Table, skip: frozenset[int] = frozenset()) -> list[tuple[int, Row]]:
    """(index, typed row) of every row not in `skip`, read by frictionless' own readers of each
    field's type (the same values its `read_rows` gives, without its per-row cost)."""
    schema = Schema.from_descriptor(table.descriptor["schema"])
    readers = [_reader(f, f.missing_values if f.has_defined("missing_values") else schema.missing_values)
               for f in schema.fields]
    columns = {name: i for i, name in enumerate(table.header)}
    return [(i, Row(columns, tuple([read(cell) for read, cell in zip(readers, cells)])))
            for i, cells in enumerate(table.raw) if i not in skip]


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


def _unfit(table: Table, typed: list[tuple[int, Row]], report: Report) -> set[int]:
    """Rows with a number no published format can hold (`1e400`, `NaN`, `inf`): an error at the
    row and field each (a CSV cell is a Decimal of any size; a download's number is not)."""
    numeric = [(f["name"], f["type"]) for f in table.fields if f.get("type") in ("number", "integer", "year")]
    unfit: set[int] = set()
    for i, row in typed:
        for name, kind in numeric:
            value = row.get(name)
            if value is None or _fits(value):
                continue
            expected = "a finite number within ±1.8e308" if kind == "number" else "a whole number within ±9.2e18"
            where = table.where(i + 2, name)
            where.setdefault("field", name)
            report.add(**where, code="out-of-range", message=f'"{table.raw[i][table.header.index(name)]}" is not '
                       f"a number the downloads can hold (expected {expected})",
                       hint="write the figure in digits, as the text states it: 99.79")
            unfit.add(i)
    return unfit


def _fits(value) -> bool:
    if isinstance(value, int):
        return -LARGEST_INTEGER - 1 <= value <= LARGEST_INTEGER
    if isinstance(value, Decimal):
        if not value.is_finite() or abs(value) > LARGEST_NUMBER:
            return False
        return value == 0 or float(value) != 0.0  # 1e-400 would become 0
    return True


def _referenced(table: Table, tables: dict[str, Table]) -> list[str]:
    """The other tables `table`'s foreign keys name (those that could be read), in package order."""
    named = {_reference(k, table.name) for k in table.descriptor["schema"].get("foreignKeys", [])}
    return [name for name in tables if name in named and name != table.name]


def _frictionless(descriptor: dict, tables: dict[str, Table], rel: str, name: str) -> tuple[list[Problem], frozenset | None]:
    """(problems, indexes of rows with a problem, or None when the table itself has one) of
    table `name`, validated in a package of it and the tables its keys name: an edited table
    is validated again, and the tables whose keys name it, not every table."""
    report = Report()
    resources = []
    for table in [tables[name], *(tables[other] for other in _referenced(tables[name], tables))]:
        spec = {k: v for k, v in table.descriptor.items() if k not in ("path", "x-generated-from")}
        schema = dict(spec["schema"])
        keys = [k for k in schema.get("foreignKeys", []) if _reference(k, table.name) in tables]
        if "foreignKeys" in schema:
            schema["foreignKeys"] = keys  # a table that could not be read is already reported
        resources.append({**spec, "schema": schema, "data": Cells([table.header, *table.raw])})
    try:
        package = Package({"name": descriptor.get("name", "package"), "resources": resources})
        result = package.get_resource(name).validate()
    except FrictionlessException as exc:
        report.add(rel, f"invalid data package: {exc.error.message}", "datapackage")
        return report.problems, None
    table, rows, whole = tables[name], set(), False
    for task in result.tasks:
        ragged = {e.row_number for e in task.errors if e.type in RAGGED}
        for error in task.errors:
            row = getattr(error, "row_number", None)
            whole = whole or row is None
            rows.add((row or 0) - 2)
            if row in ragged and error.type not in RAGGED:
                continue  # the cells of a ragged row are shifted: only the shape is worth saying
            _report_error(table, error, report)
    return report.problems, None if whole else frozenset(rows)


class Cells(list):
    """A table's header and rows, handed to frictionless inline. Frictionless copies a whole
    descriptor, inline data included, to check it against its profile (and again when it
    reads it); the cells are only read, so every copy is this same list: at 100,000 rows,
    seconds of copying saved, and the same report."""

    def __deepcopy__(self, memo: dict) -> "Cells":
        return self

    def __copy__(self) -> "Cells":
        return self


def _reference(key: dict, own: str) -> str:
    reference = key.get("reference", {}) if isinstance(key, dict) else {}
    return reference.get("resource") or own


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
        message, hint = _constraint_message(table, spec, str(cell))
    elif kind == "foreign-key":
        name, value = error.field_names[0], error.field_cells[0]
        other, key = error.reference_name or table.name, error.reference_field_names[0]
        if other == "documents" and value in table.invalid_documents:
            return  # that document's own front-matter error is already reported
        message = f'"{value}" is not a known {key} in {other}'
        hint = ("no file in content/documents has this id" if other == "documents"
                else f"add it to {other} or correct the spelling")
    elif kind == "primary-key":
        message, hint, name = _duplicate(table, row)
    elif kind in RAGGED:
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


def _duplicate(table: Table, row: int | None) -> tuple[str, str | None, str]:
    """A row repeating the primary key of an earlier one: its key, and the first row with it."""
    names = table.descriptor["schema"].get("primaryKey", ["id"])
    names = [names] if isinstance(names, str) else names
    columns = [table.header.index(n) for n in names if n in table.header]
    index = (row or 0) - 2
    key = tuple(table.raw[index][c] for c in columns) if 0 <= index < len(table.raw) else ()
    first = next((i for i, cells in enumerate(table.raw[:max(index, 0)])
                  if len(cells) == len(table.header) and tuple(cells[c] for c in columns) == key), None)
    previous = table.where(first + 2, names[0]) if first is not None else {}
    hint = f"line {previous['line']} has it too" if previous.get("line") else None
    return f'duplicate {names[0]} "{", ".join(key)}"', hint, names[0]


def _number_hint(cell: str, kind: str | None) -> str | None:
    if kind not in ("number", "integer"):
        return None
    if cell.endswith("%"):
        return f"write {cell[:-1].strip()} and set unit: percent"
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", cell):
        return f"write {cell.replace('.', '')} without thousands separators"
    if kind == "integer":  # a year, a count: no decimals to write
        return "write a whole number in digits only, such as 2025"
    if re.fullmatch(r"-?\d+,\d+", cell):
        return f"write {cell.replace(',', '.')} with a dot for decimals"
    return "write digits only, with a dot for decimals (99.79)"


def _constraint_message(table: Table, spec: dict, cell: str) -> tuple[str, str | None]:
    constraints = spec.get("constraints", {})
    field = Schema.from_descriptor(table.descriptor["schema"]).get_field(spec["name"])
    notes = field.read_cell(cell)[1] or {}  # constraint name → note; none: a table-wide one (unique)
    which = next((c for c in ("required", "enum", "minimum", "maximum", "pattern") if c in notes),
                 next(iter(notes), "unique"))
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
