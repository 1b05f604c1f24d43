"""The proposals of one document, `drafts/<id>/<table>.csv` (written by `python build.py draft`),
as the review page reads and marks them.

Each file has the columns of its `datasets/cchc/<table>.csv`, then `indicator_score` and
`indicator_candidates` (targets and results), `why`, `existing` and `status`. The review page
sets `status` to `accepted` (and `existing` to the id written into datasets) or `rejected`;
both stay in the file, so a later `draft` run can tell a rejected proposal from a new one
(it should keep rejected rows, matched by source_quote and value, rather than propose them again).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .review_accept import replace

TABLES = ("targets", "results", "assignments")
PREFIX = {"targets": "t", "results": "r", "assignments": "a"}
NEW, SAME, DIFFERENT, ACCEPTED, REJECTED = "new", "same", "different", "accepted", "rejected"
PENDING = (NEW, DIFFERENT)


class DraftError(Exception):
    """A drafts file the page cannot read or mark (message names the file)."""


@dataclass(frozen=True)
class Proposal:
    """One proposed row: its table and every column of its drafts file, as text."""

    table: str
    values: dict[str, str]

    @property
    def id(self) -> str:
        return self.values.get("id", "")

    @property
    def status(self) -> str:
        return self.values.get("status", "") or NEW

    @property
    def candidates(self) -> list[tuple[str, str]]:
        """(indicator id, score) pairs, best first, from `indicator_candidates` ("id:0.82; id2:0.40")."""
        pairs = []
        for item in (self.values.get("indicator_candidates") or "").split(";"):
            name, colon, score = item.strip().rpartition(":")
            if not colon:
                name, score = score, ""  # an id without a score
            if name:
                pairs.append((name, score))
        return pairs


def draft_file(root: Path, document_id: str, table: str) -> Path:
    return root / "drafts" / document_id / f"{table}.csv"


def read_proposals(root: Path, document_id: str) -> list[Proposal]:
    """Every proposal for the document, targets, then results, then assignments, in file order."""
    proposals = []
    for table in TABLES:
        path = draft_file(root, document_id, table)
        if path.is_file():
            proposals += [Proposal(table, row) for row in _read(path)]
    return proposals


def mark(root: Path, document_id: str, table: str, draft_id: str, status: str, existing: str = "") -> None:
    """Set the status (and `existing`) of the pending proposal `draft_id`; the file is replaced atomically."""
    path = draft_file(root, document_id, table)
    if table not in TABLES or not path.is_file():
        raise DraftError(f"drafts/{document_id}/{table}.csv: no such drafts file")
    header, rows = _header(path), _read(path)
    row = next((r for r in rows if r.get("id") == draft_id and (r.get("status") or NEW) in PENDING), None)
    if row is None:
        raise DraftError(f"drafts/{document_id}/{table}.csv: no proposal {draft_id} waiting for review")
    row["status"] = status
    if existing and "existing" in header:
        row["existing"] = existing
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    replace(path, out.getvalue().encode("utf-8"))


def next_id(document_id: str, table: str, taken: list[str]) -> str:
    """The corpus's next free row id for the document: `<document>-t07` after t01…t06."""
    pattern = re.compile(re.escape(f"{document_id}-{PREFIX[table]}") + r"(\d+)$")
    numbers = [int(m.group(1)) for m in map(pattern.match, taken) if m]
    return f"{document_id}-{PREFIX[table]}{max(numbers, default=0) + 1:02d}"


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(csv.reader(handle), [])


def _read(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DraftError(f"drafts/{path.parent.name}/{path.name}: cannot read: {exc}") from exc
    if rows and "status" not in rows[0]:
        raise DraftError(f"drafts/{path.parent.name}/{path.name}: no status column (expected the drafts format)")
    return [{k: v or "" for k, v in row.items() if k is not None} for row in rows]
