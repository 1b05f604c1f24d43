"""The review page of one document: its text with every proposed figure highlighted at its
source_quote, beside the proposal's row as a form (accept, edit, reject), and a form to
start a row by hand from a selected sentence. Rendered from `review_static/review.html`,
never written into a built site."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..errors import Report
from ..markup import Mark, render_markdown
from .review_accept import PACKAGE, Refused, fields_of, load_document, resource_of
from .review_drafts import PENDING, TABLES, DraftError, Proposal, next_id, read_proposals

STATIC = Path(__file__).with_name("review_static")
LONG = {"statement", "statement_en", "source_quote", "note", "note_en", "task", "agency"}
FIXED = {"document"}  # the document under review: shown, not edited
_ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(STATIC), autoescape=True,
                                  undefined=jinja2.StrictUndefined)


@dataclass(frozen=True)
class Widget:
    """How one column is edited: a select of its allowed values, a text area or a line."""

    name: str
    kind: str  # select | textarea | input
    options: tuple[str, ...] = ()
    required: bool = False
    readonly: bool = False
    choices: str = ""  # the table whose ids it takes (a foreign key): offered as suggestions


def widgets(root: Path, table: str) -> list[Widget]:
    """One widget per column of the table, in the CSV's column order, from the package's schema."""
    out = []
    keys = _foreign_keys(root, table)
    for spec in fields_of(root, table):
        name, constraints = spec["name"], spec.get("constraints", {})
        required = bool(constraints.get("required"))
        if "enum" in constraints or spec.get("type") == "boolean":
            options = tuple(map(str, constraints.get("enum", ["true", "false"])))
            out.append(Widget(name, "select", options if required else ("", *options), required))
        else:
            out.append(Widget(name, "textarea" if name in LONG else "input", (), required, name in FIXED,
                              keys.get(name, "")))
    return out


def _foreign_keys(root: Path, table: str) -> dict[str, str]:
    """column → the CSV table its values must be ids of (documents are generated: not offered)."""
    _, resource = resource_of(root, table, Report())
    return {foreign["fields"][0]: foreign["reference"]["resource"]
            for foreign in resource["schema"].get("foreignKeys", [])
            if len(foreign["fields"]) == 1 and foreign["reference"]["resource"] not in ("", "documents")}


def render_review(root: Path, document_id: str, token: str) -> str | None:
    """The page's HTML; None when there is no such document."""
    if not (root / f"content/documents/{document_id}.md").is_file():
        return None
    report = Report()
    document = load_document(root, document_id, report)
    template = _ENVIRONMENT.get_template("review.html")
    if document is None:
        return template.render(document_id=document_id, token=token, problems=[p.format() for p in report.errors],
                               document=None)
    try:
        proposals = read_proposals(root, document_id)
    except DraftError as exc:
        return template.render(document_id=document_id, token=token, problems=[str(exc)], document=document)
    rendered = document.stored.rendered
    marks = [Mark(p.values["source_quote"], f"q-{p.id}", f"#row-{p.id}", _short(p.id))
             for p in proposals if p.values.get("source_quote") and p.status in PENDING]
    taken = {table: _ids(root, table) + [p.id for p in proposals if p.table == table] for table in TABLES}
    widgets_of = {table: widgets(root, table) for table in TABLES}
    return template.render(
        document_id=document_id, token=token, problems=[], document=document,
        text=render_markdown(document.stored.body, marks).html,
        proposals=[_view(p, rendered.find(p.values.get("source_quote", "")) is not None) for p in proposals],
        widgets=widgets_of,
        next_ids={table: next_id(document_id, table, taken[table]) for table in TABLES},
        choices={name: _choices(root, name) for name in {w.choices for ws in widgets_of.values() for w in ws} - {""}},
        pending=PENDING,
        defaults={"document": document_id, "place": document.place, "year_stated": "true"})


def _view(proposal: Proposal, found: bool) -> dict:
    return {"table": proposal.table, "id": proposal.id, "cells": proposal.values, "status": proposal.status,
            "candidates": proposal.candidates, "why": proposal.values.get("why", ""),
            "existing": proposal.values.get("existing", ""), "found": found, "short": _short(proposal.id)}


def _short(row_id: str) -> str:
    """`t05` for `long-phu-53-2022-t05`: the label of a mark in the text."""
    return row_id.rsplit("-", 1)[-1]


def _ids(root: Path, table: str) -> list[str]:
    return [row.get("id", "") for row in _rows(root, table)]


def _choices(root: Path, table: str) -> list[tuple[str, str]]:
    """(id, Vietnamese name) of every row of a table a column takes ids of."""
    return [(row.get("id", ""), row.get("name_vi") or row.get("name") or "") for row in _rows(root, table)]


def _rows(root: Path, table: str) -> list[dict[str, str]]:
    try:
        path = root / PACKAGE.rsplit("/", 1)[0] / resource_of(root, table, Report())[1]["path"]
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error, Refused):
        return []  # the build reports a broken file; the page still opens
