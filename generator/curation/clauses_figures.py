"""Every figure a paragraph states, as a proposed target or result: its clause (the quote),
its year, level, area and kind, each with the words that gave it (`why`).

The numbers, comparators, units, years and levels are read by `language.py`; this module
decides which of them govern which figure:
- year: a year in the figure's clause, the one after the figure first ("đạt 95% vào năm
  2030"), else the one before it; else a year opening the sentence or the paragraph ("Đến năm
  2025, …"); else the heading or lead paragraph above ("Đến năm 2025:"); else the plan's last
  year, with `year_stated` false and the reason in `note`. "so với năm 2022" is a baseline,
  "so với giai đoạn 2021 - 2025" a baseline period, never the figure's year;
- level: the level named nearest before the figure in its clause ("cấp tỉnh đạt 80%, cấp
  huyện 70%"); a list of levels followed by as many figures ("của cấp tỉnh, cấp huyện, cấp
  xã … tương ứng là 70%, 60%, 55%") pairs them in order; none → the whole area;
- kind: target words in the clause (tối thiểu, phấn đấu, chỉ tiêu, đến năm …) make a target,
  reporting words (đã, kết quả, tính đến …) a result; otherwise the paragraph's mode (a
  "Chỉ tiêu …:" opening lasts until reporting words), else the document's type (a plan sets
  targets, a press report reports results).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import language
from .clauses import Span, clause_of, comma_part, sentences
from .sections import Document, Paragraph, area_named, folded

LEVEL_WORDS = {"tinh": "cấp tỉnh", "huyen": "cấp huyện", "xa": "cấp xã", "toan-dia-ban": "toàn địa bàn"}
_TARGET = re.compile(r"\b(?:tối thiểu|ít nhất|phấn đấu|phấn đấn|chỉ tiêu|mục tiêu|trở lên|sẽ|"
                     r"đến năm|tới năm|vào năm|không quá|tối đa|không dưới)\b", re.I)
_RESULT = re.compile(r"(?:\bđã\b|\bkết quả đạt|\bđạt được\b|\btính đến\b|\bhoàn thành\b|\bcó\s+\d)", re.I)
_TARGET_TYPES = {"plan", "decision", "programme", "program", "resolution", "directive"}
_BASELINE = re.compile(r"so\s+với\s+(?:cùng kỳ\s+)?(?:năm\s+)?$", re.I)
_YEAR = re.compile(r"(?:(?:đến|tới|vào|trong|cuối)\s+)?năm\s+((?:19|20)\d\d)|tháng\s+\d{1,2}/((?:19|20)\d\d)"
                   r"|giai\s+đoạn\s+(?:19|20)\d\d\s*[-–]\s*((?:19|20)\d\d)", re.I)


@dataclass
class Proposed:
    """One figure as a proposed row (contract field names) and the words behind each field."""

    table: str                           # targets | results
    row: dict
    why: list[str] = field(default_factory=list)
    note: list[str] = field(default_factory=list)
    note_en: list[str] = field(default_factory=list)
    clause: str = ""
    paragraph: int = 0


def figures_in(document: Document) -> list[Proposed]:
    proposed: list[Proposed] = []
    mode = None                                     # "targets" after "Chỉ tiêu …:", until results words
    for paragraph in document.paragraphs:
        if paragraph.is_heading:
            mode = None
            continue
        if paragraph.implementation:
            continue
        opening = paragraph.text[:80]
        if re.search(r"\b(?:chỉ tiêu|mục tiêu)\b", opening, re.I):
            mode = "targets"
        found = [f for f in language.find_figures(paragraph.text) if _is_measure(paragraph.text, f)]
        for figure, level in zip(found, _levels(paragraph.text, found)):
            proposed.append(_propose(document, paragraph, figure, found, level, mode))
        if found and _RESULT.search(paragraph.text) and not _TARGET.search(paragraph.text):
            mode = None
    return proposed


def _is_measure(text: str, figure) -> bool:
    """A figure that measures something: not a bare ordinal or an item number ("lần thứ XI",
    "5 nhiệm vụ trọng tâm" is kept: a count)."""
    return getattr(figure, "value", None) is not None


def _propose(document: Document, paragraph: Paragraph, figure, found, level, mode) -> Proposed:
    text = paragraph.text
    clause = clause_of(text, figure.start, figure.end)
    others = [f for f in found if f is not figure and clause.contains(f.start, f.end)]
    if others and figure.unit == "count" and not figure.numerator:
        clause = comma_part(text, clause, figure.start, figure.end)
    quote = clause.of(text)
    table = _kind(document, text, clause, mode)
    p = Proposed(table, {}, clause=quote, paragraph=paragraph.index)
    row = p.row
    row["document"], row["place"] = document.id, str(document.meta.get("place") or "")
    row["source_quote"] = quote
    row["value"] = _number(figure.value)
    row["comparator"] = figure.comparator
    row["unit"] = figure.unit
    p.why.append(f'value: "{figure.text}"')
    p.why.append(f'comparator: "{figure.comparator_words}"' if figure.comparator_words
                 else "comparator: no comparator words")
    if table == "results" and figure.numerator is not None:
        row["numerator"], row["denominator"] = _number(figure.numerator), _number(figure.denominator)
    _year(document, paragraph, clause, figure, p)
    row["level"] = level[0]
    p.why.append(f'level: "{level[1]}"' if level[1] else "level: none named (the whole area)")
    _area(paragraph, quote, p)
    return p


def _kind(document: Document, text: str, clause: Span, mode) -> str:
    words = clause.of(text)
    sentence = next((s.of(text) for s in sentences(text) if s.contains(clause.start, clause.end)), words)
    for scope in (words, sentence):
        if _TARGET.search(scope):
            return "targets"
        if _RESULT.search(scope):
            return "results"
    if mode:
        return mode
    return "targets" if document.kind in _TARGET_TYPES else "results"


def _year(document: Document, paragraph: Paragraph, clause: Span, figure, p: Proposed) -> None:
    text, row = paragraph.text, p.row
    after = text[figure.end:clause.end]
    baseline = re.search(r"so\s+với\s+(?:cùng kỳ\s+)?năm\s+((?:19|20)\d\d)", after)
    baseline_period = re.search(r"so\s+với\s+giai\s+đoạn\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", after)
    if baseline:
        row["baseline_year"] = int(baseline.group(1))
        p.why.append(f'baseline_year: "{baseline.group(0)}"')
    elif baseline_period:
        row["baseline_period_start"], row["baseline_period_end"] = map(int, baseline_period.groups())
        p.why.append(f'baseline period: "{baseline_period.group(0)}"')
    stated = _stated_year(text, clause, figure)
    if stated is None and paragraph.year:
        stated = (paragraph.year, paragraph.year_why)
    if stated:
        row["year"], row["year_stated"] = stated[0], "true"
        p.why.append(f"year: {stated[1]}")
        return
    year, source = document.default_year
    row["year"], row["year_stated"] = year or "", "false"
    if year:
        what_vi = "năm cuối kế hoạch" if source == "period_end" else "năm của văn bản"
        what_en = "the plan's last year" if source == "period_end" else "the document's year"
        p.note.append(f"Không nêu năm; đọc là {what_vi} {year}")
        p.note_en.append(f"No year stated; read as {what_en}, {year}")
        p.why.append(f"year: none stated ({source} {year})")


def _stated_year(text: str, clause: Span, figure) -> tuple[int, str] | None:
    """A year the text states for the figure: in its clause (after it first), else opening its
    sentence or paragraph. Years after "so với" are baselines."""
    mentions = [m for m in _YEAR.finditer(text) if not _BASELINE.search(text[:m.start()][-25:])]
    inside = [m for m in mentions if clause.start <= m.start() and m.end() <= clause.end]
    after = [m for m in inside if m.start() >= figure.end]
    before = [m for m in inside if m.end() <= figure.start]
    if after and not re.search(r"\d\s*%|\d", text[figure.end:after[0].start()].replace(after[0].group(0), "")):
        chosen = after[0]
    elif before:
        chosen = before[-1]
    elif after:
        chosen = after[0]
    else:
        openers = [m for m in mentions if m.end() <= figure.start and _opens_sentence(text, m)]
        if not openers:
            return None
        chosen = openers[-1]
    year = int(next(g for g in chosen.groups() if g))
    return year, f'"{chosen.group(0)}"'


def _opens_sentence(text: str, match: re.Match) -> bool:
    before = text[:match.start()].rstrip()
    return before == "" or before[-1] in ".:;" or before.endswith("-")


def _levels(text: str, found: list) -> list[tuple[str, str]]:
    """The level of each figure: listed levels paired in order with as many figures after
    them in one clause ("tương ứng"), else the level named nearest before the figure in its
    clause."""
    levels = language.find_level(text)
    result = []
    for figure in found:
        clause = clause_of(text, figure.start, figure.end)
        in_clause = [lv for lv in levels if clause.start <= lv.start and lv.end <= figure.start]
        figures_here = [f for f in found if clause.contains(f.start, f.end)]
        listed = [lv for lv in levels if clause.start <= lv.start and lv.end <= figures_here[0].start]
        if len(listed) >= 2 and len(listed) == len(figures_here):
            chosen = listed[figures_here.index(figure)]
        elif in_clause:
            chosen = in_clause[-1]
        else:
            after = [lv for lv in levels if clause.start <= lv.start and lv.end <= clause.end
                     and lv.start >= figure.end]
            chosen = after[0] if after and len(figures_here) == 1 else None
        result.append((chosen.level, text[chosen.start:chosen.end]) if chosen else ("toan-dia-ban", ""))
    return result


def _area(paragraph: Paragraph, quote: str, p: Proposed) -> None:
    if paragraph.area:
        p.row["area"] = paragraph.area
        p.why.append(f"area: {paragraph.area_why}")
        return
    named = area_named(quote)
    if named:
        p.row["area"] = named[0]
        p.why.append(f'area: "{named[1]}" in the clause')
    else:
        p.row["area"] = ""


def _number(value) -> str:
    if value is None:
        return ""
    value = float(value)
    return str(int(value)) if value == int(value) else repr(value)
