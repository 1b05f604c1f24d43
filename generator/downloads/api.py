"""A static, read-only JSON API with stable paths (documented in the README):

  api/v1/documents.json, api/v1/documents/<id>.json (with targets, results, assignments)
  api/v1/indicators.json, api/v1/indicators/<id>.json (with targets, results)
  api/v1/places.json, api/v1/places/<id>.json (with documents, targets, results)

Each object carries `url` (its page), `url_en`, `api_url` and `downloads`; each row its
`source_url` (the sentence on the document's page, `#q-<row id>`). Row objects are the
same records as the CSV, JSON and per-page files.
"""

from __future__ import annotations

import json
from typing import Iterator

from ..config import Config
from ..model import Catalogue
from ..pages.registry import own_rows
from ..pages.urls import Urls, api_path, document_path, download_path
from .csvjson import records, to_compact_json
from .formats import page_formats
from .tables import Table, json_value, site_url

KINDS = {rows.folder: (rows.collection, rows.single, rows.parts) for rows in own_rows()}  # pages.registry


def links(config: Config, folder: str, kind: str, key: str) -> dict:
    """The URLs every API object carries."""
    page, urls = f"{kind}/{key}/", Urls(config, absolute=True)
    english = "en" in config.languages and config.languages[0] != "en"
    return {
        "url": urls.page(page),
        **({"url_en": urls.page(page, "en")} if english else {}),
        "api_url": site_url(config, api_path(kind, key)),
        "downloads": {ext: site_url(config, download_path(folder, key, ext)) for ext in (f.name for f in page_formats())},
    }


class ApiObjects:
    """The API's one-object files (`api/v1/<kind>/<id>.json`), written beside the per-page
    downloads of the same page (perpage.PageFiles), from the same rows, in whichever process
    writes that page's files: a row's JSON is encoded where its object is, never kept."""

    def __init__(self, catalogue: Catalogue, tables: dict[str, Table], config: Config, release: dict):
        self.catalogue, self.tables, self.config, self.release = catalogue, tables, config, release

    @staticmethod
    def path(folder: str, key: str) -> str:
        return api_path(KINDS[folder][0], key)

    def data(self, folder: str, key: str, rows: list[dict]) -> bytes:
        """The object of page `key` of `folder` (by-document, …) with its rows (perpage.page_rows)."""
        kind, single, parts = KINDS[folder]
        detail = _summary(self.tables[kind], self.config, folder, kind, self.tables[kind].by_id[key])
        if kind == "places":
            detail["documents"] = [{"id": d.id, "title": d.title, "title_en": d.title_en,
                                    "url": site_url(self.config, document_path(d.id)),
                                    "api_url": site_url(self.config, api_path("documents", d.id))}
                                   for d in self.catalogue.documents_of_place(key)]
        lists = ""
        for part in parts:
            names = self.tables.get(f"{part}-flat", self.tables[part]).names
            lists += f',"{part}":[' + ",".join(_dumps(records(names, [r])[0]) for r in rows
                                               if r["kind"] == part[:-1]) + "]"
        text = _dumps({**self.release, single: detail})
        return (text[:-2] + lists + "}}").encode("utf-8")


def api_indexes(tables: dict[str, Table], config: Config, release: dict) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of `api/v1/<kind>.json`, each listing every object of its kind."""
    for folder, (kind, _single, _parts) in KINDS.items():
        table = tables[kind]
        summaries = [_summary(table, config, folder, kind, row) for row in table.rows]
        yield api_path(kind), to_compact_json({**release, "count": len(summaries), kind: summaries})


def _summary(table: Table, config: Config, folder: str, kind: str, row) -> dict:
    """An object's own columns and its links."""
    obj = {n: json_value(row.get(n)) for n in table.names}
    obj.update(links(config, folder, kind, row["id"]))
    return obj


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
