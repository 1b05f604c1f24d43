"""The in-memory catalogue every page is rendered from, with its joins computed once.

A target's progress is computed only against results for the same indicator, place,
level and unit, up to the target's year, never against a change figure.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Iterable

from .content import Content, Document, Page
from .data import Dataset

MET, NOT_MET_YET, NO_DATA = "met", "not-met-yet", "no-data"
RATIO_TOLERANCE = Decimal("0.05")  # percentage points: stated ratios are rounded to 2 decimals


@dataclass(frozen=True)
class Area:
    id: str
    name_vi: str
    name_en: str


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    name_en: str
    type: str
    parent: str | None


@dataclass(frozen=True)
class Indicator:
    id: str
    name_vi: str
    name_en: str
    area: str
    unit: str
    direction: str


@dataclass(frozen=True)
class Figure:
    """What targets and results share: a number from a document, with its quote."""

    id: str
    document: str
    place: str
    area: str
    indicator: str | None
    level: str
    statement: str
    statement_en: str
    value: Decimal
    unit: str
    year: int
    baseline_year: int | None
    source_quote: str
    note: str | None
    # columns the corpus adds (None until a release has them; templates guard on them)
    note_en: str | None = None
    year_stated: bool | None = None  # False: the year is inferred, not stated in the source


@dataclass(frozen=True)
class Target(Figure):
    comparator: str = ">="


@dataclass(frozen=True)
class Result(Figure):
    numerator: Decimal | None = None
    denominator: Decimal | None = None

    @property
    def computed_ratio(self) -> Decimal | None:
        """numerator/denominator in percent, when both are given and it is a percentage."""
        if self.unit != "percent" or self.numerator is None or not self.denominator:
            return None
        return (self.numerator * 100 / self.denominator).quantize(Decimal("0.01"))

    @property
    def ratio_check(self) -> str:
        """'' (nothing to check), 'ok', or 'disagrees' (stated ratio ≠ its parts)."""
        computed = self.computed_ratio
        if computed is None:
            return ""
        return "ok" if abs(computed - self.value) <= RATIO_TOLERANCE else "disagrees"


@dataclass(frozen=True)
class Assignment:
    id: str
    document: str
    agency: str
    area: str | None
    task: str
    source_quote: str


@dataclass(frozen=True)
class Progress:
    status: str  # met | not-met-yet | no-data
    result: Result | None = None


def _build(cls, rows: Iterable[dict]) -> list:
    names = [f.name for f in dataclasses.fields(cls)]
    return [cls(**{name: row.get(name) for name in names}) for row in rows]


@dataclass
class Catalogue:
    """Everything the site publishes, with every join computed once as a lookup by key.

    Rendering a page only looks things up here, so its cost does not grow with the corpus.
    """

    documents: dict[str, Document]
    pages: list[Page]
    areas: dict[str, Area]
    places: dict[str, Place]
    indicators: dict[str, Indicator]
    targets: list[Target]
    results: list[Result]
    assignments: list[Assignment]
    dataset: Dataset
    _index: dict[tuple[str, str], dict] = dataclasses.field(default_factory=dict, repr=False)
    _progress: dict[str, Progress] = dataclasses.field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        rows = {"targets": self.targets, "results": self.results, "assignments": self.assignments,
                "documents": list(self.documents.values()), "indicators": list(self.indicators.values()),
                "places": list(self.places.values())}
        for name, key in [("targets", "document"), ("results", "document"), ("assignments", "document"),
                          ("targets", "place"), ("results", "place"), ("targets", "indicator"),
                          ("results", "indicator"), ("targets", "area"), ("results", "area"),
                          ("assignments", "area"), ("documents", "place"), ("indicators", "area"),
                          ("places", "parent"), ("targets", "year")]:
            self._index[(name, key)] = _group(rows[name], key)
        self._progress = _progress(self.targets, self.results)

    def _lookup(self, name: str, key: str, value: str | None) -> list:
        return self._index[(name, key)].get(value, [])

    def targets_of(self, document: str) -> list[Target]:
        return self._lookup("targets", "document", document)

    def results_of(self, document: str) -> list[Result]:
        return self._lookup("results", "document", document)

    def assignments_of(self, document: str) -> list[Assignment]:
        return self._lookup("assignments", "document", document)

    def documents_of_place(self, place: str) -> list[Document]:
        return self._lookup("documents", "place", place)

    def targets_of_place(self, place: str) -> list[Target]:
        return self._lookup("targets", "place", place)

    def results_of_place(self, place: str) -> list[Result]:
        return self._lookup("results", "place", place)

    def targets_of_indicator(self, indicator: str) -> list[Target]:
        return self._lookup("targets", "indicator", indicator)

    def results_of_indicator(self, indicator: str) -> list[Result]:
        return self._lookup("results", "indicator", indicator)

    def indicators_of_area(self, area: str) -> list[Indicator]:
        return self._lookup("indicators", "area", area)

    def rows_of_area(self, area: str) -> tuple[list[Target], list[Result], list[Assignment]]:
        return (self._lookup("targets", "area", area), self._lookup("results", "area", area),
                self._lookup("assignments", "area", area))

    def children_of(self, place: str) -> list[Place]:
        return self._lookup("places", "parent", place)

    def targets_of_year(self, year: int) -> list[Target]:
        return self._lookup("targets", "year", year)

    def target_years(self) -> list[int]:
        """Every year some target is set for, in order."""
        return sorted(self._index[("targets", "year")])

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

    @property
    def data_changed(self) -> date | None:
        """The date the data last changed (`created` in the data package), for "last changed" lines."""
        created = str(self.dataset.descriptor.get("created") or "")[:10]
        try:
            return date.fromisoformat(created)
        except ValueError:
            return None

    def progress_of(self, target: Target) -> Progress:
        """Met / not met yet / no data (computed once for every target when the catalogue is built)."""
        return self._progress[target.id]


def _group(rows: Iterable, key: str) -> dict:
    """Rows grouped by one attribute, in their original order."""
    groups: dict = {}
    for row in rows:
        groups.setdefault(getattr(row, key), []).append(row)
    return groups


def _progress(targets: list[Target], results: list[Result]) -> dict[str, Progress]:
    """Each target's progress from the latest comparable result up to the target's year.

    Comparable: same indicator, place, level and unit, and not a change figure (no baseline).
    """
    comparable: dict[tuple, list[Result]] = {}
    for result in results:
        if result.indicator and result.baseline_year is None:
            key = (result.indicator, result.place, result.level, result.unit)
            comparable.setdefault(key, []).append(result)
    for group in comparable.values():
        group.sort(key=lambda r: (r.year, r.id))
    progress = {}
    for target in targets:
        candidates = [r for r in comparable.get((target.indicator, target.place, target.level, target.unit), [])
                      if r.year <= target.year] if target.indicator else []
        if not candidates:
            progress[target.id] = Progress(NO_DATA)
            continue
        latest = candidates[-1]
        met = _meets(latest.value, target.comparator, target.value)
        progress[target.id] = Progress(MET if met else NOT_MET_YET, latest)
    return progress


def _meets(actual: Decimal, comparator: str, promised: Decimal) -> bool:
    return {
        ">=": actual >= promised, ">": actual > promised, "=": actual == promised,
        "<": actual < promised, "<=": actual <= promised,
    }[comparator]


def build_catalogue(content: Content, datasets: list[Dataset]) -> Catalogue:
    """Join content and the `cchc` package into one catalogue."""
    dataset = next(d for d in datasets if d.name == "cchc")
    tables = {name: table.rows for name, table in dataset.tables.items()}
    return Catalogue(
        documents={d.id: d for d in sorted(content.documents, key=lambda d: (d.date is None, d.date, d.id))},
        pages=list(content.pages),
        areas={a.id: a for a in _build(Area, tables.get("areas", []))},
        places={p.id: p for p in _build(Place, tables.get("places", []))},
        indicators={i.id: i for i in _build(Indicator, tables.get("indicators", []))},
        targets=_build(Target, tables.get("targets", [])),
        results=_build(Result, tables.get("results", [])),
        assignments=_build(Assignment, tables.get("assignments", [])),
        dataset=dataset,
    )
