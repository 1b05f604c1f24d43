"""CSV (UTF-8, RFC 4180, the package's own field names) and JSON (records) of a table."""

from __future__ import annotations

import csv
import io
import json
from typing import BinaryIO

from .tables import json_value, text_value


BATCH = 1000  # rows encoded before they are written out


def to_csv(names: list[str], rows: list[dict]) -> bytes:
    """RFC 4180: comma-separated, CRLF line ends, quotes only where needed; exact text."""
    out = io.BytesIO()
    write_csv(names, rows, out)
    return out.getvalue()


def write_csv(names: list[str], rows: list[dict], out: BinaryIO) -> None:
    """to_csv, written into `out` as it is encoded (a whole table is never one text)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(names)
    for i, row in enumerate(rows, start=1):
        writer.writerow([text_value(row.get(name)) for name in names])
        if i % BATCH == 0:
            out.write(text.getvalue().encode("utf-8"))
            text.seek(0)
            text.truncate()
    out.write(text.getvalue().encode("utf-8"))


def records(names: list[str], rows: list[dict]) -> list[dict]:
    return [{name: json_value(row.get(name)) for name in names} for row in rows]


def write_records(names: list[str], rows: list[dict], out: BinaryIO) -> None:
    """to_json(records(names, rows)), written into `out` as it is encoded."""
    if not rows:
        out.write(b"[]\n")
        return
    out.write(b"[\n")
    batch: list[str] = []
    for i, row in enumerate(rows):
        batch.append(json.dumps({name: json_value(row.get(name)) for name in names}, ensure_ascii=False))
        if len(batch) == BATCH or i == len(rows) - 1:
            out.write(("" if i < BATCH else ",\n").encode("utf-8") + ",\n".join(batch).encode("utf-8"))
            batch.clear()
    out.write(b"\n]\n")


def to_json(data) -> bytes:
    """JSON text; a list of records is written one record a line (readable, and the fast C encoder)."""
    if isinstance(data, list):
        lines = ",\n".join(json.dumps(item, ensure_ascii=False) for item in data)
        return f"[\n{lines}\n]\n".encode("utf-8") if data else b"[]\n"
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def to_compact_json(data) -> bytes:
    """JSON without indentation, for the many small API files."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
