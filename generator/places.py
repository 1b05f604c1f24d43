"""Places over time: when each unit existed, what it became, and the unit it is part of today.

A figure keeps the place as it was when its document was issued (never rewritten); the
`place_changes` rows lead from that place to today's unit. The checks here make that
path trustworthy: dates in order, no change that goes round in a circle, and every place
that ended has a successor or a note saying why it has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable

from .errors import Report

if TYPE_CHECKING:  # model.Catalogue mixes in PlaceLookups, so model imports this module
    from .model import Catalogue, Place

SPLIT = "split"
PROVINCE = "tinh"  # the place type of a provincial-level unit (a province or a centrally run city)


@dataclass(frozen=True, slots=True)
class Span:
    """When a place existed: `start`/`end` are None when open (before the corpus, or still today)."""

    id: str
    parent: str | None
    start: date | None
    end: date | None
    line: int = field(repr=False, compare=False)  # where the row is (messages); not what it says
    type: str = ""


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
    note_en: str | None = None
    line: int = field(default=0, repr=False, compare=False)  # a row above it edited moves it, not its page


class PlaceHistory:
    """Every place's span and its changes, each looked up by key; the unit each place is part of
    today, that unit's province and the former units of each unit, computed once."""

    def __init__(self, spans: list[Span], changes: list[PlaceChange]):
        self.spans = {span.id: span for span in spans}
        self.changes = changes
        self._after: dict[str, list[PlaceChange]] = {}
        self._before: dict[str, list[PlaceChange]] = {}
        self._by_instrument: dict[str, list[PlaceChange]] = {}
        for change in changes:
            self._after.setdefault(change.source, []).append(change)
            self._by_instrument.setdefault(change.legal_document, []).append(change)
            if change.target:
                self._before.setdefault(change.target, []).append(change)
        self._today = {place: self._follow(place) for place in self.spans}
        self._province = {place: self._province_of(today) for place, today in self._today.items() if today}
        self._formers: dict[str, list[str]] = {}
        for span in self.spans.values():  # in the places' order
            today = self._today[span.id]
            if span.end is not None and today is not None:
                self._formers.setdefault(today, []).append(span.id)

    def successors(self, place: str) -> list[PlaceChange]:
        """The changes that ended `place` (several only for a split)."""
        return self._after.get(place, [])

    def predecessors(self, place: str) -> list[PlaceChange]:
        """The changes that led into `place` (the former units a page lists beneath it)."""
        return self._before.get(place, [])

    def made_by(self, legal_document: str) -> list[PlaceChange]:
        """The changes an instrument made, in the file's order."""
        return self._by_instrument.get(legal_document, [])

    def today(self, place: str) -> str | None:
        """The id of the unit `place` is part of today: itself while it exists; None when there is no
        single one (a split, an ending without successor, an unknown id)."""
        return self._today.get(place)

    def province_today(self, place: str) -> str | None:
        """The provincial-level unit `place` is part of today (today's unit itself when it is one);
        None above provinces (the country) or when there is no single unit today."""
        return self._province.get(place)

    def formers(self, place: str) -> list[str]:
        """The places that ended and are part of `place` today, through any number of changes."""
        return self._formers.get(place, [])

    def _province_of(self, place: str) -> str | None:
        seen = set()
        while place in self.spans and place not in seen:
            seen.add(place)
            if self.spans[place].type == PROVINCE:
                return place
            place = self.spans[place].parent or ""
        return None

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


def history_of(tables: dict) -> PlaceHistory:
    """The history of a package's places, from its `places` and `place_changes` tables."""
    places, changes = tables.get("places"), tables.get("place_changes")
    spans = [Span(row["id"], row["parent"], row.get("valid_from"), row.get("valid_until"), line, row["type"])
             for row, line in zip(places.rows, places.lines)] if places else []
    moves = [PlaceChange(row["id"], row["from_place"], row["to_place"], row["date"], row["kind"],
                         row["legal_document"], row["note"], row.get("note_en"), line)
             for row, line in zip(changes.rows, changes.lines)] if changes else []
    return PlaceHistory(spans, moves)


class PlaceLookups:
    """The catalogue's lookups of places over time, mixed into `model.Catalogue`: each answers
    from the one PlaceHistory the catalogue builds, so a page or a flat table's row costs a lookup
    whatever the corpus size, and a page's use of them is recorded for page reuse like any lookup."""

    _history: PlaceHistory
    places: dict[str, "Place"]
    children_of: Callable[[str | None], list["Place"]]

    def changes_from(self, place: str) -> list[PlaceChange]:
        """The changes that ended `place` (what it became)."""
        return self._history.successors(place)

    def place_changes_made_by(self, legal_document: str) -> list[PlaceChange]:
        """The changes to places that an instrument made."""
        return self._history.made_by(legal_document)

    def today_of(self, place: str) -> str | None:
        """The id of the unit `place` is part of today (itself while it exists; see PlaceHistory.today)."""
        return self._history.today(place)

    def province_today_of(self, place: str) -> str | None:
        """The id of the provincial-level unit `place` is part of today (see PlaceHistory.province_today)."""
        return self._history.province_today(place)

    def former_units(self, place: str) -> list["Place"]:
        """The units that ended and are part of `place` today, in the places' order."""
        return [self.places[p] for p in self._history.formers(place) if p in self.places]

    def ancestors_of(self, place: str) -> list[Place]:
        """The places above `place`, outermost first (Việt Nam, province, …)."""
        chain, seen = [], {place}
        parent = self.places[place].parent if place in self.places else None
        while parent and parent in self.places and parent not in seen:
            seen.add(parent)
            chain.append(self.places[parent])
            parent = self.places[parent].parent
        return chain[::-1]

    def descendants_of(self, place: str) -> list[Place]:
        """Every place below `place`, depth first, in the order they are listed."""
        found, stack, seen = [], list(reversed(self.children_of(place))), {place}
        while stack:
            child = stack.pop()
            if child.id in seen:
                continue
            seen.add(child.id)
            found.append(child)
            stack.extend(reversed(self.children_of(child.id)))
        return found

    def roots(self) -> list[Place]:
        """Places with no parent (the top of the places tree)."""
        return self.children_of(None) + self.children_of("")


def place_history(catalogue: Catalogue) -> PlaceHistory:
    """The history of the catalogue's places (built once, with the catalogue)."""
    return catalogue._history


def place_today(catalogue: Catalogue, place: str) -> str | None:
    """Place id → the id of the unit it is part of today (see PlaceHistory.today): a lookup."""
    return catalogue.today_of(place)


def check_places(catalogue: Catalogue, report: Report) -> None:
    """Add every problem with places' dates and changes to `report` (all are errors)."""
    tables = catalogue.dataset.tables
    if "places" not in tables:
        return
    history = catalogue._history
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
