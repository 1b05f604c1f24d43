"""The in-memory catalogue every page is rendered from, with its joins computed once.

A target's progress is computed only against results for the same indicator, place,
level and unit, up to the target's year, never against a change figure.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
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
    """Everything the site publishes, with lookups by id."""

    documents: dict[str, Document]
    pages: list[Page]
    areas: dict[str, Area]
    places: dict[str, Place]
    indicators: dict[str, Indicator]
    targets: list[Target]
    results: list[Result]
    assignments: list[Assignment]
    dataset: Dataset

    def targets_of(self, document: str) -> list[Target]:
        return [t for t in self.targets if t.document == document]

    def results_of(self, document: str) -> list[Result]:
        return [r for r in self.results if r.document == document]

    def assignments_of(self, document: str) -> list[Assignment]:
        return [a for a in self.assignments if a.document == document]

    def documents_of_place(self, place: str) -> list[Document]:
        return [d for d in self.documents.values() if d.place == place]

    def progress_of(self, target: Target) -> Progress:
        """Met / not met yet / no data, from the latest comparable result up to the target's year."""
        comparable = [
            r for r in self.results
            if target.indicator and r.indicator == target.indicator and r.place == target.place
            and r.level == target.level and r.unit == target.unit and r.baseline_year is None
            and r.year <= target.year
        ]
        if not comparable:
            return Progress(NO_DATA)
        latest = max(comparable, key=lambda r: (r.year, r.id))
        return Progress(MET if _meets(latest.value, target.comparator, target.value) else NOT_MET_YET, latest)


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
