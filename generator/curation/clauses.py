"""Sentences and clauses of a paragraph, as spans of its text, so a quote is always a verbatim
slice: the shortest whole clause that states a figure.

A sentence ends at `.`, `!` or `?` before a capital letter (never inside a number: `1.250`).
A clause ends at `;` or at `:` (a colon opens a list or an elaboration). A count names what it
counts right after its number ("xây dựng 368 đồ họa thông tin"), so in a clause of several
figures a count's quote is its own comma-separated part; a percentage keeps the whole clause,
whose subject may sit anywhere in it ("tỷ lệ … của cấp tỉnh, cấp huyện, cấp xã tương ứng là
70%, 60%, 55%").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?(\w))")
_CLAUSE_END = re.compile(r"(?<=[;:])\s+")
_TRAILING = " ,"
_MARKER = re.compile(r"(?:\d+(?:\.\d+)*\.|[a-zđ]\)|[-–+•])\s+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def sentences(text: str) -> list[Span]:
    return _split(text, Span(0, len(text)), _SENTENCE_END)


@functools.lru_cache(maxsize=1024)
def clauses(text: str) -> tuple[Span, ...]:
    """Every clause of every sentence, in order."""
    found = []
    for sentence in sentences(text):
        found += _split(text, sentence, _CLAUSE_END)
    return tuple(found)


def clause_of(text: str, start: int, end: int) -> Span:
    """The clause holding text[start:end] (the whole text if the figure crosses clauses)."""
    for span in clauses(text):
        if span.contains(start, end):
            return span
    return Span(0, len(text))


def comma_part(text: str, clause: Span, start: int, end: int, others: list[Span] | None = None) -> Span:
    """The part of `clause` between two commas (outside brackets) that holds the figure; with
    `others` (the clause's other figures), only commas that part it from another figure count
    ("tại 06 cơ quan, đơn vị và 08 UBND xã, thị trấn": "đơn vị và 08 UBND xã, thị trấn")."""
    bounds, depth = [clause.start], 0
    for i in range(clause.start, clause.end):
        char = text[i]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0 and text[i + 1:i + 2] == " " and not text[i - 1:i].isdigit():
            bounds.append(i + 1)
    bounds.append(clause.end)
    if others is not None:
        left = max([b for b in bounds[1:-1] if b <= start and any(o.end <= b for o in others)], default=clause.start)
        right = min([b for b in bounds[1:-1] if b >= end and any(o.start >= b for o in others)], default=clause.end)
        return _trim(text, Span(left, right - 1 if right < clause.end else right))
    for left, right in zip(bounds, bounds[1:]):
        if left <= start and end <= right:
            return _trim(text, Span(left, right))
    return clause


def _split(text: str, span: Span, pattern: re.Pattern) -> list[Span]:
    parts, cursor = [], span.start
    for match in pattern.finditer(text, span.start, span.end):
        if match.groups() and not (match.group(1).isupper() or match.group(1).isdigit()):
            continue  # a sentence starts with a capital letter or a number
        parts.append(Span(cursor, match.start()))
        cursor = match.end()
    parts.append(Span(cursor, span.end))
    return [trimmed for part in parts if (trimmed := _trim(text, part)).end > trimmed.start]


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    marker = _MARKER.match(text, start, end)
    if marker:  # a list or item marker ("1. ", "a) ", "- ") is not part of the clause
        start = marker.end()
    while start < end and text[start] in _TRAILING:
        start += 1
    while end > start and text[end - 1] in _TRAILING + ";:":
        end -= 1
    return Span(start, end)
