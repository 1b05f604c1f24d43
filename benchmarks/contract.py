"""How each CSV column is filled: the one table to extend when the data contract grows.

The generator writes every resource with exactly the header of the real CSV. A column
listed in COLUMNS is filled from the generated object; any other column is left empty,
or, when the schema requires it, copied from a real row (valid by construction). A
resource the generator does not produce is copied from the real project, without the
rows whose foreign keys point at real rows the corpus does not have.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from .harvest import Resource


def _text(value: Any) -> str:
    """A cell as the real CSVs write it: numbers without exponent, None as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _attr(name: str) -> Callable[[Any], str]:
    return lambda obj: _text(getattr(obj, name))


FIGURE = {name: _attr(name) for name in (
    "id", "document", "place", "area", "indicator", "level", "statement", "statement_en", "comparator",
    "value", "unit", "year", "baseline_year", "numerator", "denominator", "source_quote", "note",
    "quote_reading")}

# resource → column → how to fill it from the generated object. Extend here.
COLUMNS: dict[str, dict[str, Callable[[Any], str]]] = {
    "places": {name: _attr(name) for name in ("id", "name", "name_en", "type", "parent")},
    "indicators": {name: _attr(name) for name in ("id", "name_vi", "name_en", "area", "unit", "direction")},
    "targets": FIGURE,
    "results": FIGURE,  # results get a comparator too once the column exists ("trên 65" is >)
    "assignments": {name: _attr(name) for name in ("id", "document", "agency", "area", "task", "source_quote")},
    # the synthetic places all exist today (no valid_until), so the corpus has no place changes: the real
    # ones start from places the generator makes anew, without the real ones' end dates
    "place_changes": {},
}


def generated_resources() -> set[str]:
    """Resources the corpus generator produces itself (the rest are copied)."""
    return set(COLUMNS)


def row_cells(resource: Resource, obj: Any, index: int) -> list[str]:
    """The cells of one generated row, in the real header's order."""
    known = COLUMNS.get(resource.name, {})
    return [known[column](obj) if column in known else _unknown(resource, column, index)
            for column in resource.header]


def _unknown(resource: Resource, column: str, index: int) -> str:
    """A column this generator does not know: empty unless required, then a real value."""
    spec = resource.spec(column)
    constraints = spec.get("constraints", {})
    if not constraints.get("required"):
        return ""
    values = [row[column] for row in resource.rows if row.get(column)]
    if values:
        return values[index % len(values)]
    if constraints.get("enum"):
        return str(constraints["enum"][0])
    return {"integer": "0", "number": "0", "boolean": "false", "year": "2000",
            "date": "2000-01-01"}.get(spec.get("type", "string"), "x")


def copied_rows(resource: Resource, keys: dict[str, set[str]]) -> list[list[str]]:
    """Real rows of a resource the generator does not produce, minus those whose foreign
    keys point at a generated resource's row that does not exist in the corpus."""
    checks = []
    for fk in resource.descriptor["schema"].get("foreignKeys", []):
        fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        other = fk["reference"].get("resource") or resource.name
        if other in keys and len(fields) == 1:
            checks.append((fields[0], keys[other]))
    return [[row.get(c, "") for c in resource.header] for row in resource.rows
            if all(not row.get(f) or row[f] in allowed for f, allowed in checks)]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """UTF-8, LF line ends, minimal quoting: how the real files are written."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), "utf-8")
