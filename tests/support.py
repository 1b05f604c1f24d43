"""A small-project factory for generator tests (MkDocs' tempdir(files=…), Pelican's
tests/support.py): a complete project in `tmp_path` with only the documents a test names
and their rows, plus any file the test writes over it. Generator tests built this way do
not change when a curator adds a row; tests of the curated data's facts build the real
corpus (the session's `built_project`)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from generator.content import split_front_matter
from generator.errors import Report

ROOT = Path(__file__).resolve().parent.parent
DATA = "datasets/cchc"
FIGURES = ("targets.csv", "results.csv", "assignments.csv")  # rows of one document each


def make_project(target: Path, documents: tuple[str, ...] = ("long-phu-53-2022",),
                 files: dict[str, str | bytes] | None = None) -> Path:
    """A project at `target` with the real settings, templates, pages and code lists, the named
    documents and only their figures; then every `files` entry (path → text or bytes) written
    over it; then, unless `files` gives that table, only the indicators the figures measure, their
    topics and the instruments the documents and place changes cite. Returns `target`."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "site.yaml", target / "site.yaml")
    shutil.copytree(ROOT / "templates", target / "templates")
    for folder in ("content/pages", "content/search"):
        shutil.copytree(ROOT / folder, target / folder)
    (target / "content/documents").mkdir(parents=True)
    for document in documents:
        name = f"content/documents/{document}.md"
        shutil.copy2(ROOT / name, target / name)
    (target / DATA).mkdir(parents=True)
    for source in sorted((ROOT / DATA).iterdir()):
        shutil.copy2(source, target / DATA / source.name)
        if source.name in FIGURES:
            _keep_rows(target / DATA / source.name, "document", set(documents))
    for name, content in (files or {}).items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    given = {name.rsplit("/", 1)[-1] for name in files or {} if name.startswith(f"{DATA}/")}
    if "indicators.csv" not in given:
        _keep_rows(target / DATA / "indicators.csv", "id", _used(target / DATA, ("targets.csv", "results.csv"), "indicator"))
    if "topics.csv" not in given:
        _keep_rows(target / DATA / "topics.csv", "id", _used(target / DATA, ("indicators.csv",), "topic"))
    if "legal_documents.csv" not in given:
        changes = _used(target / DATA, ("place_changes.csv",), "legal_document")
        _keep_rows(target / DATA / "legal_documents.csv", "id", None if changes is None else changes | _cited(target / "content/documents"))
    return target


# A page each, in two languages: only the indicators the figures measure, their topics and the
# instruments the documents and place changes cite (the two-document project renders 226
# pages instead of 324).

def _used(folder: Path, names: tuple[str, ...], column: str) -> set | None:
    """The values of `column` in the CSVs `names` of `folder` (None when a test wrote one that
    cannot be read: then nothing is left out)."""
    used = set()
    for name in names:
        try:
            with (folder / name).open(encoding="utf-8", newline="") as handle:
                used |= {row.get(column) for row in csv.DictReader(handle)}
        except (OSError, UnicodeDecodeError, csv.Error):
            return None
    return used


def _cited(folder: Path) -> set:
    """The legal_documents ids the documents in `folder` cite, implement or report on (front matter)."""
    cited = set()
    for path in folder.glob("*.md"):
        try:  # a test may have written a broken document: it cites nothing
            found = split_front_matter(path.read_text(encoding="utf-8"), path.name, Report())
        except UnicodeDecodeError:
            continue
        lists = [found[0].get(key) for key in ("references", "implements", "reports_on")] if found else []
        for item in (item for found in lists if isinstance(found, list) for item in found):
            cited.add(str(item.get("legal")) if isinstance(item, dict) else str(item))
    return cited


def _keep_rows(path: Path, column: str, values: set | None) -> None:
    """Rewrite the CSV at `path` with its header and the rows whose `column` is in `values`
    (quoting as csv writes it); all of them when `values` is None."""
    if values is None:
        return
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    at = rows[0].index(column)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([rows[0], *(row for row in rows[1:] if row[at] in values)])
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
