"""Helpers for the tests of the curated data's facts."""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "datasets" / "cchc"
THIRD_EDITION = ROOT / "docs" / "curation" / "third-edition.md"


def rows(name: str) -> dict[str, dict]:
    """A CSV file of the package, by id, as the curators wrote it."""
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def recorded_addresses() -> dict[str, tuple[str, str, str]]:
    """The table "Recorded addresses" of docs/curation/third-edition.md: record → (url_kind, url, where found)."""
    text = THIRD_EDITION.read_text("utf-8").split("### Recorded addresses", 1)[1].split("\n### ", 1)[0]
    found = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.match(r"(legal_documents|documents): ", cells[0]):
            found[cells[0]] = (cells[1], cells[2], cells[3])
    return found
