"""The one registry of download formats (Datasette's register_output_renderer): a format is
one entry, and everything that lists formats reads it: the files written per table and per
page, the zip's stored entries, media types and names in catalogues and on the dataset page,
the README's wording, the per-page links, and the libraries in the build cache's key.

Adding a format: one writer function, one `Format` in FORMATS.
"""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import dataclass
from typing import BinaryIO, Callable

from ..incremental.code import Library
from .csvjson import to_csv, write_csv, write_records
from .parquet import write_parquet
from .tables import Table
from .xlsx import table_workbook

SQLITE = Library("sqlite", lambda: sqlite3.sqlite_version)  # the library behind VACUUM INTO, not the module
ZLIB = Library("zlib", lambda: zlib.ZLIB_RUNTIME_VERSION)  # deflates the zip and the workbooks


@dataclass(frozen=True)
class PageTable:
    """What every per-page file of one build shares: the columns, their descriptions, the release date."""

    names: list[str]
    fields: list[dict]
    created: str


@dataclass(frozen=True)
class Format:
    """One kind of download.

    `table` writes one published table into a file (`write(table, created, out)`, in a
    download worker, beside the other tables and formats), None for a
    format that is no table's (SQLite and the zip hold every table; JSON-LD is a catalogue);
    `page` encodes a page's own rows (`page(shared, rows, title)` → bytes), None when pages
    do not offer it (a page's JSON is its API object, api.py: one file, not two; a page's
    spreadsheet is its CSV, which Excel opens); `zipped`: the zip holds each table in this format (the tables
    once, as the data package describes them: CSV); `stored`: compressed already, stored in
    the zip rather than deflated again; `libraries`: whose version is written into the bytes;
    `readme`: how the zip's README describes a table's file; `link`: the per-page link's label,
    `link_note`: what it is for (an interface message, translated on the page), shown in this
    format's `link_order`.
    """

    name: str  # also the file extension
    title: str
    media_type: str
    table: Callable[[Table, str, BinaryIO], None] | None = None
    page: Callable[[PageTable, list[dict], str], bytes] | None = None
    zipped: bool = False
    stored: bool = False
    libraries: tuple[Library, ...] = ()
    readme: str = ""
    link: str = ""
    link_note: str = ""
    link_order: int = 0


def _csv(table: Table, created: str, out: BinaryIO) -> None:
    write_csv(table.names, table.rows, out)


def _json(table: Table, created: str, out: BinaryIO) -> None:
    write_records(table.names, table.rows, out)


def _xlsx(table: Table, created: str, out: BinaryIO) -> None:
    table_workbook(table.names, table.rows, table.fields, table.title, created, out)


def _parquet(table: Table, created: str, out: BinaryIO) -> None:
    write_parquet(table, out)


def _csv_page(shared: PageTable, rows: list[dict], title: str) -> bytes:
    """UTF-8 with a byte-order mark: a double-click opens it right in Excel (R and pandas skip the mark)."""
    return b"\xef\xbb\xbf" + to_csv(shared.names, rows)


FORMATS: list[Format] = [  # in the order each table's files are written and listed
    Format("csv", "CSV", "text/csv", _csv, _csv_page, zipped=True, readme="UTF-8, comma-separated, RFC 4180",
           link="CSV", link_note="for Excel (UTF-8 with BOM: opens right on a double-click)"),
    Format("xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _xlsx,
           stored=True, libraries=(ZLIB,),
           readme="Excel: a `data` sheet and a `fields` sheet describing each column"),
    Format("json", "JSON", "application/json", _json, readme="a list of records"),
    Format("parquet", "Parquet", "application/vnd.apache.parquet", _parquet, stored=True,
           libraries=(Library("pyarrow"),), readme="typed, for DuckDB, Polars, pandas, R arrow"),
    Format("sqlite", "SQLite", "application/vnd.sqlite3", libraries=(SQLITE,)),
    Format("zip", "ZIP", "application/zip", stored=True, libraries=(ZLIB,)),
    Format("jsonld", "JSON-LD", "application/ld+json"),
]


def formats() -> dict[str, Format]:
    """Every format by name."""
    return {f.name: f for f in FORMATS}


def table_formats() -> list[Format]:
    """The formats every published table is written in, in order."""
    return [f for f in FORMATS if f.table is not None]


def page_formats() -> list[Format]:
    """The formats of each page's own rows (by-document/…), in the order they are written."""
    return [f for f in FORMATS if f.page is not None]


def page_links() -> list[Format]:
    """The per-page formats in the order a page links them."""
    return sorted(page_formats(), key=lambda f: f.link_order)


def zipped_formats() -> list[Format]:
    """The formats the zip holds every table in."""
    return [f for f in FORMATS if f.zipped and f.table is not None]


def stored_extensions() -> tuple[str, ...]:
    """File endings the zip stores as they are (compressed already: deflating again saves nothing)."""
    return tuple(f".{f.name}" for f in FORMATS if f.stored)


def libraries() -> tuple[Library, ...]:
    """Every library whose version reaches a download's bytes, for the build cache's key."""
    return tuple({library for f in FORMATS for library in f.libraries})
