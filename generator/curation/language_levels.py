"""Years and administrative levels in Vietnamese text, and the level that governs each figure
of a clause (the API is documented in `language`, which re-exports it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence, TypeVar

_E = r"(?![^\W\d_])"
_W = r"(?<![^\W\d_])"
_YEAR = r"((?:19|20)\d\d|2100)(?!\d)"
_DASH = r"\s*[-–—]\s*"


@dataclass(frozen=True)
class YearMention:
    """A year the text states. kind: "by" (đến năm 2025), "in" (năm 2021), "period"
    (giai đoạn 2021 - 2025: year is the last, first_year the first), "baseline" (so với năm
    2022), "date" (ngày 31/5/2022), "yearly" (hằng năm: year None), "bare" (a lone 2025)."""
    year: int | None
    text: str
    start: int
    end: int
    kind: str
    first_year: int | None = None


@dataclass(frozen=True)
class LevelMention:
    """An administrative level the text names: "tinh", "huyen", "xa", or "each" for "mỗi cấp"."""
    level: str
    text: str
    start: int
    end: int


_BY = r"(?:(?:tính\s+)?(?:đến|tới)|trước|vào)\s+(?:hết\s+|cuối\s+|đầu\s+|giữa\s+)?"
_DAY, _MONTH = r"(?:0?[1-9]|[12]\d|3[01])", r"(?:0?[1-9]|1[0-2])"
_DATE = (r"ngày\s+" + _DAY + r"\s+tháng\s+" + _MONTH + r"\s+năm\s+" + _YEAR + r"|(?<![\d/])" + _DAY + "/"
         + _MONTH + "/" + _YEAR + r"|(?:tháng\s+)?(?<![\d/])" + _MONTH + "/" + _YEAR + r"|tháng\s+" + _MONTH
         + r"\s+năm\s+" + _YEAR)
_DOCUMENT_BEFORE = re.compile(r"(?:luật|nghị\s+quyết|nghị\s+định|quyết\s+định|chỉ\s+thị|thông\s+tư|"
                              r"kế\s+hoạch|công\s+văn|chương\s+trình)(?:\s+số)?\s*\Z", re.IGNORECASE)
_YEAR_PATTERNS = [  # in priority order: an earlier kind wins a span; tried only where a keyword is
    ("baseline", ("so",), re.compile(_W + r"so\s+với\s+(?:cùng\s+kỳ\s+)?(?:năm|giai\s+đoạn|thời\s+kỳ)\s+"
                            + _YEAR + "(?:" + _DASH + _YEAR + ")?", re.IGNORECASE)),
    ("period", ("từ",), re.compile(_W + r"từ\s+năm\s+" + _YEAR + r"\s+(?:đến|tới)\s+(?:hết\s+)?(?:năm\s+)?"
                          + _YEAR, re.IGNORECASE)),
    ("period", ("-", "–", "—"), re.compile(r"(?:" + _W + r"(?:giai\s+đoạn|thời\s+kỳ|năm)\s+)?(?<!\d)" + _YEAR + _DASH
                          + _YEAR, re.IGNORECASE)),
    ("by", ("đến", "tới", "trước", "vào"), re.compile(_W + _BY + r"(?:" + _DATE + r"|năm\s+" + _YEAR + ")", re.IGNORECASE)),
    ("date", ("/", "tháng"), re.compile(_W + r"(?:" + _DATE + ")", re.IGNORECASE)),
    ("in", ("năm",), re.compile(_W + r"(?:(?:trong|cuối|đầu|giữa)\s+)?năm\s+" + _YEAR, re.IGNORECASE)),
    ("yearly", ("năm",), re.compile(_W + r"(?:hằng|hàng|mỗi)\s+năm" + _E, re.IGNORECASE)),
    ("bare", ("",), re.compile(r"(?<![\w./:-])" + _YEAR + r"(?![\w/:]|[.,]\d)")),
]


_YEAR_TOKEN = re.compile(r"(?<!\d)" + _YEAR)
_REACH = 48, 16  # how far the words of a year mention reach before and after its year


def _year_windows(text: str) -> list[tuple[int, int]]:
    """The stretches around each year token: the year patterns are only tried there (fast)."""
    windows: list[tuple[int, int]] = []
    for token in _YEAR_TOKEN.finditer(text):
        lo, hi = max(0, token.start() - _REACH[0]), min(len(text), token.end() + _REACH[1])
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def find_years(text: str) -> list[YearMention]:
    """Every year the text states, with its kind; a span is claimed by the first kind that fits."""
    found: list[YearMention] = []
    windows = [(lo, hi, text[lo:hi].lower()) for lo, hi in _year_windows(text)]
    for kind, keywords, pattern in _YEAR_PATTERNS:
        spans = [(0, len(text), text.lower())] if kind == "yearly" else windows
        for match in (m for lo, hi, low in spans if any(k in low for k in keywords)
                      for m in pattern.finditer(text, lo, hi)):
            if any(m.start < match.end() and match.start() < m.end for m in found) or \
                    _DOCUMENT_BEFORE.search(text[max(0, match.start() - 30):match.start()]):
                continue  # overlapping a stronger reading, or a document's number (61/2018)
            years = [int(g) for g in match.groups() if g]
            found.append(YearMention(
                year=years[-1] if years else None, text=match.group(0), start=match.start(),
                end=match.end(), kind=kind, first_year=years[0] if len(years) > 1 else None))
    return sorted(found, key=lambda m: m.start)


_LEVEL_WORD = {"tỉnh": "tinh", "huyện": "huyen", "quận": "huyen", "thị xã": "huyen",
               "xã": "xa", "phường": "xa", "thị trấn": "xa"}
_CAP = r"c[ấâ]p\s+"  # "câp" is a frequent slip in digitised texts
_UNIT = r"(tỉnh|huyện|xã)" + _E
_LEVEL_PATTERNS = [
    # "cấp tỉnh, cấp huyện, cấp xã", "3 cấp tỉnh, huyện, xã", "của huyện, cấp xã"
    (re.compile(_W + r"(?:(?:" + _CAP + r")?" + _UNIT + r"(?=\s*(?:,|và|hoặc)\s*" + _CAP + r"(?:huyện|xã)))",
                re.IGNORECASE), None),
    (re.compile(_W + _CAP + _UNIT, re.IGNORECASE), None),
    (re.compile(_W + r"(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|HĐND|Hội\s+đồng\s+nhân\s+dân)"
                r"\s+(?:các\s+)?(tỉnh|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn)" + _E, re.IGNORECASE), None),
    (re.compile(_W + r"(?:xã|phường|thị\s+trấn)(?:\s*,\s*(?:xã|phường|thị\s+trấn)){1,2}" + _E,
                re.IGNORECASE), "xa"),
    (re.compile(_W + r"(?:huyện|quận)(?:\s*,\s*(?:huyện|quận|thị\s+xã|thành\s+phố)){1,3}" + _E,
                re.IGNORECASE), "huyen"),
    (re.compile(_W + r"sở\s*,\s*(?:ban\s*,\s*)?ngành" + _E, re.IGNORECASE), "tinh"),
    (re.compile(_W + r"cấp\s+cơ\s+sở" + _E, re.IGNORECASE), "xa"),
    (re.compile(_W + r"(?:mỗi|từng)\s+cấp(?:\s+hành\s+chính|\s+chính\s+quyền)?" + _E, re.IGNORECASE), "each"),
]
_LIST_TAIL = re.compile(r"\s*(?:,|và|hoặc)\s*(?P<m>(?:" + _CAP + r")?" + _UNIT + ")", re.IGNORECASE)


def find_level(text: str) -> list[LevelMention]:
    """Every administrative level the text names ("cấp tỉnh" → tinh, "UBND cấp xã" → xa ...)."""
    found: list[LevelMention] = []

    def add(level: str, start: int, end: int) -> None:
        if not any(m.start < end and start < m.end for m in found):
            found.append(LevelMention(level, text[start:end], start, end))

    for pattern, level in _LEVEL_PATTERNS:
        for match in pattern.finditer(text):
            if level:
                add(level, match.start(), match.end())
                continue
            word = re.sub(r"\s+", " ", match.group(1).lower())
            add(_LEVEL_WORD[word], match.start(), match.end())
            if re.match(_W + _CAP, match.group(0), re.IGNORECASE):
                end = match.end()  # a list after "cấp": "cấp tỉnh, huyện, xã"
                while (tail := _LIST_TAIL.match(text, end)):
                    add(_LEVEL_WORD[tail.group(2).lower()], tail.start("m"), tail.end())
                    end = tail.end()
    for match in _BARE.finditer(text):  # "hồ sơ của huyện và 60% hồ sơ cấp xã": a contrast names a level
        level = _LEVEL_WORD[match.group(1).lower()]
        clause = text[_start_of_clause(text, match.start()):_end_of_clause(text, match.end())]
        if any(m.level not in (level, "each") and m.text.lower().startswith(("cấp", "câp")) and m.text in clause
               for m in found):
            add(level, match.start(1), match.end())
    return sorted(found, key=lambda m: m.start)


# a bare "huyện" after "của/tại/ở", not a name ("huyện Long Phú")
_BARE = re.compile(_W + r"(?:của|tại|ở)\s+(tỉnh|huyện|xã)" + _E + r"(?!\s+[A-ZĐ])")


def _start_of_clause(text: str, at: int) -> int:
    return max((m.end() for m in _CLAUSE.finditer(text, 0, at)), default=0)


def _end_of_clause(text: str, at: int) -> int:
    match = _CLAUSE.search(text, at)
    return match.start() if match else len(text)


_CLAUSE = re.compile(r"[;!?]|\.(?=\s|\Z)|\n")
F = TypeVar("F")


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _CLAUSE.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    return spans + [(start, len(text))]


def assign_levels(text: str, figures: Sequence[F], levels: Sequence[LevelMention]) -> list[F]:
    """Each figure with the level that governs it in its clause: "tương ứng" pairs a list of
    levels with a list of figures in order; otherwise each figure takes the level named in its
    own part of the clause (before it when the clause opens with a level, else after it); a lone
    figure takes the clause's level when the clause names exactly one."""
    out = list(figures)
    named = [m for m in levels if m.level != "each"]
    for start, end in _clauses(text):
        index = [i for i, f in enumerate(out) if start <= f.start < end]  # type: ignore[attr-defined]
        here = [m for m in named if start <= m.start < end]
        if not index or not here:
            continue
        chosen: dict[int, str] = {}
        respectively = re.search(r"tương\s+ứng", text[start:end], re.IGNORECASE)
        if respectively and len(index) > 1:
            pivot = start + respectively.start()
            before = [m for m in here if m.end <= pivot]
            after = [i for i in index if out[i].start >= pivot]  # type: ignore[attr-defined]
            if len(before) == len(after):
                chosen = {i: m.level for i, m in zip(after, before)}
        if not chosen and len({m.level for m in here}) == 1:
            chosen = {i: here[0].level for i in index}  # the clause names one level: it governs all
        elif not chosen and len(index) > 1:
            leading = here[0].start < out[index[0]].start  # type: ignore[attr-defined]
            for k, i in enumerate(index):
                lo = out[index[k - 1]].end if leading and k else (start if leading else out[i].end)  # type: ignore[attr-defined]
                hi = out[i].start if leading else (out[index[k + 1]].start if k + 1 < len(index) else end)  # type: ignore[attr-defined]
                inside = [m for m in here if lo <= m.start and m.end <= hi]
                if inside:
                    chosen[i] = (inside[-1] if leading else inside[0]).level
        for i, level in chosen.items():
            out[i] = replace(out[i], level=level)  # type: ignore[type-var]
    return out
