"""`data/cchc.sqlite`: one table per resource (primary and foreign keys, an index on every
foreign key), the flat tables as views, full-text search (FTS5) on statements, tasks and
quotes; and `data/cchc.metadata.json` for Datasette (titles, descriptions, licence, source).

The database is built in a temporary file and copied out with `VACUUM INTO` the output
file, so its bytes depend only on the rows (same SQLite version → same file), and it is
never held in memory.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from .tables import JOINED, Table, json_value

TYPES = {"integer": "INTEGER", "year": "INTEGER", "number": "REAL", "boolean": "INTEGER"}
FTS_COLUMNS = ("statement", "statement_en", "task", "source_quote", "agency", "note")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def database(tables: dict[str, Table], descriptors: dict[str, dict], final: Path) -> None:
    """Write the SQLite file of every normalised table into `final` (which must not exist);
    flat tables become views."""
    folder = tempfile.mkdtemp(prefix="cchc-sqlite-")
    work = Path(folder) / "work.sqlite"
    try:
        db = sqlite3.connect(work)
        db.execute("PRAGMA foreign_keys = OFF")
        with db:
            for name, table in tables.items():
                if name in descriptors:
                    _create_table(db, table, descriptors[name])
            for name, table in tables.items():
                if name.endswith("-flat") and name.removesuffix("-flat") in tables:
                    db.execute(_flat_view(name, name.removesuffix("-flat")))
                    continue
                if name in descriptors:
                    _fts(db, table)
        db.execute("VACUUM INTO ?", (str(final),))
        db.close()
    finally:
        if work.exists():
            os.remove(work)
        os.rmdir(folder)


def _create_table(db: sqlite3.Connection, table: Table, descriptor: dict) -> None:
    schema = descriptor.get("schema", {})
    columns = [f"{_q(f['name'])} {TYPES.get(f.get('type'), 'TEXT')}"
               + (" NOT NULL" if f.get("constraints", {}).get("required") else "") for f in table.fields]
    keys = [f"PRIMARY KEY ({', '.join(map(_q, schema['primaryKey']))})"] if schema.get("primaryKey") else []
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        other = ref.get("resource") or table.name
        keys.append(f"FOREIGN KEY ({', '.join(map(_q, fk['fields']))}) "
                    f"REFERENCES {_q(other)} ({', '.join(map(_q, ref['fields']))})")
    db.execute(f"CREATE TABLE {_q(table.name)} ({', '.join(columns + keys)})")
    for fk in schema.get("foreignKeys", []):
        cols = fk["fields"]
        db.execute(f"CREATE INDEX {_q('idx_' + table.name + '_' + '_'.join(cols))} "
                   f"ON {_q(table.name)} ({', '.join(map(_q, cols))})")
    names = table.names
    db.executemany(f"INSERT INTO {_q(table.name)} VALUES ({', '.join('?' * len(names))})",
                   ([json_value(row.get(n)) for n in names] for row in table.rows))


def _fts(db: sqlite3.Connection, table: Table) -> None:
    """An external-content FTS5 index (Datasette's layout: `<table>_fts`)."""
    columns = [c for c in FTS_COLUMNS if c in table.names]
    if not columns or "id" not in table.names:
        return
    fts = _q(table.name + "_fts")
    cols = ", ".join(map(_q, columns))
    db.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content={_q(table.name)}, content_rowid='rowid')")
    db.execute(f"INSERT INTO {fts} (rowid, {cols}) SELECT rowid, {cols} FROM {_q(table.name)}")


def _flat_view(flat: str, base: str) -> str:
    """The flat table as a view: the same columns as the flat CSV, joined in SQL (tables.JOINED)."""
    alias = {"places": "p", "indicators": "i", "areas": "a", "documents": "d"}
    named = {name: f"{alias[source[0]]}.{_q(source[2])} AS {_q(name)}"
             for name, _type, _doc, source in JOINED if source}
    aliases = ("p", "p1", "p2")  # a commune's province is two levels up
    for column, field in (("id", "province"), ("name", "province_name")):
        cases = " ".join(f"WHEN {a}.type = 'tinh' THEN {a}.{column}" for a in aliases)
        named[field] = f"CASE {cases} END AS {field}"
    columns = ["t.*"] + [named[name] for name, *_ in JOINED]
    return (f"CREATE VIEW {_q(flat)} AS SELECT {', '.join(columns)} FROM {_q(base)} t "
            "LEFT JOIN places p ON p.id = t.place LEFT JOIN places p1 ON p1.id = p.parent "
            "LEFT JOIN places p2 ON p2.id = p1.parent LEFT JOIN indicators i ON i.id = t.indicator "
            "LEFT JOIN areas a ON a.id = t.area LEFT JOIN documents d ON d.id = t.document "
            "ORDER BY t.rowid")


def datasette_metadata(tables: dict[str, Table], package: dict, licence: dict, source_url: str,
                       name: str) -> dict:
    """Datasette's metadata.json: titles, descriptions, licence and source per table."""
    common = {"license": licence["title"], "license_url": licence["url"],
              "source": package.get("title", name), "source_url": source_url}
    return {
        "title": package.get("title", name), "description": package.get("description", ""), **common,
        "databases": {name: {**common, "tables": {
            table.name: {"title": table.title, "description": table.description, **common,
                         **({"fts_table": f"{table.name}_fts", "fts_pk": "id"}
                            if any(c in table.names for c in FTS_COLUMNS) and not table.name.endswith("-flat") else {})}
            for table in tables.values()}}},
    }
