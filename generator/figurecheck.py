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
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Callable

from .incremental import cache
from .curation.language import Figure, YearMention, find_figures, find_years
from .errors import Problem, Report
from .markup import Rendered, squash
from .model import Catalogue

READINGS = {"comparator", "words", "words comparator"}
STATED_KINDS = {"by", "in", "period", "bare"}  # not a baseline ("so với năm 2022") nor a date
_SENTENCE_END = re.compile(r"[.!?](?=\s|\Z)")
_CLAUSE_END = re.compile(r"[;.!?](?=\s|\Z)")
_MARKER = re.compile(r"(?:[-*+•]|\d+(?:\.\d+)*[.)]|[a-zđ][.)])?\s*", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _figures(quote: str) -> tuple[Figure, ...]:
    return tuple(find_figures(quote, levels=False))


@lru_cache(maxsize=4096)
def _years(text: str) -> tuple[YearMention, ...]:
    return tuple(m for m in find_years(text) if m.kind in STATED_KINDS and m.year is not None)


@dataclass(frozen=True)
class Facts:
    """What the check reads of one row (plain values: the memo's key)."""
    value: str | None
    unit: str | None
    comparator: str | None
    year: int | None
    year_stated: bool
    quote: str
    reading: frozenset[str]


Found = tuple[int, str, str, str | None]  # (row's position among its document's rows, field, message, hint)


def check_figures(catalogue: Catalogue, report: Report) -> None:
    """Add a problem for every target or result whose value, comparator or stated year is not
    what its quote says (quotes not found in the text are reported by the quote check). The
    outcome is kept in the build cache until a table or a document's text changes; then each
    document's rows are checked together, again from the cache unless its text or one of their
    cells changed, so an edit re-checks one document."""
    tables = catalogue.dataset.tables
    # the lines too: the rows left out for problems elsewhere (a foreign key) vary with other tables
    key = [[(tables[name].hash, tables[name].lines) for name in ("targets", "results") if name in tables],
           [(name, document.stored.digest) for name, document in catalogue.documents.items()]]
    report.problems.extend(cache.memo("figures", key, lambda: _problems(catalogue)))


def _problems(catalogue: Catalogue) -> list[Problem]:
    tables = [table for table in map(catalogue.dataset.tables.get, ("targets", "results")) if table]
    # each document's rows as (table, position), its facts made when it is checked: the facts of
    # every row at once were ~1.3 KB a row, a transient 265 MB at 10,000 documents
    rows_of: dict[str, list[tuple]] = {}
    for table in tables:
        for at, row in enumerate(table.rows):
            rows_of.setdefault(row.get("document"), []).append((table, at))
    problems = []
    for document_id, checked in rows_of.items():
        document = catalogue.documents.get(document_id)
        facts = [_facts(table.rows[at]) for table, at in checked]
        key = [document.stored.digest if document else None,
               [(f.value, f.unit, f.comparator, f.year, f.year_stated, f.quote, sorted(f.reading)) for f in facts]]
        text = (lambda: document.stored.rendered) if document else (lambda: None)  # read only if a row needs it
        for index, field, message, hint in cache.memo("figures-of", key, lambda: _check_document(text, facts)):
            table, at = checked[index]
            problems.append(Problem(file=table.file, line=table.lines[at], field=field, code="figure-mismatch",
                                    message=message, hint=hint))
    return problems


def _facts(row) -> Facts:
    value = row.get("value")
    return Facts(None if value is None else str(value), row.get("unit"), row.get("comparator"), row.get("year"),
                 bool(row.get("year_stated")), squash(row.get("source_quote") or ""),
                 frozenset((row.get("quote_reading") or "").split()))


def _check_document(text: Callable[[], Rendered | None], rows: list[Facts]) -> list[Found]:
    found: list[Found] = []
    for index, row in enumerate(rows):
        for field, message in _value_problems(row, _figures(row.quote)):
            found.append((index, field, message, None))
        if not row.year_stated or row.year is None:
            continue
        stated = _years(row.quote)
        rendered = None if stated else text()
        governing = ("the quote", stated) if stated else governing_years(rendered, row.quote) if rendered else None
        if governing is None:
            continue  # not in the text: the quote check reports it
        if not governing[1]:
            found.append((index, "year_stated", "true, but neither the quote nor the sentence, paragraph opening, "
                          "lead-in or heading that governs it states a year",
                          "set year_stated: false and say in note how the year was inferred"))
        elif all(m.year != row.year for m in governing[1]):
            said = [f'{m.year} ("{m.text}")' for m in governing[1]]
            found.append((index, "year", f"{row.year}, but {governing[0]} states {_list(said)}", None))
    return found


def _number(value: Decimal | float | str) -> str:
    return format(Decimal(str(value)).normalize(), "f")


def _said(figure: Figure) -> str:
    return f'"{figure.phrase or figure.text}"'


def _list(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _value_problems(row: Facts, figures: tuple[Figure, ...]) -> list[tuple[str, str]]:
    """(field, message) where the row's value or comparator is not what the quote states."""
    if row.value is None:
        return []
    words = "words" in row.reading
    usable = [f for f in figures if f.in_words == words]
    same = [f for f in usable if Decimal(str(f.value)) == Decimal(row.value)]
    if not same:
        shown = [f for f in usable if f.unit == row.unit] or usable
        stated = _list([f"{_number(f.value)} ({_said(f)})" for f in shown]) if shown else ""
        if not shown:
            return [("value", f"{_number(row.value)}, but the quote states no figure"
                     + (" in words" if words else ""))]
        return [("value", f"{_number(row.value)}, but the quote states " + ("in words " if words else "") + stated)]
    if row.comparator is not None and "comparator" in row.reading and \
            all(f.comparator == row.comparator for f in same):  # a declared reading the words make needless
        return [("quote_reading", f'"{" ".join(sorted(row.reading, reverse=True))}", but the quote states '
                 f'"{row.comparator}" itself ({_said(same[0])})')]
    if row.comparator is None or any(f.comparator == row.comparator for f in same):
        return []
    if "comparator" in row.reading and any(not f.comparator_words for f in same):
        return []  # the curators' reading of a figure the quote states with no comparator words
    stated = [f for f in same if f.unit == row.unit] or same
    return [("comparator", f'"{row.comparator}", but the quote states '
             + _list([f'"{f.comparator}" ({_said(f)})' for f in stated]))]


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
