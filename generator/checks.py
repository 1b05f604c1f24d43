"""Domain checks beyond Table Schema on the joined catalogue: percentages are
percentages, years fit their document, stated ratios agree with their parts.
(Quotes are checked in `data`, on the raw rows, so they are reported in the same run.)"""

from __future__ import annotations

from .errors import Report
from .model import Catalogue, Figure, Result

PERCENT_MIN, PERCENT_MAX = 0, 100


def check_catalogue(catalogue: Catalogue, report: Report) -> None:
    """Add every domain problem in the catalogue to `report` (ratio disagreements are warnings)."""
    tables = catalogue.dataset.tables
    for name, rows in (("targets", catalogue.targets), ("results", catalogue.results)):
        if name not in tables:
            continue
        table = tables[name]
        for row, line in zip(rows, table.lines):
            where = {"file": table.file, "line": line}
            _check_figure(catalogue, row, name, where, report)
    used = {t.indicator for t in catalogue.targets} | {r.indicator for r in catalogue.results}
    indicators = tables["indicators"]
    for indicator, line in zip(catalogue.indicators.values(), indicators.lines):
        if indicator.id not in used:
            report.warn(indicators.file, f'indicator "{indicator.id}" is used by no target or result',
                        "unused-indicator", line=line, field="id")


def _check_figure(catalogue: Catalogue, row: Figure, table: str, where: dict, report: Report) -> None:
    document = catalogue.documents[row.document]
    if row.unit == "percent" and not PERCENT_MIN <= row.value <= PERCENT_MAX:
        report.add(**where, field="value", code="out-of-range",
                   message=f"{row.value} is not a percentage between {PERCENT_MIN} and {PERCENT_MAX}",
                   hint="for a count, set unit: count")
    if not document.period_start <= row.year <= document.period_end:
        report.add(**where, field="year", code="implausible-year",
                   message=f"{row.year} is outside the period of {row.document} "
                           f"({document.period_start}–{document.period_end})",
                   hint="check the year, or the document's period_start and period_end")
    if row.baseline_year is not None and row.baseline_year > row.year:
        report.add(**where, field="baseline_year", code="implausible-year",
                   message=f"{row.baseline_year} is after the year of the figure ({row.year})")
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
