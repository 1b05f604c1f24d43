"""The published tables every download format is written from, computed once.

Rows come from the validated, typed rows (NFC text, int, Decimal, date, None), never
re-read from the maintainers' CSV. Fields are read from the package descriptor, so a
column added to `datapackage.yaml` appears in every format without code changes; only
the flat tables' joined names are declared here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

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


@dataclass
class Table:
    """One published table: its descriptor fields and its rows (typed values, read by name)."""

    name: str
    fields: list[dict]
    rows: list[Row]
    title: str = ""
    description: str = ""
    by_id: dict[str, Row] = field(default_factory=dict)

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
            table.by_id = {row["id"]: row for row in table.rows}
    return tables


def _published(catalogue: Catalogue, config: Config, name: str) -> Table:
    """A resource's validated rows (the same row objects), with the computed columns of
    EXTRA_FIELDS and, for rows with a quote, `source_url` after them."""
    source = catalogue.dataset.tables[name]
    fields = [dict(f) for f in source.fields] + EXTRA_FIELDS.get(name, [])
    quoted = "source_quote" in source.header
    if quoted:
        fields.append(dict(SOURCE_URL))
    rows = source.rows
    if len(fields) > len(source.fields):
        columns = {f["name"]: i for i, f in enumerate(fields)}
        extra = _computed(catalogue, name)
        rows = [Row(columns, row.values + (next(extra) if extra else ())
                    + ((site_url(config, document_path(row['document']) + f"#q-{row['id']}"),) if quoted else ()))
                for row in rows]
    return Table(name, fields, rows, source.descriptor.get("title", name), source.descriptor.get("description", ""))


def _computed(catalogue: Catalogue, name: str):
    """The values of a resource's EXTRA_FIELDS, one tuple per row in the table's order (None: it has none)."""
    if name == "results":
        return ((r.ratio_check, r.computed_ratio) for r in catalogue.results)
    if name == "places":
        names = {p.id: p.name for p in catalogue.places.values()}
        return ((today, names.get(today), province, names.get(province))
                for today, province in ((catalogue.today_of(row["id"]), catalogue.province_today_of(row["id"]))
                                        for row in catalogue.dataset.tables["places"].rows))
    return None


def _flat(tables: dict[str, Table], flat: str, base: str) -> Table:
    """`base` with the names of its place, province, indicator, area and document beside the ids, and
    what its place is part of today (from the places table's computed columns)."""
    lookups = {name: {r["id"]: r for r in tables[name].rows} for name in ("places", "indicators", "areas", "documents")}
    places = lookups["places"]
    province = {pid: _province(pid, places) for pid in places}
    joined = JOINED
    fields = tables[base].fields + [{"name": n, "type": t, "description": d} for n, t, d, _ in joined]
    columns = {f["name"]: i for i, f in enumerate(fields)}
    rows = []
    for row in tables[base].rows:
        out = {}
        for name, _type, _doc, source in joined:
            if source is None:
                continue
            resource, key, column = source
            other = lookups[resource].get(row.get(key))
            out[name] = other.get(column) if other else None
        out["province"] = province.get(row.get("place"))
        out["province_name"] = places[out["province"]]["name"] if out["province"] else None
        rows.append(Row(columns, row.values + tuple(out[name] for name, *_ in joined)))
    base_table = tables[base]
    return Table(flat, fields, rows, f"{base_table.title} (flat)",
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
