"""The downloads stage: every data file, catalogue, feed and API file, from one set of
published tables (tables.py), written through the one writer.

  data/cchc/<table>.{csv,json,xlsx,parquet}, data/cchc/datapackage.json
  data/cchc/by-{document,indicator,place}/<id>.csv (formats.page_formats)
  data/cchc.sqlite, data/cchc.metadata.json, data/catalog.jsonld
  data/cchc.zip: the tables once (formats.zipped_formats), datapackage.json, README, LICENSE
  api/v1/…, feed.xml, en/feed.xml

Runs before the pages are rendered, so the dataset page can show each file's size.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..config import Config
from ..incremental import cache
from ..incremental.pagestore import PageStore
from ..model import Catalogue
from ..pages.urls import Urls
from ..parallel import fork_map, shared, slices
from ..writer import Writer
from .api import ApiObjects, api_indexes
from .catalog import File, atom_feed, dcat, schema_org
from .csvjson import to_json
from .formats import Format, stored_extensions, table_formats, zipped_formats
from .kept import Kept
from .perpage import PageFiles
from .readme import citation, licence_text, readme
from .sqlite import database, datasette_metadata
from .tables import Table, published_tables, site_url, sources
from .zip import archive


@dataclass
class Downloads:
    """What the dataset pages show: the release, the tables and every file with its size."""

    name: str
    package: dict  # the published datapackage.json, with `created` as a date (YYYY-MM-DD)
    tables: dict[str, Table]  # names, titles and fields only: the rows are in the files, not held
    rows: dict[str, int]  # rows per table
    files: list[File]
    citation: str

    @property
    def created(self) -> date:
        return date.fromisoformat(self.package["created"])

    def files_of(self, table: str) -> list[File]:
        return [f for f in self.files if f.resource == table]

    @property
    def whole(self) -> list[File]:
        """Files holding every table: the zip, SQLite, datapackage.json."""
        return [f for f in self.files if f.resource is None]

    def fingerprint(self) -> tuple:
        """What identifies these downloads when deciding whether a page can be reused: the
        package (a hash of each table's CSV) and every file, not every row once more."""
        return (self.name, self.package, self.files, self.citation)

    def jsonld(self, config: Config, lang: str) -> str:
        return json.dumps(schema_org(config, self.package, self.files, self.name, lang),
                          ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def downloads_key(datasets: list, config: Config, epoch: int) -> list:
    """What the downloads are made from: every table's cells, the settings, the zip's date
    (the code hash, in every key, covers the writers and their libraries)."""
    return [cache.data_hash(datasets), cache.settings(config), epoch]


def publish_downloads(catalogue: Catalogue, config: Config, writer: Writer, epoch: int, jobs: int = 1,
                      store: PageStore | None = None) -> Downloads:
    """Write every download of the `cchc` package; return what the dataset pages list. With
    `store`, a file whose inputs are those of the last build's is linked from it (kept.py)."""
    dataset = catalogue.dataset
    name, source = dataset.name, f"datasets/{dataset.folder}"
    release = {"version": dataset.descriptor["version"], "created": dataset.descriptor["created"]}
    created = release["created"]
    tables = published_tables(catalogue, config)
    kept = Kept(store, writer, source)
    common = cache.digest(cache.settings(config), epoch, name, dataset.descriptor,
                          {n: t.descriptor for n, t in dataset.tables.items()})
    everything = cache.digest(common, {n: t.hash for n, t in dataset.tables.items()})  # the database, the zip
    files: list[File] = []  # in the order the dataset page and the catalogues list them
    bundle: dict[str, Path | bytes] = {}  # the zip's entries: files already written, read back when zipping
    shas: dict[str, str] = {}  # table → the SHA-256 of its CSV (datapackage.json gives it)
    written: list[tuple[int, str, str, Path]] = []  # files written by workers: (place in `files`, path, key, file)
    encoded: list[tuple[Format, Table, Path, bool]] = []  # their tasks: (format, table, file, hashed)

    def put(path: str, data: bytes, fmt: str, title: str, zipped: bool = False, at: int | None = None) -> None:
        """A file written from bytes, listed at `at` (default: last)."""
        if writer.write(path, data, source=source) and zipped:
            bundle[f"{name}/{path.removeprefix(f'data/{name}/').removeprefix('data/')}"] = writer.root / path
        files.insert(len(files) if at is None else at, File(path, fmt, len(data), None, None, title))

    def put_table(table: Table, fmt: Format, key: str) -> None:
        """One table in one format: linked from the last build when kept, else left to a worker."""
        path = f"data/{name}/{table.name}.{fmt.name}"
        entry = kept.reused(path, key)
        target = None if entry is not None else writer.claim(path, source)
        if entry is None and target is None:  # refused: the writer said why, and the build stops
            return
        if fmt.name == "csv" and entry is not None:
            shas[table.name] = entry.content
        if target is not None:
            written.append((len(files), path, key, target))
            encoded.append((fmt, table, target, fmt.name == "csv"))
        files.append(File(path, fmt.name, entry.size if entry else 0, len(table.rows), table.name,
                          f"{table.name} ({fmt.name})"))
        if fmt.zipped:
            bundle[f"{name}/{table.name}.{fmt.name}"] = writer.root / path

    for table in tables.values():
        key = cache.digest(common, table.name, table.fields, table.title, table.description,
                           sorted((s, dataset.tables[s].hash) for s in sources(table.name) if s in dataset.tables))
        for fmt in table_formats():
            put_table(table, fmt, cache.digest(key, fmt.name))
    tables_end = len(files)  # datapackage.json goes here, once the CSV files are written (their hashes)
    normalised = {n: t.descriptor for n, t in dataset.tables.items()}
    database_path = f"data/{name}.sqlite"  # written by a worker: SQLite keeps a UTF-8 copy inside every text it is given
    entry = kept.reused(database_path, everything)
    database_file = None if entry is not None else writer.claim(database_path, source)
    if database_file is not None:
        written.append((len(files), database_path, everything, database_file))
    files.append(File(database_path, "sqlite", entry.size if entry else 0, None, None,
                      f"{name}.sqlite (SQLite, Datasette)"))
    pages = PageFiles(catalogue, tables, created, writer, f"data/{name}/", source,
                      ApiObjects(catalogue, tables, config, release), kept, common)
    tasks = [("encoded", i) for i in range(len(encoded))] + ([("database", database_file)] if database_file else []) \
        + [("pages", b) for b in slices(len(pages.keys), jobs)]
    done = fork_map(_write, tasks, jobs, writer.report, "downloads", (encoded, created, pages, normalised))
    for (at, path, key, target), (size, sha) in zip(written, done):
        files[at] = replace(files[at], bytes=size)
        kept.add(path, key, target, sha)
        if sha:
            shas[files[at].resource] = sha
    pages.keep(kept)
    resources = [_resource(table, dataset.tables.get(table.name), files, shas.get(table.name, ""))
                 for table in tables.values()]
    published = _package(dataset.descriptor, resources, config, name)
    put(f"data/{name}/datapackage.json", to_json(published), "json", "datapackage.json (Frictionless Data Package)",
        zipped=True, at=tables_end)
    package = {**published, **release}  # `created` as the date it is
    metadata = datasette_metadata(tables, package, config.licence, site_url(config, f"datasets/{name}/"), name)
    put(f"data/{name}.metadata.json", to_json(metadata), "json", f"{name}.metadata.json (Datasette metadata)")
    for path, data in api_indexes(tables, config, release):
        writer.write(path, data, source=source)
    bundle[f"{name}/README.md"] = readme(config, package, tables, name).encode("utf-8")
    bundle[f"{name}/LICENSE"] = licence_text(config, package, name).encode("utf-8")
    zip_path = f"data/{name}.zip"
    zip_key = cache.digest(everything, sorted((n, v) for n, v in bundle.items() if isinstance(v, bytes)))
    entry = kept.reused(zip_path, zip_key)
    target = None if entry is not None else writer.claim(zip_path, source)
    if target is not None:
        archive(bundle, epoch, target, stored_extensions())
        kept.add(zip_path, zip_key, target)
    if entry is not None or target is not None:
        files.append(File(zip_path, "zip", entry.size if entry else target.stat().st_size, None, None,
                          f"{name}.zip (every table as {' and '.join(f.title for f in zipped_formats())}, "
                          "with datapackage.json and a README)"))
    writer.write("data/catalog.jsonld", to_json(dcat(config, package, files, name)), source=source)
    for lang in config.languages:
        writer.write(Urls(config).prefix(lang) + "feed.xml", atom_feed(catalogue, config, created, lang), source="content/documents")
    return Downloads(name, package, {n: replace(t, rows=[], by_id={}) for n, t in tables.items()},
                     {n: len(t.rows) for n, t in tables.items()}, files, citation(config, package, name))


def _write(task: tuple[str, Any]) -> tuple[int, str]:
    """One piece of the downloads, run in a worker: a table in one format (its size, and the
    SHA-256 of its bytes where asked), the SQLite database (its size), or the per-page files of
    a slice of pages. What a worker's encoders allocate goes with it, never kept by the
    build's own process."""
    encoded, created, pages, normalised = shared()
    kind, value = task
    if kind == "pages":
        pages.write(value)
        return 0, ""
    if kind == "database":
        database(pages.tables, normalised, value)
        return value.stat().st_size, ""
    fmt, table, target, hashed = encoded[value]
    with open(target, "wb") as out:  # written as it is encoded: a table's CSV is never one text in memory
        fmt.table(table, created, out)
    return target.stat().st_size, _sha256(target) if hashed else ""


def _resource(table: Table, source, files: list[File], sha: str) -> dict:
    """The datapackage.json entry of one published CSV, with its size and hash."""
    spec = {k: v for k, v in (source.descriptor if source else {}).items()
            if k not in ("x-generated-from", "schema", "path")}
    schema = {k: v for k, v in (source.descriptor["schema"] if source else {"primaryKey": ["id"]}).items()}
    schema["fields"] = table.fields
    size = next((f.bytes for f in files if f.resource == table.name and f.format == "csv"), 0)
    return {"name": table.name, **({"title": table.title, "description": table.description} if not source else {}),
            **spec, "path": f"{table.name}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "bytes": size, "hash": "sha256:" + (sha or hashlib.sha256().hexdigest()), "schema": schema}


def _sha256(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _package(descriptor: dict, resources: list[dict], config: Config, name: str) -> dict:
    """datapackage.json: the release (version, created), sources, contributors, licence, resources."""
    package = {k: v for k, v in descriptor.items() if k != "resources"}
    package["created"] = f"{descriptor['created']}T00:00:00Z"  # the Data Package spec wants a datetime
    package.setdefault("homepage", site_url(config, f"datasets/{name}/"))
    package.setdefault("sources", [{
        "title": "Curated plan documents, decisions and press reports (the documents resource lists each, "
                 "with its source note)", "path": site_url(config, "documents/")}])
    package.setdefault("contributors", [{"title": config.publisher, "role": "publisher"}])
    package["resources"] = resources
    return package
