"""The published tables every download format is written from, computed once.

Rows come from the validated, typed rows (NFC text, int, Decimal, date, None), never
re-read from the maintainers' CSV. Fields are read from the package descriptor, so a
column added to `datapackage.yaml` appears in every format without code changes; only
the flat tables' joined names are declared here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Callable, Iterator

from ..config import Config
from ..tables import Row
from ..model import Catalogue
from ..pages.urls import document_path, site_url  # noqa: F401 - site_url: the downloads' one way to an absolute URL

EXTRA_FIELDS = {
    "results": [
        {"name": "ratio_check", "type": "string",
         "description": "Computed at build: ok, or disagrees when the stated percentage differs from "
                        "numerator/denominator by more than 0.05 points; empty when there are no parts."},
        {"name": "ratio_computed", "type": "number",
         "description": "numerator/denominator × 100, rounded to 2 decimals, when both are given."},
    ],
    "places": [  # computed from place_changes (generator/places.py): what each place is part of today
        {"name": "today", "type": "string",
         "description": "Computed at build: the unit this place is part of today (its id): the place itself while "
                        "it still exists; empty when it has no single successor (split, or nothing succeeds it)."},
        {"name": "today_name", "type": "string", "description": "Name of that unit (Vietnamese)."},
        {"name": "province_today", "type": "string",
         "description": "Computed at build: the provincial-level unit this place is part of today (its id); empty "
                        "for the country or when it has no single successor."},
        {"name": "province_today_name", "type": "string", "description": "Name of that unit (Vietnamese)."},
    ],
}
SOURCE_URL = {"name": "source_url", "type": "string",
              "description": "Link to the quoted sentence on the document's page."}

# name, type, description, (resource, key column, column of that resource) it is looked up from
JOINED = [
    ("place_name", "string", "Name of the place (Vietnamese).", ("places", "place", "name")),
    ("place_name_en", "string", "Name of the place (English).", ("places", "place", "name_en")),
    ("province", "string", "The province the place is in (its id; the place itself for a province).", None),
    ("province_name", "string", "Name of that province (Vietnamese).", None),
    ("indicator_name", "string", "Name of the indicator (Vietnamese).", ("indicators", "indicator", "name_vi")),
    ("indicator_name_en", "string", "Name of the indicator (English).", ("indicators", "indicator", "name_en")),
    ("indicator_unit", "string", "Unit of the indicator.", ("indicators", "indicator", "unit")),
    ("area_name", "string", "Name of the reform area (Vietnamese).", ("areas", "area", "name_vi")),
    ("area_name_en", "string", "Name of the reform area (English).", ("areas", "area", "name_en")),
    ("document_number", "string", "Number of the source document.", ("documents", "document", "number")),
    ("document_date", "date", "Date of the source document.", ("documents", "document", "date")),
    ("document_title", "string", "Title of the source document (Vietnamese).", ("documents", "document", "title")),
    ("document_title_en", "string", "Title of the source document (English).", ("documents", "document", "title_en")),
    # issue 23: `place` stays the place as the document was issued; these say what it is part of today
    ("place_today", "string", "The unit the place is part of today (its id; the place itself while it still exists; "
                              "empty when it has no single successor). See place_changes.", ("places", "place", "today")),
    ("place_today_name", "string", "Name of that unit (Vietnamese).", ("places", "place", "today_name")),
    ("province_today", "string", "The provincial-level unit the place is part of today (its id; empty for the "
                                 "country or when it has no single successor).", ("places", "place", "province_today")),
    ("province_today_name", "string", "Name of that provincial-level unit (Vietnamese).",
     ("places", "place", "province_today_name")),
]
FLAT = {"targets-flat": "targets", "results-flat": "results"}
COMPUTED_FROM = {"places": ("place_changes",)}  # what a resource's EXTRA_FIELDS read besides its own rows (_computed)


class Rows(Sequence):
    """A published table's rows, each made when it is read: the row of `base` at the same
    position with `extra(position, row)` after its values. A national corpus has hundreds of
    thousands of figures, each published twice (with its computed columns, and flat); kept
    beside the validated rows they were 68 MB of the build's process at 2,000 documents,
    while making one again costs a tuple."""

    __slots__ = ("columns", "base", "extra")

    def __init__(self, columns: dict[str, int], base: Sequence[Row], extra: Callable[[int, Row], tuple]):
        self.columns, self.base, self.extra = columns, base, extra  # columns: name → position (Row's)

    def __len__(self) -> int:
        return len(self.base)

    def __getitem__(self, at):
        if isinstance(at, slice):
            return [self[i] for i in range(*at.indices(len(self)))]
        row = self.base[at]
        return Row(self.columns, row.values + self.extra(at, row))

    def __iter__(self) -> Iterator[Row]:
        columns, extra = self.columns, self.extra
        for at, row in enumerate(self.base):
            yield Row(columns, row.values + extra(at, row))


class ById(Mapping):
    """A table's rows by id, each made when it is looked up (see Rows)."""

    __slots__ = ("rows", "at")

    def __init__(self, rows: Sequence[Row]):
        self.rows, validated = rows, rows
        while isinstance(validated, Rows):  # the ids are the validated rows' own: read them without making rows
            validated = validated.base
        self.at = {row["id"]: i for i, row in enumerate(validated)}

    def __getitem__(self, key: str) -> Row:
        return self.rows[self.at[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self.at)

    def __len__(self) -> int:
        return len(self.at)


@dataclass
class Table:
    """One published table: its descriptor fields and its rows (typed values, read by name)."""

    name: str
    fields: list[dict]
    rows: Sequence[Row]
    title: str = ""
    description: str = ""
    by_id: Mapping[str, Row] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [f["name"] for f in self.fields]


def published_tables(catalogue: Catalogue, config: Config) -> dict[str, Table]:
    """Every resource as published, then the flat tables (`targets-flat`, `results-flat`)."""
    tables = {name: _published(catalogue, config, name) for name in catalogue.dataset.tables}
    for flat, base in FLAT.items():
        if base in tables:
            tables[flat] = _flat(tables, flat, base)
    for table in tables.values():
        if "id" in table.names:
            table.by_id = ById(table.rows)
    return tables


def sources(name: str) -> set[str]:
    """The resources whose cells a published table's rows are made from (with the settings and
    the descriptors): its files are kept while these are unchanged (kept.py). A flat table
    reads its base and what JOINED looks its names up in; `province` goes up the places."""
    base = FLAT.get(name, name)
    found = {base, *COMPUTED_FROM.get(base, ())}
    if name in FLAT:
        for resource in {"places"} | {source[0] for *_, source in JOINED if source}:
            found |= sources(resource)
    return found


def _published(catalogue: Catalogue, config: Config, name: str) -> Table:
    """A resource's validated rows (the same row objects), with the computed columns of
    EXTRA_FIELDS and, for rows with a quote, `source_url` after them."""
    source = catalogue.dataset.tables[name]
    fields = [dict(f) for f in source.fields] + EXTRA_FIELDS.get(name, [])
    quoted = "source_quote" in source.header
    if quoted:
        fields.append(dict(SOURCE_URL))
    rows: Sequence[Row] = source.rows
    if len(fields) > len(source.fields):
        computed = _computed(catalogue, name)
        if quoted:
            def extra(at: int, row: Row) -> tuple:
                return computed(at, row) + (site_url(config, document_path(row["document"]) + f"#q-{row['id']}"),)
        else:
            extra = computed
        rows = Rows({f["name"]: i for i, f in enumerate(fields)}, source.rows, extra)
    return Table(name, fields, rows, source.descriptor.get("title", name), source.descriptor.get("description", ""))


def _computed(catalogue: Catalogue, name: str) -> Callable[[int, Row], tuple]:
    """The values of a resource's EXTRA_FIELDS for the row at a position (in the table's order)."""
    if name == "results":
        results = catalogue.results  # one a row, in the table's order

        def ratio(at: int, row: Row) -> tuple:
            return results[at].ratio_check, results[at].computed_ratio
        return ratio
    if name == "places":
        names = {p.id: p.name for p in catalogue.places.values()}

        def today(at: int, row: Row) -> tuple:
            today, province = catalogue.today_of(row["id"]), catalogue.province_today_of(row["id"])
            return today, names.get(today), province, names.get(province)
        return today
    return lambda at, row: ()


def _flat(tables: dict[str, Table], flat: str, base: str) -> Table:
    """`base` with the names of its place, province, indicator, area and document beside the ids, and
    what its place is part of today (from the places table's computed columns)."""
    lookups = {name: {r["id"]: r for r in tables[name].rows} for name in ("places", "indicators", "areas", "documents")}
    places = lookups["places"]
    province = {pid: _province(pid, places) for pid in places}
    derived = {"province": province, "province_name": {pid: places[p]["name"] if p else None for pid, p in province.items()}}
    fields = tables[base].fields + [{"name": n, "type": t, "description": d} for n, t, d, _ in JOINED]
    own = {f["name"]: i for i, f in enumerate(tables[base].fields)}
    # each joined column as (position of the base column it is looked up by, that column's value → its value)
    looked_up = [(own.get("place" if source is None else source[1]),
                  derived[name] if source is None else {key: other.get(source[2])
                                                        for key, other in lookups[source[0]].items()})
                 for name, _type, _doc, source in JOINED]

    def joined(at: int, row: Row) -> tuple:
        values = row.values
        return tuple([None if i is None else names.get(values[i]) for i, names in looked_up])
    base_table = tables[base]
    return Table(flat, fields, Rows({f["name"]: i for i, f in enumerate(fields)}, base_table.rows, joined),
                 f"{base_table.title} (flat)",
                 f"{base_table.description} With the names of its place, province, indicator, area "
                 f"and document beside the ids, for opening one file in a spreadsheet; `place` is the place as "
                 f"the document was issued, `place_today` and `province_today` what it is part of today.")


def _province(place: str, places: dict[str, dict]) -> str | None:
    """The province a place belongs to (itself for a province); None above or outside provinces."""
    seen = set()
    while place in places and place not in seen:
        seen.add(place)
        if places[place].get("type") == "tinh":
            return place
        place = places[place].get("parent")
    return None


def json_value(value):
    """A typed value as JSON: Decimal → int or float, date → ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def text_value(value) -> str:
    """A typed value as CSV text: numbers without exponent, dates ISO, None empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
