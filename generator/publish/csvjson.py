"""CSV (UTF-8, RFC 4180, the package's own field names) and JSON (records) of a table."""

from __future__ import annotations

import csv
import io
import json

from .tables import json_value, text_value


def to_csv(names: list[str], rows: list[dict]) -> bytes:
    """RFC 4180: comma-separated, CRLF line ends, quotes only where needed; exact text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([text_value(row.get(name)) for name in names])
    return out.getvalue().encode("utf-8")


def records(names: list[str], rows: list[dict]) -> list[dict]:
    return [{name: json_value(row.get(name)) for name in names} for row in rows]


def to_json(data) -> bytes:
    """JSON text; a list of records is written one record a line (readable, and the fast C encoder)."""
    if isinstance(data, list):
        lines = ",\n".join(json.dumps(item, ensure_ascii=False) for item in data)
        return f"[\n{lines}\n]\n".encode("utf-8") if data else b"[]\n"
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def to_compact_json(data) -> bytes:
    """JSON without indentation, for the many small API files."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
