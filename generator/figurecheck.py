"""The figure check: each target's and result's `value` and `comparator` must be what its
`source_quote` states, and so must its `year` where `year_stated` is true (in the quote, or in
the sentence, paragraph opening, list lead-in or heading that governs it in the document).

The quote is read by the rules of the language (`curation.language`). Where the curators read a
figure the language does not state in digits and words, the row's `quote_reading` says so and
the check accepts exactly that: `comparator` (a bare figure read as a bound, the note says why),
`words` (the value written in words: "toàn bộ" is 100), or `words comparator` (both).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from .curation.language import Figure, YearMention, find_figures, find_years
from .errors import Report
from .markup import Rendered, squash
from .model import Catalogue

READINGS = {"comparator", "words", "words comparator"}
STATED_KINDS = {"by", "in", "period", "bare"}  # not a baseline ("so với năm 2022") nor a date
_SENTENCE_END = re.compile(r"[.!?](?=\s|\Z)")
_CLAUSE_END = re.compile(r"[;.!?](?=\s|\Z)")
_MARKER = re.compile(r"(?:[-*+•]|\d+(?:\.\d+)*[.)]|[a-zđ][.)])?\s*", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _figures(quote: str) -> tuple[Figure, ...]:
    return tuple(find_figures(squash(quote)))


@lru_cache(maxsize=4096)
def _years(text: str) -> tuple[YearMention, ...]:
    return tuple(m for m in find_years(text) if m.kind in STATED_KINDS and m.year is not None)


def check_figures(catalogue: Catalogue, report: Report) -> None:
    """Add a problem for every target or result whose value, comparator or stated year is not
    what its quote says (quotes not found in the text are reported by the quote check)."""
    tables = catalogue.dataset.tables
    for name in ("targets", "results"):
        table = tables.get(name)
        if table is None:
            continue
        pending: dict[str, list[tuple[dict, object]]] = {}
        for row, line in zip(table.rows, table.lines):
            where = {"file": table.file, "line": line}
            quote = row.get("source_quote") or ""
            _check_value(row, _figures(quote), where, report)
            if row.get("year_stated") and row.get("year") is not None:
                stated = _years(squash(quote))
                if stated:
                    _check_year(row["year"], stated, "the quote", where, report)
                elif row.get("document") in catalogue.documents:
                    pending.setdefault(row["document"], []).append((where, row))
        for document_id, rows in pending.items():  # each document's text read once
            rendered = catalogue.documents[document_id].rendered
            for where, row in rows:
                governing = governing_years(rendered, row["source_quote"])
                if governing is None:
                    continue  # not in the text: the quote check reports it
                if not governing[1]:
                    report.add(**where, field="year_stated", code="figure-mismatch",
                               message="true, but neither the quote nor the sentence, paragraph "
                                       "opening, lead-in or heading that governs it states a year",
                               hint="set year_stated: false and say in note how the year was inferred")
                else:
                    _check_year(row["year"], governing[1], governing[0], where, report)


def _number(value: Decimal | float) -> str:
    return format(Decimal(str(value)).normalize(), "f")


def _said(figure: Figure) -> str:
    return f'"{figure.phrase or figure.text}"'


def _list(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _check_value(row, figures: tuple[Figure, ...], where: dict, report: Report) -> None:
    value, unit, comparator = row.get("value"), row.get("unit"), row.get("comparator")
    reading = set((row.get("quote_reading") or "").split())
    if value is None:
        return
    usable = [f for f in figures if f.in_words == ("words" in reading)]
    same = [f for f in usable if Decimal(str(f.value)) == value]
    if not same:
        shown = [f for f in usable if f.unit == unit] or usable
        if "words" in reading:
            message = f"{_number(value)}, but the quote states no figure in words"
            if shown:
                message = f"{_number(value)}, but the quote states in words " + _list(
                    [f"{_number(f.value)} ({_said(f)})" for f in shown])
        elif not shown:
            message = f"{_number(value)}, but the quote states no figure"
        else:
            message = f"{_number(value)}, but the quote states " + _list(
                [f"{_number(f.value)} ({_said(f)})" for f in shown])
        report.add(**where, field="value", code="figure-mismatch", message=message)
        return
    if comparator is None or any(f.comparator == comparator for f in same):
        return
    if "comparator" in reading and any(not f.comparator_words for f in same):
        return  # the curators' reading of a figure the quote states with no comparator words
    stated = [f for f in same if f.unit == unit] or same
    report.add(**where, field="comparator", code="figure-mismatch",
               message=f'"{comparator}", but the quote states ' + _list(
                   [f'"{f.comparator}" ({_said(f)})' for f in stated]))


def _check_year(year: int, stated: tuple[YearMention, ...], source: str, where: dict,
                report: Report) -> None:
    if any(m.year == year for m in stated):
        return
    said = list(dict.fromkeys(f'{m.year} ("{m.text}")' for m in stated))
    report.add(**where, field="year", code="figure-mismatch",
               message=f"{year}, but {source} states {_list(said)}")


def governing_years(rendered: Rendered, quote: str) -> tuple[str, tuple[YearMention, ...]] | None:
    """Where the year of a quote that states none comes from, and the years stated there: the
    sentence holding the quote, its paragraph's opening ("Năm 2023, …"), the lead-in of its list
    ("Đến năm 2025:") or the heading of its section, the nearest that states a year.
    None when the quote is not in the text."""
    quote = squash(quote)
    blocks = rendered.blocks
    at = next((i for i, b in enumerate(blocks) if quote in b.text), None)
    if at is None:
        return None
    text = blocks[at].text
    start = text.find(quote)
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    # a year governs what follows it in its sentence ("Năm 2023, …; tỷ lệ … 0,92%"), and its own
    # clause after the quote ("50% … và đạt 70% đến năm 2030"), not the next clause's subject
    clause_end = _CLAUSE_END.search(text, start + len(quote))
    sentence = _years(text[begin:start]) + _years(text[start + len(quote):clause_end.start()
                                                       if clause_end else len(text)])
    if sentence:
        return "the sentence", sentence
    marker = _MARKER.match(text).end()
    opening = tuple(m for m in _years(text) if m.start == marker)
    if opening:
        return "the paragraph opening", opening
    headings = {anchor for _, anchor, _ in rendered.headings}
    for block in reversed(blocks[:at]):
        if block.anchor in headings or block.text.endswith(":"):
            kind = "the heading" if block.anchor in headings else "the lead-in"
            return kind, _years(block.text)
    return "the text", ()
