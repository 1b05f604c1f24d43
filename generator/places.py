"""Places over time: when each unit existed, what it became, and the unit it is part of today.

A figure keeps the place as it was when its document was issued (never rewritten); the
`place_changes` rows lead from that place to today's unit. The checks here make that
path trustworthy: dates in order, no change that goes round in a circle, and every place
that ended has a successor or a note saying why it has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .errors import Report
from .model import Catalogue

SPLIT = "split"


@dataclass(frozen=True, slots=True)
class Span:
    """When a place existed: `start`/`end` are None when open (before the corpus, or still today)."""

    id: str
    parent: str | None
    start: date | None
    end: date | None
    line: int


@dataclass(frozen=True, slots=True)
class PlaceChange:
    """One row of place_changes: `source` changed on `day` (it ended the day before) into `target`."""

    id: str
    source: str
    target: str | None
    day: date
    kind: str
    legal_document: str
    note: str | None
    line: int


class PlaceHistory:
    """Every place's span and its changes, each looked up by key."""

    def __init__(self, spans: list[Span], changes: list[PlaceChange]):
        self.spans = {span.id: span for span in spans}
        self.changes = changes
        self._after: dict[str, list[PlaceChange]] = {}
        self._before: dict[str, list[PlaceChange]] = {}
        for change in changes:
            self._after.setdefault(change.source, []).append(change)
            if change.target:
                self._before.setdefault(change.target, []).append(change)
        self._today = {place: self._follow(place) for place in self.spans}

    def successors(self, place: str) -> list[PlaceChange]:
        """The changes that ended `place` (several only for a split)."""
        return self._after.get(place, [])

    def predecessors(self, place: str) -> list[PlaceChange]:
        """The changes that led into `place` (the former units a page lists beneath it)."""
        return self._before.get(place, [])

    def today(self, place: str) -> str | None:
        """The id of the unit `place` is part of today: itself while it exists; None when there is no
        single one (a split, an ending without successor, an unknown id)."""
        return self._today.get(place)

    def _follow(self, place: str) -> str | None:
        seen = set()
        while place not in seen:
            seen.add(place)
            span = self.spans.get(place)
            if span is None:
                return None
            if span.end is None:
                return place
            after = self.successors(place)
            if len(after) != 1 or not after[0].target:
                return None
            place = after[0].target
        return None  # a circle: reported by check_places


def place_history(catalogue: Catalogue) -> PlaceHistory:
    """The history of the catalogue's places, built from its places and place_changes tables."""
    tables = catalogue.dataset.tables
    places, changes = tables.get("places"), tables.get("place_changes")
    spans = [Span(row["id"], row["parent"], row.get("valid_from"), row.get("valid_until"), line)
             for row, line in zip(places.rows, places.lines)] if places else []
    moves = [PlaceChange(row["id"], row["from_place"], row["to_place"], row["date"], row["kind"],
                         row["legal_document"], row["note"], line)
             for row, line in zip(changes.rows, changes.lines)] if changes else []
    return PlaceHistory(spans, moves)


_last: tuple[Catalogue, PlaceHistory] | None = None


def place_today(catalogue: Catalogue, place: str) -> str | None:
    """Place id → the id of the unit it is part of today (see PlaceHistory.today); the history is
    built once per catalogue, so calling this for every row of a flat table costs a lookup."""
    global _last
    if _last is None or _last[0] is not catalogue:
        _last = (catalogue, place_history(catalogue))
    return _last[1].today(place)


def check_places(catalogue: Catalogue, report: Report) -> None:
    """Add every problem with places' dates and changes to `report` (all are errors)."""
    tables = catalogue.dataset.tables
    if "places" not in tables:
        return
    history = place_history(catalogue)
    places_file = tables["places"].file
    changes_file = tables["place_changes"].file if "place_changes" in tables else "place_changes.csv"
    for span in history.spans.values():
        _check_span(history, span, places_file, changes_file, report)
    for change in history.changes:
        _check_change(history, change, changes_file, report)
    _check_circles(history, changes_file, report)


def _check_span(history: PlaceHistory, span: Span, file: str, changes_file: str, report: Report) -> None:
    where = {"line": span.line}
    if span.start and span.end and span.end < span.start:
        report.add(file, f"{span.end} is before valid_from ({span.start})", "place-dates",
                   field="valid_until", **where)
    parent = history.spans.get(span.parent) if span.parent else None
    if parent and parent.end and (span.end is None or span.end > parent.end):
        report.add(file, f'{span.id} outlives its parent {parent.id}, which ended on {parent.end}', "place-dates",
                   field="parent", hint=f"end {span.id} by {parent.end}, or give it the parent it has since",
                   **where)
    if parent and parent.start and (span.start is None or span.start < parent.start):
        report.add(file, f'{span.id} begins before its parent {parent.id} ({parent.start})', "place-dates",
                   field="parent", **where)
    if span.end and not history.successors(span.id):
        report.add(file, f"{span.id} ended on {span.end} but no row of {changes_file} starts from it",
                   "place-successor", field="valid_until",
                   hint=f"add a row from {span.id} to its successor, or with an empty to_place and a note "
                        "saying why nothing succeeds it", **where)


def _check_change(history: PlaceHistory, change: PlaceChange, file: str, report: Report) -> None:
    where = {"line": change.line}
    source = history.spans.get(change.source)
    if source is not None:
        if source.end is None:
            report.add(file, f"{change.source} has no valid_until, so it cannot have changed", "place-dates",
                       field="from_place", hint=f"set its valid_until to {change.day - timedelta(days=1)}",
                       **where)
        elif change.day != source.end + timedelta(days=1):
            report.add(file, f"{change.day} is not the day after {change.source}'s valid_until ({source.end})",
                       "place-dates", field="date", **where)
    target = history.spans.get(change.target) if change.target else None
    if target is not None:
        if target.start and target.start > change.day:
            report.add(file, f"{change.target} begins on {target.start}, after the change ({change.day})",
                       "place-dates", field="to_place", **where)
        if target.end and target.end < change.day:
            report.add(file, f"{change.target} ended on {target.end}, before the change ({change.day})",
                       "place-dates", field="to_place", **where)
    if not change.target and not change.note:
        report.add(file, f"no to_place and no note: say why nothing succeeds {change.source}", "place-successor",
                   field="note", **where)
    siblings = history.successors(change.source)
    if len(siblings) > 1 and change.kind != SPLIT:
        lines = ", ".join(str(c.line) for c in siblings)
        report.add(file, f"{change.source} has {len(siblings)} changes (lines {lines}); only a split has more "
                         "than one", "place-successor", field="kind", **where)


def _check_circles(history: PlaceHistory, file: str, report: Report) -> None:
    """Changes that lead, through others, back to a place already on the way: each circle reported
    once, at the first of its rows in the file."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" after

    def visit(place: str, path: list[str]) -> None:
        state[place] = "open"
        path.append(place)
        for change in history.successors(place):
            target = change.target
            if target and state.get(target) == "open":
                circle = path[path.index(target):]
                first = min((c for p in circle for c in history.successors(p) if c.target in circle),
                            key=lambda c: c.line)
                report.add(file, f"{' → '.join(circle + [target])}: the changes go round in a circle",
                           "place-cycle", field="to_place", line=first.line)
            elif target and target not in state:
                visit(target, path)
        path.pop()
        state[place] = "done"

    for change in history.changes:
        if change.source not in state:
            visit(change.source, [])
