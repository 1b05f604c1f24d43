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

from hashlib import blake2b, sha256
from typing import Iterator

from ..incremental.cache import digest, memo
from ..model import Catalogue
from ..pages.registry import own_rows
from .formats import PageTable, page_formats
from .kept import Kept
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


def row_digests(rows: list) -> bytes:
    """Eight bytes a row (BLAKE2b of its typed values' repr), in the table's order."""
    return b"".join(blake2b(repr(row.values).encode("utf-8", "surrogatepass"), digest_size=8).digest()
                    for row in rows)


def page_digests(catalogue: Catalogue, tables: dict[str, Table], keys: list[tuple[str, str]],
                 common: str) -> Iterator[str]:
    """A key of everything each page's files are made from: its rows of each part, row by row
    (a part's resource is hashed a row at a time, once per version of its cells), and every
    other resource whole (the names its rows are joined with, its own object's row; with the
    settings and descriptors in `common`). One note edited changes the keys of the three
    pages that list its row, not of every page."""
    source = catalogue.dataset.tables
    parts = {part for rows in own_rows() for part in rows.parts}
    whole = digest(common, sorted((name, table.hash) for name, table in source.items() if name not in parts))
    digests = {part: memo("row-digests", [part, source[part].descriptor, source[part].hash],
                          lambda part=part: row_digests(source[part].rows))
               for part in parts if part in source}
    owns = {rows.folder: rows for rows in own_rows()}
    for folder, key in keys:
        own = owns[folder]
        hashed = sha256(f"{whole}\0{folder}\0{key}".encode())
        for part, group in zip(own.parts, own.rows(catalogue, key)):
            at, blob = tables[part].by_id.at, digests[part]  # ById.at: the validated rows' positions
            hashed.update(b"\0%s:%d:" % (part.encode(), len(group)))
            for item in group:
                i = 8 * at[item.id]
                hashed.update(blob[i:i + 8])
        yield hashed.hexdigest()


class PageFiles:
    """Every per-page file at `prefix<folder>/<id>.<format>`, and the page's API object at
    `api.path(folder, id)`: a page's files are linked from the last build's while its key
    (page_digests) is unchanged (`kept`); the others' paths are claimed from the writer, and
    `write(bounds)` fills in the files of `keys[start:stop]`, in whichever process runs it."""

    def __init__(self, catalogue: Catalogue, tables: dict[str, Table], created: str, writer, prefix: str,
                 source: str, api=None, kept: Kept | None = None, common: str = ""):
        self.catalogue, self.tables, self.created, self.prefix, self.api = catalogue, tables, created, prefix, api
        every = list(page_keys(catalogue))
        files = [self.paths(folder, key) for folder, key in every]
        keeping = kept is not None and kept.store is not None
        digests = list(page_digests(catalogue, tables, every, common)) if keeping else [""] * len(every)
        current = kept.current([(path, d) for paths, d in zip(files, digests) for path in paths]) if keeping else {}
        self.keys, self.targets, self.unkept = [], {}, []
        for page, paths, page_digest in zip(every, files, digests):
            if all(path in current for path in paths):
                for path in paths:
                    kept.link(path, current[path])
                continue
            self.keys.append(page)
            for path in paths:
                self.targets[path] = writer.claim(path, source)
                self.unkept.append((path, page_digest))

    def paths(self, folder: str, key: str) -> list[str]:
        """The site paths of one page's files."""
        return [f"{self.prefix}{folder}/{key}.{fmt.name}" for fmt in page_formats()] + \
            ([self.api.path(folder, key)] if self.api else [])

    def write(self, bounds: tuple[int, int]) -> None:
        for path, data in page_files(self.catalogue, self.tables, self.created, self.keys[bounds[0]:bounds[1]],
                                     self.prefix, self.api):
            if self.targets[path] is not None:  # None: refused by the writer, which said why
                self.targets[path].write_bytes(data)

    def keep(self, kept: Kept) -> None:
        """Keep the files written (after `write` has run for every slice, in any process)."""
        for path, page_digest in self.unkept:
            kept.add(path, page_digest, self.targets[path])


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
