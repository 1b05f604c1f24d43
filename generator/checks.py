"""Domain checks beyond Table Schema on the joined catalogue: percentages are
percentages, years fit their document, baseline periods run forwards, stated ratios
agree with their parts, cited dates agree with the instruments' own dates.
(Quotes are checked in `data`, on the raw rows, so they are reported in the same run.)"""

from __future__ import annotations

from .errors import Report
from .figurecheck import check_figures
from .model import Catalogue, Citation, Figure, Result
from .places import check_places

PERCENT_MIN, PERCENT_MAX = 0, 100


def check_catalogue(catalogue: Catalogue, report: Report) -> None:
    """Add every domain problem in the catalogue to `report` (ratio disagreements are warnings).

    The catalogue may lack rows that had problems: each check of a row runs on the rows there
    are; a check across rows (an unused indicator, a place's history) waits for whole tables."""
    tables = catalogue.dataset.tables
    for name, rows in (("targets", catalogue.targets), ("results", catalogue.results)):
        if name not in tables:
            continue
        table = tables[name]
        for row, line in zip(rows, table.lines):
            where = {"file": table.file, "line": line}
            _check_figure(catalogue, row, name, where, report)
    check_figures(catalogue, report)
    for citation in catalogue.citations:
        if citation.date_check == "disagrees":
            _warn_date(catalogue, citation, report)
    if "indicators" in tables and _whole(catalogue, "indicators", "targets", "results"):
        _check_unused_indicators(catalogue, tables["indicators"], report)
    if _whole(catalogue, "places", "place_changes", "legal_documents"):
        check_places(catalogue, report)


def _whole(catalogue: Catalogue, *names: str) -> bool:
    """Whether each of these tables the package declares was read with none of its rows left out."""
    tables = catalogue.dataset.tables
    declared = {r.get("name") for r in catalogue.dataset.descriptor["resources"] if isinstance(r, dict)}
    return all(name in tables and not tables[name].dropped for name in names if name in declared)


def _check_unused_indicators(catalogue: Catalogue, indicators, report: Report) -> None:
    used = {t.indicator for t in catalogue.targets} | {r.indicator for r in catalogue.results}
    for indicator, line in zip(catalogue.indicators.values(), indicators.lines):
        if indicator.id not in used:
            report.warn(indicators.file, f'indicator "{indicator.id}" is used by no target or result',
                        "unused-indicator", line=line, field="id")


def _earliest(document, table: str) -> int:
    """A promise falls in its document's period; a reported result may also come from the period
    before it, of the same length ("Năm 2025, tỷ lệ … đạt 99,12%" in a plan for 2026)."""
    if table == "targets":
        return document.period_start
    return document.period_start - (document.period_end - document.period_start + 1)


def _check_figure(catalogue: Catalogue, row: Figure, table: str, where: dict, report: Report) -> None:
    document = catalogue.documents.get(row.document)  # None: its front matter has problems
    if row.unit == "percent" and not PERCENT_MIN <= row.value <= PERCENT_MAX:
        report.add(**where, field="value", code="out-of-range",
                   message=f"{row.value} is not a percentage between {PERCENT_MIN} and {PERCENT_MAX}",
                   hint="for a count, set unit: count")
    if document is not None and not _earliest(document, table) <= row.year <= document.period_end:
        span = f"{document.period_start}–{document.period_end}"
        message = f"{row.year} is outside the period of {row.document} ({span})" if table == "targets" else \
            f"{row.year} is outside the years {row.document} can report ({_earliest(document, table)}–" \
            f"{document.period_end}: its period {span} and as many years before it)"
        report.add(**where, field="year", code="implausible-year", message=message,
                   hint="check the year, or the document's period_start and period_end")
    if row.baseline_year is not None and row.baseline_year > row.year:
        report.add(**where, field="baseline_year", code="implausible-year",
                   message=f"{row.baseline_year} is after the year of the figure ({row.year})")
    _check_baseline_period(row, where, report)
    if table == "results" and isinstance(row, Result):
        if row.numerator is not None and row.denominator is not None and row.numerator > row.denominator \
                and row.unit == "percent":
            report.add(**where, field="numerator", code="out-of-range",
                       message=f"numerator {row.numerator} is larger than denominator {row.denominator}")
        elif row.ratio_check == "disagrees":
            report.warn(**where, field="value", code="ratio-disagrees",
                        message=f"stated {row.value}% but {row.numerator}/{row.denominator} = "
                                f"{row.computed_ratio}%",
                        hint="kept as the source states it; the site shows the disagreement")


def _check_baseline_period(row: Figure, where: dict, report: Report) -> None:
    start, end = row.baseline_period_start, row.baseline_period_end
    if start is None and end is None:
        return
    if start is None or end is None:
        given, missing = ("baseline_period_start", "baseline_period_end") if end is None else \
            ("baseline_period_end", "baseline_period_start")
        report.add(**where, field=given, code="baseline-period", message=f"given without {missing}",
                   hint="a baseline period needs its first and its last year")
    elif end < start:
        report.add(**where, field="baseline_period_end", code="baseline-period",
                   message=f"{end} is before baseline_period_start ({start})",
                   hint="write the first year of the period in baseline_period_start, the last in baseline_period_end")
    elif end > row.year:
        report.add(**where, field="baseline_period_end", code="implausible-year",
                   message=f"{end} is after the year of the figure ({row.year})")
    if row.baseline_year is not None:
        report.add(**where, field="baseline_year", code="baseline-period",
                   message="a figure compares with a year or with a period, not both",
                   hint="keep baseline_year empty when baseline_period_start and baseline_period_end are given")


def _warn_date(catalogue: Catalogue, citation: Citation, report: Report) -> None:
    """A text cites an instrument with a date that is not the instrument's own: kept, and flagged."""
    document = catalogue.documents.get(citation.document)
    legal = catalogue.legal_documents.get(citation.legal_document)
    index = next((i for i, r in enumerate(document.references) if r.legal == citation.legal_document), None) \
        if document is not None else None
    if legal is None or index is None:
        return  # a row with problems of its own, already reported
    key = f"references[{index}].date"
    report.warn(document.source, f"cited as {citation.date} but {legal.label} is dated {legal.date}",
                "date-disagrees", line=document.line_of(key), field=key,
                hint="kept as the source states it; the site shows the disagreement")
