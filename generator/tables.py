"""The typed tables of a data package: rows kept compactly, and where each came from."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Iterator

from .content import Document


class Row(Mapping):
    """One typed row (text, int, Decimal, date, bool or None), read by column name like a
    dict, kept as a tuple in the table's column order: a national corpus has hundreds of
    thousands of rows, and a dict a row costs four times the tuple."""

    __slots__ = ("columns", "values")

    def __init__(self, columns: dict[str, int], values: tuple):
        self.columns, self.values = columns, values  # columns: name → position, shared by the table's rows

    def __getitem__(self, name: str) -> Any:
        return self.values[self.columns[name]]

    def get(self, name: str, default: Any = None) -> Any:
        at = self.columns.get(name)
        return default if at is None else self.values[at]

    def __iter__(self) -> Iterator[str]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)

    def __repr__(self) -> str:
        return f"Row({dict(self)!r})"


@dataclass
class Table:
    """One resource: where it came from, its schema and its typed rows.

    `raw` holds the cells as read until the package is validated and typed; then only the
    typed `rows` are kept (the same text objects), and `hash` stands for the cells."""

    name: str
    file: str  # path shown in messages
    descriptor: dict
    header: list[str] = field(default_factory=list)
    raw: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # file line of each data row
    rows: list[Row] = field(default_factory=list)
    hash: str = ""  # of the header, every cell and every line number (see table_hash)
    dropped: int = 0  # rows left out for their problems (see validate): checks across rows then wait
    documents: list[Document] | None = None  # for the generated documents resource
    invalid_documents: frozenset[str] = frozenset()  # ids of documents with front-matter errors
    # for a generated resource: each row's document and, per column, the front-matter key it comes from
    origins: list[tuple[Document, dict[str, str]]] | None = None

    @property
    def fields(self) -> list[dict]:
        return self.descriptor["schema"]["fields"]

    def fingerprint(self) -> tuple:
        """What identifies this table for page reuse: its descriptor and the hash of its cells."""
        return (self.name, self.descriptor, self.hash)

    def where(self, row_number: int | None, field_name: str | None) -> dict:
        """file/line (and front-matter field) for frictionless' row number (header = 1) in this table."""
        index = (row_number or 0) - 2
        if self.origins is not None and 0 <= index < len(self.origins):
            document, keys = self.origins[index]
            key = keys.get(field_name or "", field_name or "id")
            return {"file": document.source, "line": document.line_of(key), "field": key}
        if self.documents is not None and 0 <= index < len(self.documents):
            document = self.documents[index]
            return {"file": document.source, "line": document.line_of(field_name or "id")}
        line = self.lines[index] if 0 <= index < len(self.lines) else None
        return {"file": self.file, "line": line}


@dataclass
class Dataset:
    name: str
    folder: str
    descriptor: dict
    tables: dict[str, Table]

    def fingerprint(self) -> tuple:
        """What identifies this package for page reuse: its descriptor and its tables' fingerprints."""
        return (self.name, self.folder, self.descriptor, tuple(self.tables.values()))


def table_hash(table: Table) -> str:
    """A hash of the table's header, cells and line numbers, streamed: never one text of every row."""
    hasher = hashlib.sha256(repr((table.name, table.file, table.header)).encode("utf-8", "surrogatepass"))
    step = 2000
    for start in range(0, len(table.raw), step):
        chunk = (table.raw[start:start + step], table.lines[start:start + step])
        hasher.update(repr(chunk).encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()


