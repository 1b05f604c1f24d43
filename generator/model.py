"""The in-memory catalogue every page is rendered from, with its joins computed once.

A target's progress is computed only against results for the same indicator, place,
level and unit, up to the target's year, never against a change figure (one with a
baseline year or a baseline period). A result's comparator counts: see `progress_of`.
The cited instruments (`legal_documents`), the citations of them (`references`) and
the related documents they imply are looked up by key, never by scanning the corpus.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .content import Content, Document, Page
from .data import Dataset, Row
from .places import PlaceHistory, PlaceLookups, history_of
from .texts import StoredText
from .progress import MET, NO_DATA, NOT_MET_YET, Progress, comparable_results, context_results, counted, meets, progress_against  # noqa: F401,E501

RATIO_TOLERANCE = Decimal("0.05")  # percentage points: stated ratios are rounded to 2 decimals


@dataclass(frozen=True, slots=True)
class Area:
    id: str
    name_vi: str
    name_en: str


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    name_en: str
    type: str
    parent: str | None
    valid_from: date | None = None  # None: before the corpus
    valid_until: date | None = None  # None: it still exists (see places.py for what it became)


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name_vi: str
    name_en: str
    area: str
    unit: str
    direction: str
    definition_vi: str = ""  # exactly what is counted
    definition_en: str = ""
    topic: str | None = None  # topics.id: the subject it belongs to, across reform areas


@dataclass(frozen=True, slots=True)
class Topic:
    """A subject that groups indicators across reform areas (online payment, digitised records, …)."""

    id: str
    name_vi: str
    name_en: str
    description_vi: str
    description_en: str


@dataclass(frozen=True, slots=True)
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
    note_en: str | None = None
    year_stated: bool = True  # False: the text gives no year; the curators inferred it
    baseline_period_start: int | None = None  # a baseline that is a period ("so với giai đoạn 2021 - 2025")
    baseline_period_end: int | None = None

    @property
    def is_change(self) -> bool:
        """A change against a baseline (a year or a period): never used to judge progress."""
        return self.baseline_year is not None or self.baseline_period_start is not None

    @property
    def baseline_period(self) -> tuple[int, int] | None:
        """(start, end) of the baseline period, or None."""
        if self.baseline_period_start is None or self.baseline_period_end is None:
            return None
        return self.baseline_period_start, self.baseline_period_end


@dataclass(frozen=True, slots=True)
class Target(Figure):
    comparator: str = ">="


@dataclass(frozen=True, slots=True)
class Result(Figure):
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    comparator: str = "="  # "trên 65" is > 65: the actual figure is above the stated number

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


@dataclass(frozen=True, slots=True)
class Assignment:
    id: str
    document: str
    agency: str
    area: str | None
    task: str
    source_quote: str


@dataclass(frozen=True, slots=True)
class LegalDocument:
    """A national or provincial instrument that curated documents cite, implement or report on."""

    id: str
    number: str | None
    type: str
    title: str | None
    title_en: str | None
    issuer: str | None
    place: str | None
    date: date | None  # the instrument's own date (None when the curators are not sure of it)
    date_source: str | None  # instrument | citing-text (see datapackage.yaml)
    url: str | None  # an official link, never guessed
    note: str | None
    note_en: str | None
    url_kind: str | None = None  # official-gazette | legal-database | portal | press

    @property
    def label(self) -> str:
        """The number when it has one (61/2018/NĐ-CP), else the title."""
        return self.number or self.title or self.id


@dataclass(frozen=True, slots=True)
class Citation:
    """One row of `references`: a curated document citing an instrument, as its text does."""

    document: str  # the citing document
    legal_document: str  # the cited instrument
    relation: str  # implements | reports-on | cites
    date: date | None  # the instrument's date as the citing text gives it
    wording: str | None  # how the citing text names it
    quote: str | None  # the passage of the citing text
    date_check: str  # ok | disagrees | '' (a date is missing on either side)

    @property
    def anchor(self) -> str:
        """An id for the cited passage on the document page."""
        return f"ref-{self.legal_document}"


COMMON_INSTRUMENT = 50  # cited by more documents than this: a common basis, not a relation
RELATED_SHOWN = 10  # related documents shown on a document page


@dataclass(frozen=True, slots=True)
class Related:
    """Another curated document that implements, reports on or cites the same instrument."""

    document: str  # the other document
    legal_document: str  # the instrument both refer to
    relation: str  # how the other document refers to it: implements | reports-on | cites
    own_relation: str  # how this document refers to it


def _build(cls, rows: list[Row]) -> list:
    """One `cls` per row, each field from the column of its name (None where there is none)."""
    if not rows:
        return []
    at = [rows[0].columns.get(f.name) for f in dataclasses.fields(cls)]
    return [cls(*[None if i is None else row.values[i] for i in at]) for row in rows]


@dataclass
class Catalogue(PlaceLookups):
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
    legal_documents: dict[str, LegalDocument] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)
    topics: dict[str, Topic] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Every join a page needs, computed once: no page scans the corpus.
        rows = {"targets": self.targets, "results": self.results, "assignments": self.assignments,
                "documents": list(self.documents.values()), "indicators": list(self.indicators.values()),
                "places": list(self.places.values()), "legal_documents": list(self.legal_documents.values())}
        self._index: dict[tuple[str, str], dict] = {}
        for name, key in [("targets", "document"), ("results", "document"), ("assignments", "document"),
                          ("targets", "place"), ("results", "place"), ("targets", "indicator"),
                          ("results", "indicator"), ("targets", "area"), ("results", "area"),
                          ("assignments", "area"), ("documents", "place"), ("indicators", "area"),
                          ("places", "parent"), ("targets", "year"), ("legal_documents", "place"),
                          ("indicators", "topic")]:
            self._index[(name, key)] = groups = {}  # rows by one attribute, in their original order
            for row in rows[name]:
                groups.setdefault(getattr(row, key), []).append(row)
        self._comparable = comparable_results(self.results)
        self._history = history_of(self.dataset.tables) if self.dataset else PlaceHistory([], [])
        self._progress: dict[str, Progress] = {}
        self._totals: dict[str, int] = {}
        self._place_order = {place_id: i for i, place_id in enumerate(self.places)}
        self._document_order = order = {document_id: i for i, document_id in enumerate(self.documents)}
        citations = sorted(self.citations, key=lambda c: (order.get(c.document, len(order)), c.legal_document))
        self._citations_of_document: dict[str, list[Citation]] = {}
        self._citations_of_legal: dict[str, list[Citation]] = {}
        for citation in citations:
            self._citations_of_document.setdefault(citation.document, []).append(citation)
            self._citations_of_legal.setdefault(citation.legal_document, []).append(citation)

    def _lookup(self, name: str, key: str, value: str | None) -> list:
        return self._index[(name, key)].get(value, [])

    def text_of(self, document: str) -> StoredText:
        """A document's text (`.body`, `.rendered`); a page that shows it asks here (see Document.fingerprint)."""
        return self.documents[document].stored

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

    def indicators_of_topic(self, topic: str) -> list[Indicator]:
        return self._lookup("indicators", "topic", topic)

    def rows_of_area(self, area: str) -> tuple[list[Target], list[Result], list[Assignment]]:
        return (self._lookup("targets", "area", area), self._lookup("results", "area", area),
                self._lookup("assignments", "area", area))

    def children_of(self, place: str) -> list[Place]:
        return self._lookup("places", "parent", place)

    def legal_documents_of_place(self, place: str) -> list[LegalDocument]:
        """The instruments issued for a place (the country's laws and decrees under Việt Nam)."""
        return self._lookup("legal_documents", "place", place)

    def targets_of_year(self, year: int) -> list[Target]:
        return self._lookup("targets", "year", year)

    def target_years(self) -> list[int]:
        """Every year some target is set for, in order."""
        return sorted(self._index[("targets", "year")])

    @property
    def data_changed(self) -> date | None:
        """The date the data last changed (`created` in the data package), for "last changed" lines."""
        created = str(self.dataset.descriptor.get("created") or "")[:10]
        try:
            return date.fromisoformat(created)
        except ValueError:
            return None

    def progress_of(self, target: Target) -> Progress:
        """Met / not met yet / no data, computed once per target (see `progress.progress_against`)."""
        if target.id not in self._progress:
            self._progress[target.id] = progress_against(target, self._comparable)
        return self._progress[target.id]

    def totals(self) -> dict[str, int]:
        """The home page's numbers, counted once (each target's progress as `progress_of` keeps it)."""
        if not self._totals:
            self._totals = {"documents": len(self.documents), "places": len(self.places), "targets": len(self.targets),
                            "results": len(self.results), **counted(map(self.progress_of, self.targets))}
        return self._totals

    def context_of(self, target: Target) -> list[Result]:
        """Results of the target's indicator elsewhere, as context (see `progress.context_results`)."""
        return context_results(self.results_of_indicator(target.indicator), target) if target.indicator else []

    def references_of(self, document: str) -> list[Citation]:
        """The instruments a document implements, reports on or cites, as its text gives them."""
        return self._citations_of_document.get(document, [])

    def citing(self, legal_document: str) -> list[Citation]:
        """Every curated document's citation of an instrument, in document order."""
        return self._citations_of_legal.get(legal_document, [])

    def place_order(self, place: str) -> int:
        """A place's position in the places list (unknown places last): the order pages list places in."""
        return self._place_order.get(place, len(self._place_order))

    def related_of(self, document: str) -> list[Related]:
        """The documents closest to this one through the instruments both refer to.

        An instrument cited by more than COMMON_INSTRUMENT documents (a national decree
        every plan cites) relates nothing: its own page lists them all. Of the rest, the
        RELATED_SHOWN documents sharing the most instruments (then in document order), each
        with every instrument it shares. Built from the two citation indexes, so its cost is
        bounded whatever the corpus size.
        """
        shared: dict[str, list[Related]] = {}
        for own in self.references_of(document):
            citing = self.citing(own.legal_document)
            if len(citing) > COMMON_INSTRUMENT:
                continue
            for other in citing:
                if other.document != document:
                    shared.setdefault(other.document, []).append(
                        Related(other.document, own.legal_document, other.relation, own.relation))
        order = self._document_order
        closest = sorted(shared, key=lambda d: (-len(shared[d]), order.get(d, len(order))))[:RELATED_SHOWN]
        return [item for d in sorted(closest, key=lambda d: order.get(d, len(order))) for item in shared[d]]


