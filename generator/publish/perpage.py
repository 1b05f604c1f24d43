"""Download what you see: each document, indicator and place page's own rows.

Paths (stable, documented in the README):
  data/cchc/by-document/<id>.{csv,xlsx,json}   the document's targets, results and assignments
  data/cchc/by-indicator/<id>.{csv,xlsx,json}  the indicator's targets and results
  data/cchc/by-place/<id>.{csv,xlsx,json}      targets and results about the place

One table per file: a `kind` column (target, result, assignment), then the columns of
`targets-flat`, `results-flat` and `assignments` (each once, in that order); a row leaves
empty what its kind does not have. Rows are looked up through the catalogue's indexes
(grouped once), so writing a page's file never scans the corpus.
"""

from __future__ import annotations

import json
from typing import Iterator

from ..model import Catalogue
from .csvjson import records, to_csv
from .tables import Table
from .xlsx import fields_sheet, row_xml, table_workbook

KINDS = (("target", "targets-flat"), ("result", "results-flat"), ("assignment", "assignments"))
KIND_FIELD = {"name": "kind", "type": "string", "description": "target, result or assignment."}


def page_columns(tables: dict[str, Table]) -> list[dict]:
    """`kind`, then every column of the flat targets, flat results and assignments, once."""
    fields, seen = [KIND_FIELD], {"kind"}
    for _kind, name in KINDS:
        for spec in tables[name].fields if name in tables else []:
            if spec["name"] not in seen:
                seen.add(spec["name"])
                fields.append(spec)
    return fields


def page_rows(catalogue: Catalogue, tables: dict[str, Table], folder: str, key: str) -> list[dict]:
    """The rows a page shows, in its order, as published rows with their kind."""
    if folder == "by-document":
        groups = (catalogue.targets_of(key), catalogue.results_of(key), catalogue.assignments_of(key))
    elif folder == "by-indicator":
        groups = (catalogue.targets_of_indicator(key), catalogue.results_of_indicator(key), [])
    else:
        groups = (catalogue.targets_of_place(key), catalogue.results_of_place(key), [])
    rows = []
    for (kind, name), group in zip(KINDS, groups):
        by_id = tables[name].by_id if name in tables else {}
        rows.extend({"kind": kind, **by_id[item.id]} for item in group)
    return rows


def page_keys(catalogue: Catalogue) -> Iterator[tuple[str, str]]:
    """(folder, id) of every page that has its own downloads."""
    for document in catalogue.documents:
        yield "by-document", document
    for indicator in catalogue.indicators:
        yield "by-indicator", indicator
    for place in catalogue.places:
        yield "by-place", place


class PageFiles:
    """Every per-page file, its path claimed from the writer at `prefix<folder>/<id>.<format>`
    (in one order, so the writer knows every file); `write(bounds)` fills in the files of
    `keys[start:stop]`, in whichever process runs it."""

    def __init__(self, catalogue: Catalogue, tables: dict[str, Table], created: str, writer, prefix: str,
                 source: str):
        self.catalogue, self.tables, self.created = catalogue, tables, created
        self.keys = list(page_keys(catalogue))
        self.targets = {f"{folder}/{key}.{extension}": writer.claim(f"{prefix}{folder}/{key}.{extension}", source)
                        for folder, key in self.keys for extension in ("csv", "json", "xlsx")}
        self.encoded: dict = {}  # rows encoded so far (in each worker, its own), see page_files

    def write(self, bounds: tuple[int, int]) -> None:
        for path, data in page_files(self.catalogue, self.tables, self.created, self.keys[bounds[0]:bounds[1]],
                                     self.encoded):
            if self.targets[path] is not None:  # None: refused by the writer, which said why
                self.targets[path].write_bytes(data)


def page_files(catalogue: Catalogue, tables: dict[str, Table], created: str, keys: list[tuple[str, str]],
               cache: dict | None = None) -> Iterator[tuple[str, bytes]]:
    """(path under data/cchc/, bytes) of the per-page files of `keys` (see page_keys).

    A row is on up to three pages (its document, indicator and place): each row is encoded
    once per format (kept in `cache` for the next call) and the pieces are joined per page.
    """
    fields = page_columns(tables)
    names = [f["name"] for f in fields]
    header = to_csv(names, [])
    described = fields_sheet(fields)
    cache = {} if cache is None else cache  # (kind, id) → the row as CSV, JSON and XLSX

    def encoded(row: dict) -> tuple[bytes, str, tuple]:
        key = (row["kind"], row["id"])
        if key not in cache:
            cache[key] = (to_csv(names, [row])[len(header):], json.dumps(records(names, [row])[0], ensure_ascii=False),
                          row_xml([row.get(name) for name in names]))
        return cache[key]

    for folder, key in keys:
        rows = [encoded(row) for row in page_rows(catalogue, tables, folder, key)]
        yield f"{folder}/{key}.csv", header + b"".join(r[0] for r in rows)
        lines = ",\n".join(r[1] for r in rows)
        yield f"{folder}/{key}.json", f"[\n{lines}\n]\n".encode("utf-8") if rows else b"[]\n"
        yield f"{folder}/{key}.xlsx", table_workbook(names, [r[2] for r in rows], fields, f"{folder}/{key}", created,
                                                     described)
