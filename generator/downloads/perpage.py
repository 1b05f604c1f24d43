"""Download what you see: each document, indicator and place page's own rows.

Paths (stable, documented in the README), in every per-page format (formats.page_formats):
  data/cchc/by-document/<id>.<format>   the document's targets, results and assignments
  data/cchc/by-indicator/<id>.<format>  the indicator's targets and results
  data/cchc/by-place/<id>.<format>      targets and results about the place

One table per file: a `kind` column (target, result, assignment), then the columns of
`targets-flat`, `results-flat` and `assignments` (each once, in that order); a row leaves
empty what its kind does not have. Rows are looked up through the catalogue's indexes
(grouped once), so writing a page's file never scans the corpus.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Catalogue
from ..pages.registry import own_rows
from .formats import PageTable, page_formats
from .tables import Table

KINDS = (("target", "targets-flat"), ("result", "results-flat"), ("assignment", "assignments"))
TABLE_OF = {"targets": KINDS[0], "results": KINDS[1], "assignments": KINDS[2]}  # a part → (kind, published table)
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
    own = next(rows for rows in own_rows() if rows.folder == folder)
    rows = []
    for (kind, name), group in zip((TABLE_OF[part] for part in own.parts), own.rows(catalogue, key)):
        by_id = tables[name].by_id if name in tables else {}
        rows.extend({"kind": kind, **by_id[item.id]} for item in group)
    return rows


def page_keys(catalogue: Catalogue) -> Iterator[tuple[str, str]]:
    """(folder, id) of every page that has its own downloads (pages.registry: own_rows)."""
    for rows in own_rows():
        for key in getattr(catalogue, rows.collection):
            yield rows.folder, key


class PageFiles:
    """Every per-page file, its path claimed from the writer at `prefix<folder>/<id>.<format>`,
    and the page's API object at `api.path(folder, id)` (in one order, so the writer knows
    every file); `write(bounds)` fills in the files of `keys[start:stop]`, in whichever
    process runs it."""

    def __init__(self, catalogue: Catalogue, tables: dict[str, Table], created: str, writer, prefix: str,
                 source: str, api=None):
        self.catalogue, self.tables, self.created, self.prefix, self.api = catalogue, tables, created, prefix, api
        self.keys = list(page_keys(catalogue))
        paths = [f"{prefix}{folder}/{key}.{extension}" for folder, key in self.keys
                 for extension in (f.name for f in page_formats())]
        paths += [api.path(folder, key) for folder, key in self.keys] if api else []
        self.targets = {path: writer.claim(path, source) for path in paths}

    def write(self, bounds: tuple[int, int]) -> None:
        for path, data in page_files(self.catalogue, self.tables, self.created, self.keys[bounds[0]:bounds[1]],
                                     self.prefix, self.api):
            if self.targets[path] is not None:  # None: refused by the writer, which said why
                self.targets[path].write_bytes(data)


def page_files(catalogue: Catalogue, tables: dict[str, Table], created: str, keys: list[tuple[str, str]],
               prefix: str, api=None) -> Iterator[tuple[str, bytes]]:
    """(site path, bytes) of the per-page files of `keys` (see page_keys) under `prefix`, and
    of their API objects when `api` (api.ApiObjects) is given.

    Each row is encoded for each page it is on (its document's, indicator's and place's)
    and nothing is kept: `keys` are in page_keys' order, so a row is on one page of a slice,
    and a worker keeping rows would come to hold every row it ever wrote.
    """
    fields = page_columns(tables)
    shared = PageTable([f["name"] for f in fields], fields, created)
    for folder, key in keys:
        page = page_rows(catalogue, tables, folder, key)
        for fmt in page_formats():
            yield f"{prefix}{folder}/{key}.{fmt.name}", fmt.page(shared, page, f"{folder}/{key}")
        if api:
            yield api.path(folder, key), api.data(folder, key, page)
