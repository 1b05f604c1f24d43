"""The zip's README (what each file is, units, how progress is computed, how to cite,
licence) and LICENSE (the licence's name, URL and attribution requirement)."""

from __future__ import annotations

from ..config import Config
from .formats import table_formats, zipped_formats
from .tables import Table, site_url

UNITS = [
    ("percent", "a percentage: 99.79 means 99.79 %"),
    ("count", "a number of things (documents, procedures, people …)"),
    ("vnd", "Vietnamese dong"),
    ("rank", "a position in a ranking (1 is best)"),
    ("rank_change", "places gained in a ranking"),
    ("times", "a number of times"),
]


def citation(config: Config, package: dict, name: str) -> str:
    """The "how to cite" line, the same on the dataset page and in the README."""
    year = package["created"][:4]
    return (f"{config.publisher} ({year}). {package.get('title', name)}, version {package['version']} "
            f"({package['created']}). {site_url(config, f'datasets/{name}/')} — {config.licence['title']} "
            f"({config.licence['id']}).")


def readme(config: Config, package: dict, tables: dict[str, Table], name: str) -> str:
    lines = [f"# {package.get('title', name)}", "", package.get("description", ""), "",
             f"Version {package['version']}, data last changed {package['created']}.",
             f"Published by {config.publisher}: {site_url(config, f'datasets/{name}/')}", "",
             "## Files", "",
             *_formats_paragraph(config, name), "",
             "| table | rows | what one row is |", "|---|---|---|"]
    for table in tables.values():
        lines.append(f"| `{table.name}` | {len(table.rows)} | {table.description} |")
    lines += [
        "", "- `datapackage.json`: the Frictionless Data Package describing every field of the CSV files "
        "(type, description, constraints, keys), with the version, date, sources, licence, hash and size of each file.",
        f"- `{name}.sqlite` (on the site: {site_url(config, f'data/{name}.sqlite')}): one SQLite table per table above (primary and foreign keys, indexes), the flat tables as "
        "views, full-text search tables `<table>_fts` (FTS5) on statements, tasks and quotes; "
        f"`{name}.metadata.json` is its Datasette metadata (`datasette {name}.sqlite -m {name}.metadata.json`).",
        "- `targets-flat` and `results-flat` repeat the names of the place, its province, the indicator, the area "
        "and the document beside the ids, so one file answers one question without joins.",
        "- `source_url` links each figure to its sentence on the document's page.", "",
        "Spreadsheets: text that Excel would read as a formula (starting with =, +, -, @, tab or carriage return) "
        "is stored in the XLSX files as text with Excel's quote-prefix flag, so it is never evaluated; the CSV and "
        "JSON files keep the exact text. Open the CSV files in a spreadsheet through its import dialog "
        "(UTF-8, comma), or use the XLSX files.", "",
        "## Units", "", "`value` is a number in the row's `unit`:", "",
        *[f"- `{code}`: {text}" for code, text in UNITS], "",
        "`baseline_year` marks a change compared with that year, not a level.", "",
        "## How progress is computed", "",
        "A target is *met* when the latest result for the same indicator, place, level and unit, up to the "
        "target's year, satisfies the target's comparator and value; *not met yet* when such a result exists "
        "but does not; *no data* otherwise. Results with a `baseline_year` (changes) are never used. "
        "`ratio_check` is `disagrees` when a stated percentage differs from numerator/denominator by more "
        "than 0.05 points.", "",
        "## How to cite", "", citation(config, package, name), "",
        "## Licence", "", f"{config.licence['title']} ({config.licence['id']}): {config.licence['url']}. "
        "See LICENSE.", ""]
    return "\n".join(lines)


def _formats_paragraph(config: Config, name: str) -> list[str]:
    """What the zip holds, and every table format on the site, as the registry describes them (formats.FORMATS)."""
    described = [f"`<table>.{f.name}` ({f.readme})" for f in table_formats()]
    listed = ", ".join(described[:-1]) + " and " + described[-1] if len(described) > 1 else "".join(described)
    held = " and ".join(f.title for f in zipped_formats())
    return [f"This archive holds every table once, as {held}, with `datapackage.json`, this README and the "
            f"LICENSE. Every table comes in {len(described)} formats with the same rows and the same field names, "
            f"each at `{site_url(config, f'data/{name}/')}<table>.<format>`: {listed}."]


def licence_text(config: Config, package: dict, name: str) -> str:
    return "\n".join([
        f"{package.get('title', name)}", f"Version {package['version']} ({package['created']})", "",
        f"Licence: {config.licence['title']} ({config.licence['id']})",
        f"Full legal text: {config.licence['url']}", "",
        "You may share and adapt this data for any purpose, including commercially, provided you give",
        "appropriate credit, provide a link to the licence, and indicate if changes were made. Credit:", "",
        f"  {citation(config, package, name)}", "",
        "The source texts are public documents and press reports; each document's source_note says what it is.", ""])
