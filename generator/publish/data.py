"""Downloads for each data package: datapackage.json, CSV and JSON per resource, a zip.

Files are written from the validated, typed rows (NFC, plain numbers), not copied from
the maintainers' CSV, so what is published is exactly what was checked. Results carry
the computed ratio check; every figure carries a link to its sentence.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from decimal import Decimal

from ..config import Config
from ..model import Catalogue
from ..writer import Writer

EXTRA_FIELDS = {
    "results": [
        {"name": "ratio_check", "type": "string",
         "description": "Computed at build: ok, or disagrees when the stated percentage differs from "
                        "numerator/denominator by more than 0.05 points; empty when there are no parts."},
        {"name": "ratio_computed", "type": "number",
         "description": "numerator/denominator × 100, rounded to 2 decimals, when both are given."},
    ],
}
SOURCE_URL = {"name": "source_url", "type": "string",
              "description": "Link to the quoted sentence on the document's page."}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _json(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def published_rows(catalogue: Catalogue, config: Config, name: str) -> tuple[list[dict], list[dict]]:
    """(fields, rows) of resource `name` as published, with computed columns added."""
    table = catalogue.dataset.tables[name]
    fields = [dict(f) for f in table.fields] + EXTRA_FIELDS.get(name, [])
    rows = [dict(row) for row in table.rows]
    if name == "results":
        for row, result in zip(rows, catalogue.results):
            row["ratio_check"], row["ratio_computed"] = result.ratio_check, result.computed_ratio
    if "source_quote" in table.header:
        fields.append(SOURCE_URL)
        for row in rows:
            path = f"documents/{row['document']}/#q-{row['id']}"
            row["source_url"] = config.absolute_url(path) or config.base_path + path
    return fields, rows


def to_csv(fields: list[dict], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f["name"] for f in fields])
    for row in rows:
        writer.writerow([_text(row.get(f["name"])) for f in fields])
    return out.getvalue()


def publish_data(catalogue: Catalogue, config: Config, writer: Writer, epoch: int) -> int:
    """Write every download of the `cchc` package; return the number of data rows."""
    dataset = catalogue.dataset
    folder = f"data/{dataset.name}"
    descriptor = {k: v for k, v in dataset.descriptor.items() if k != "resources"}
    descriptor["created"] = f"{descriptor['created']}T00:00:00Z"  # the Data Package spec wants a datetime
    descriptor["resources"] = []
    files: dict[str, bytes] = {}
    total = 0
    for name in dataset.tables:
        fields, rows = published_rows(catalogue, config, name)
        total += len(rows)
        spec = {k: v for k, v in dataset.tables[name].descriptor.items() if k not in ("x-generated-from", "schema")}
        schema = {**dataset.tables[name].descriptor["schema"], "fields": fields}
        descriptor["resources"].append({**spec, "path": f"{name}.csv", "format": "csv", "encoding": "utf-8",
                                        "mediatype": "text/csv", "schema": schema})
        files[f"{name}.csv"] = to_csv(fields, rows).encode("utf-8")
        files[f"{name}.json"] = json.dumps([{k: _json(row.get(k)) for k in (f["name"] for f in fields)}
                                            for row in rows], ensure_ascii=False, indent=1).encode("utf-8")
    files["datapackage.json"] = json.dumps(descriptor, ensure_ascii=False, indent=2).encode("utf-8")
    for name, data in files.items():
        writer.write(f"{folder}/{name}", data, source=f"datasets/{dataset.folder}")
    files["README.md"] = _readme(catalogue, config).encode("utf-8")
    writer.write(f"data/{dataset.name}.zip", _zip(dataset.name, files, epoch), source=f"datasets/{dataset.folder}")
    return total


def _readme(catalogue: Catalogue, config: Config) -> str:
    dataset = catalogue.dataset.descriptor
    lines = [f"# {dataset.get('title', 'cchc')}", "", dataset.get("description", ""), "",
             f"Licence: {config.licence['title']} ({config.licence['url']})",
             f"Publisher: {config.publisher}", "", "## Files", ""]
    for name, table in catalogue.dataset.tables.items():
        lines.append(f"- `{name}.csv` / `{name}.json`: {table.descriptor.get('description', '')} "
                     f"({len(table.rows)} rows)")
    lines += ["", "`datapackage.json` describes every field (Frictionless Data Package).", ""]
    return "\n".join(lines)


def _zip(name: str, files: dict[str, bytes], epoch: int) -> bytes:
    """A zip whose bytes depend only on its contents (fixed times, sorted names)."""
    from datetime import datetime, timezone
    stamp = datetime.fromtimestamp(max(epoch, 315532800), tz=timezone.utc).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(files):
            info = zipfile.ZipInfo(f"{name}/{file}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[file])
    return out.getvalue()