def build_catalogue(content: Content, datasets: list[Dataset]) -> Catalogue | None:
    """Join content and the `cchc` package into one catalogue (None without that package).

    Its tables may lack rows that had problems (see `validate`): then the catalogue serves only
    the checks, since the build stops before writing."""
    dataset = next((d for d in datasets if d.name == "cchc"), None)
    if dataset is None:
        return None
    tables = {name: table.rows for name, table in dataset.tables.items()}
    legal = {item.id: item for item in _build(LegalDocument, tables.get("legal_documents", []))}
    documents = sorted(content.documents, key=lambda d: (d.date is None, d.date, d.id))
    return Catalogue(
        documents={d.id: _with_instruments(d, legal) for d in documents},
        pages=list(content.pages),
        areas={a.id: a for a in _build(Area, tables.get("areas", []))},
        places={p.id: p for p in _build(Place, tables.get("places", []))},
        indicators={i.id: i for i in _build(Indicator, tables.get("indicators", []))},
        targets=_build(Target, tables.get("targets", [])),
        results=_build(Result, tables.get("results", [])),
        assignments=_build(Assignment, tables.get("assignments", [])),
        dataset=dataset,
        legal_documents=legal,
        citations=[dataclasses.replace(c, date_check=c.date_check or "")
                   for c in _build(Citation, tables.get("references", []))],
        topics={t.id: t for t in _build(Topic, tables.get("topics", []))},
    )


def _with_instruments(document: Document, legal: dict[str, LegalDocument]) -> Document:
    """The document with each front-matter reference pointing at its instrument."""
    references = tuple(dataclasses.replace(r, instrument=legal.get(r.legal)) for r in document.references)
    return dataclasses.replace(document, references=references)
