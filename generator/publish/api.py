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
from .csvjson import records, to_compact_json
from .perpage import page_rows
from .tables import Table, json_value, site_url

KINDS = {"by-document": ("documents", "document", ("targets", "results", "assignments")),
         "by-indicator": ("indicators", "indicator", ("targets", "results")),
         "by-place": ("places", "place", ("targets", "results"))}


def links(config: Config, folder: str, kind: str, key: str) -> dict:
    """The URLs every API object carries."""
    page = f"{kind}/{key}/"
    english = "en" in config.languages and config.languages[0] != "en"
    return {
        "url": site_url(config, page),
        **({"url_en": site_url(config, "en/" + page)} if english else {}),
        "api_url": site_url(config, f"api/v1/{kind}/{key}.json"),
        "downloads": {ext: site_url(config, f"data/cchc/{folder}/{key}.{ext}") for ext in ("csv", "xlsx", "json")},
    }


def api_files(catalogue: Catalogue, tables: dict[str, Table], config: Config, release: dict) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of every API file.

    A row is in up to three objects (its document, indicator and place): each row's JSON is
    encoded once and spliced into each object's text.
    """
    encoded: dict[tuple[str, str], str] = {}

    def row_json(part: str, row: dict) -> str:
        key = (part, row["id"])
        if key not in encoded:
            flat = tables.get(f"{part}-flat", tables[part])
            encoded[key] = _dumps(records(flat.names, [row])[0])
        return encoded[key]

    for folder, (kind, single, parts) in KINDS.items():
        table = tables[kind]
        summaries = []
        for row in table.rows:
            obj = {n: json_value(row.get(n)) for n in table.names}
            obj.update(links(config, folder, kind, row["id"]))
            summaries.append(obj)
            detail = dict(obj)
            if kind == "places":
                detail["documents"] = [{"id": d.id, "title": d.title, "title_en": d.title_en,
                                        "url": site_url(config, f"documents/{d.id}/"),
                                        "api_url": site_url(config, f"api/v1/documents/{d.id}.json")}
                                       for d in catalogue.documents_of_place(row["id"])]
            rows = page_rows(catalogue, tables, folder, row["id"])
            lists = "".join(f',"{part}":[' + ",".join(row_json(part, r) for r in rows if r["kind"] == part[:-1]) + "]"
                            for part in parts)
            text = _dumps({**release, single: detail})
            yield f"api/v1/{kind}/{row['id']}.json", (text[:-2] + lists + "}}").encode("utf-8")
        yield f"api/v1/{kind}.json", to_compact_json({**release, "count": len(summaries), kind: summaries})


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
