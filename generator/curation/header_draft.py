"""The build's refusal of an imported document that still has unreviewed draft keys.

`python build.py import` lists every front-matter key it guessed (or left blank) in `draft:`,
and the instruments the text cites that `legal_documents.csv` lacks in `draft_unknown:`. A person
checks each key against the text and removes it from `draft:`; once `draft:` is empty (or gone)
and `draft_unknown:` is gone, the document builds like a hand-written one.
"""

from __future__ import annotations

from ..errors import Report
from ..yamlfile import line_of

DRAFT_KEYS = ("draft", "draft_unknown")  # front-matter keys only an imported document has


def check_draft(meta: dict, text: str, rel: str, report: Report) -> bool:
    """Add an error for each draft key still in `meta`; True when there is none."""
    ok = True
    draft = meta.get("draft")
    if draft is not None and draft != []:
        names = [str(key) for key in draft] if isinstance(draft, list) else [str(draft)]
        report.add(rel, f"{', '.join(names)} not yet reviewed", "draft", line=line_of(text, "draft") or 1,
                   field="draft", hint="check each against the text, then remove it from draft:")
        ok = False
    unknown = meta.get("draft_unknown")
    if unknown is not None:
        count = len(unknown) if isinstance(unknown, list) else 1
        report.add(rel, f"{count} cited instrument{'' if count == 1 else 's'} not yet in "
                        "datasets/cchc/legal_documents.csv", "draft", line=line_of(text, "draft_unknown") or 1,
                   field="draft_unknown", hint="add each to legal_documents.csv, move its entry to references: "
                                               "with legal: its id, then delete draft_unknown:")
        ok = False
    return ok
