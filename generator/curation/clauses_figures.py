"""Every figure a paragraph states, as a proposed target or result: its clause (the quote),
its year, level, area and kind, each with the words that gave it (`why`).

The numbers, comparators, units, years and levels are read by `language.py`; this module
decides which of them govern which figure:
- year: a year in the figure's clause, the one after the figure first ("đạt 95% vào năm
  2030"), else the one before it; else a year opening the sentence or the paragraph ("Đến năm
  2025, …"); else the heading or lead paragraph above ("Đến năm 2025:"); else the plan's last
  year, with `year_stated` false and the reason in `note`. "so với năm 2022" is a baseline,
  "so với giai đoạn 2021 - 2025" a baseline period, never the figure's year;
- level: the level language.py reads for the figure in its clause, unless that level is
  named after the figure in the next figure's comma-separated part ("đạt trên 95%, riêng cấp
  xã đạt trên 90%"); "đối với mỗi cấp" gives one row per level named before; none → the whole
  area (toan-dia-ban);
- kind: promising words in the clause (tối thiểu, ít nhất, phấn đấu, trở lên, sẽ …) make a
  target, reporting words (đã + a verb, đạt được, tính đến …) a result (a report's reporting
  words are checked first, a plan's promising words); else a "Chỉ tiêu …:" opening (lasting
  until reporting words) or a heading of promises (chỉ tiêu, mục tiêu, phương hướng); else the
  document's type (a plan sets targets, a report reports results). A figure for a year after
  the document's date is always a target. A target's bare figure is read as a minimum (>=),
  said in `note` and `quote_reading`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import clauses_read as read
from .clauses import Span, clause_of, comma_part
from .clauses_rows import FIGURE_YEARS, Proposed, maintained, shared
from .clauses_tables import column_kind, is_figure_cell, read_cell
from .sections import Document, Paragraph, area_named

_TARGET = re.compile(r"\b(?:tối thiểu|ít nhất|phấn đấu|phấn đấn|trở lên|sẽ|không quá|tối đa|không dưới)\b", re.I)
# Reporting words; "đã" + a verb, not the passive "đã được", which is usually a relative clause
# ("giấy tờ đã được chấp nhận").
_REPORTED = re.compile(r"\b(?:đã đạt|đạt được|kết quả đạt|tính đến|đến nay)\b|\bđã\b(?!\s+được)", re.I)
_MODE = re.compile(r"\b(?:chỉ tiêu|mục tiêu)\b", re.I)
_MODE_HEADING = re.compile(r"\b(?:chỉ tiêu|mục tiêu|phương hướng|kế hoạch năm)\b", re.I)   # a section of promises
_EDITOR = re.compile(r"^Ghi chú biên tập\b")
_TARGET_TYPES = {"plan", "decision", "programme", "program", "resolution", "directive"}
_UNTIL = re.compile(r"\b(?:cho\s+)?(?:đến|tới)\s+khi\b[^;.,]*\Z", re.I)
_PLAN_PARTS = re.compile(r"\s+(?:nhóm\s+(?:giải pháp|nhiệm vụ)|khâu đột phá|(?:nhiệm vụ|giải pháp)\s+(?:trọng tâm|chủ yếu)"
                         r"|trụ cột|quan điểm|mục tiêu)\b", re.I)   # "giao 120 nhiệm vụ" is a count: not here
_DURATION = re.compile(r"\s+năm\b", re.I)   # "05 năm tới", "Trong 2 năm": a length of time
_VERB = re.compile(r"\b(?:cắt giảm|tăng|giảm|nâng|tiết kiệm|đạt|là|có)\b", re.I)
_LEVEL_VERBS = {"đạt", "là", "có"}
_OF_WHICH = re.compile(r"\btrong\s+(?:đó|số\s+đó)\b", re.I)
_RATE = re.compile(r"[^\d%;.]{0,25}?(?:đạt|bằng|chiếm)(?:\s+tỷ\s+lệ|\s+tỉ\s+lệ)?(?:\s+là)?\s*\(?\s*", re.I)


def figures_in(document: Document) -> list[Proposed]:
    proposed: list[Proposed] = []
    mode = None          # ("targets", why) after a "Chỉ tiêu …:" opening, until reporting words
    seen: set = set()
    for paragraph in document.paragraphs:
        if paragraph.is_heading:
            mode = None
            continue
        if _EDITOR.match(paragraph.text):
            continue
        if _MODE.search(paragraph.text[:80]):
            mode = ("targets", 'a list of targets ("Chỉ tiêu", "Mục tiêu" opening the paragraph or one before)')
        found = figures(paragraph.text)
        if paragraph.row and not is_figure_cell(paragraph):
            found = []
        if paragraph.implementation:  # duties; a figure there is a target only if promised in so many words
            found = [f for f in found if _TARGET.search(clause_of(paragraph.text, f.start, f.end).of(paragraph.text))]
        reported = False
        promised = next((h for h in paragraph.headings if _MODE_HEADING.search(h)), None)
        here = column_kind(paragraph) or mode or (("targets", f'under heading "{promised}"') if promised else None)
        for figure, levels in zip(found, _levels(paragraph.text, found)):
            for level in levels:
                p = _propose(document, paragraph, figure, found, level, here)
                if paragraph.row:
                    read_cell(paragraph, figure, p)
                key = (p.clause.strip("() .;"), p.row["value"], p.row["level"], p.row["year"])
                if key in seen:   # the same sentence stated twice is one figure
                    continue
                seen.add(key)
                proposed.append(p)
                reported |= p.table == "results" and not p.why[0].startswith("kind: the document")
                kept = maintained(paragraph.text, figure, found, p)
                if kept:
                    proposed.append(kept)
                proposed += shared(paragraph.text, figure, found, p)
        if reported:
            mode = None
    return proposed


def figures(text: str) -> list:
    """The figures of a paragraph that state a measure: a ratio and the percentage stating it
    ("41/103 đơn vị … (đạt 26,21%)") are one figure, the percentage with its parts; a figure
    after "cho đến khi" is the end of a path, not a promise ("tăng 20% mỗi năm cho đến khi
    đạt tỷ lệ 100%"); a figure in words counts only as the subject opening its clause ("Toàn
    bộ hồ sơ …"), not inside one ("trên tất cả các hệ thống"); a count of the plan's own parts
    ("7 nhóm giải pháp", "4 khâu đột phá", "5 nhiệm vụ trọng tâm") is its outline, not a measure."""
    found = [f for f in read.figures(text) if not _UNTIL.search(text[max(0, f.start - 40):f.start])
             and not ("%" not in f.text and _DURATION.match(text, f.end))
             and not (f.in_words and len(text[clause_of(text, f.start, f.end).start:f.start].split()) > 2)
             and not (f.unit in ("count", None) and _PLAN_PARTS.match(text, f.end))]
    kept = []
    for figure in found:
        if kept and "/" in kept[-1].text and kept[-1].numerator is not None and figure.unit == "percent" \
                and figure.numerator is None \
                and clause_of(text, kept[-1].start, kept[-1].end).contains(figure.start, figure.end):
            ratio = kept.pop()
            figure = replace(figure, numerator=ratio.numerator, denominator=ratio.denominator)
        elif len(kept) >= 2 and figure.unit == "percent" and figure.numerator is None and _parts(text, kept[-2:], figure):
            figure = replace(figure, numerator=kept[-1].value, denominator=kept[-2].value)
        kept.append(figure)
    return kept


def _parts(text: str, counts: list, share) -> bool:
    """"giải quyết 596.864 hồ sơ, trong đó … đúng hạn 595.634 hồ sơ, đạt tỷ lệ 99,79%": a
    percentage right after a count "trong đó" (of which) another count gives its parts."""
    whole, part = counts
    return (whole.unit == part.unit == "count" and _OF_WHICH.search(text, whole.end, part.start) is not None
            and _RATE.fullmatch(text, part.end, share.start) is not None)


def _propose(document: Document, paragraph: Paragraph, figure, found, level, mode) -> Proposed:
    text = paragraph.text
    clause = clause_of(text, figure.start, figure.end)
    others = [f for f in found if f is not figure and clause.contains(f.start, f.end)]
    if others and figure.unit == "count" and not figure.numerator:
        clause = comma_part(text, clause, figure.start, figure.end, [Span(f.start, f.end) for f in others])
    quote = paragraph.quotable(clause.start, clause.end, figure.start, figure.end)
    p = Proposed("", {}, clause=quote, paragraph=paragraph.index)
    table = p.table = _kind(document, quote, mode, p)
    row = p.row
    row["document"], row["place"] = document.id, str(document.meta.get("place") or "")
    row["source_quote"] = quote
    row["value"] = _number(figure.value)
    row["quote_reading"] = "words" if figure.in_words else ""   # how the figure check reads the quote
    row["comparator"] = figure.comparator
    row["unit"] = figure.unit
    p.why.append(f'value: "{figure.text}"')
    p.why.append(f'unit: "{figure.unit_words}"' if figure.unit_words else
                 "unit: the words give none (write it)" if not figure.unit else f"unit: {figure.unit}")
    _year(document, paragraph, clause, figure, p)
    issued = str(document.meta.get("date") or "")[:4]
    if p.row["year_stated"] == "true" and issued.isdigit():  # a promise is for a year to come, a result for one past
        if table == "results" and p.row["year"] > int(issued):
            table = p.table = "targets"
            p.why[0] = f"kind: {p.row['year']} is after the document's date"
        elif table == "targets" and p.row["year"] < int(issued) and not p.why[0].startswith('kind: "'):
            # (unless the clause promises in so many words: "Năm 2021, … đạt tỷ lệ tối thiểu 20%")
            table = p.table = "results"
            p.why[0] = f"kind: {p.row['year']} is before the document's date"
    if figure.comparator_words:
        p.why.append(f'comparator: "{figure.comparator_words}"')
    elif table == "targets":
        _bare_target(figure, p)
    else:
        p.why.append("comparator: no comparator words")
    if table == "results" and figure.numerator is not None:
        row["numerator"], row["denominator"] = _number(figure.numerator), _number(figure.denominator)
    row["level"] = level[0]
    p.why.append(f'level: "{level[1]}"' if level[1] else "level: none named (the whole area)")
    _area(paragraph, quote, p)
    return p


def _bare_target(figure, p: Proposed) -> None:
    """The corpus reads a promise's bare figure as a floor, and says so in the note."""
    if figure.comparator_words:
        return
    p.row["comparator"] = ">="
    p.row["quote_reading"] = "words comparator" if figure.in_words else "comparator"
    p.why[:] = [w for w in p.why if w != "comparator: no comparator words"]
    p.why.append("comparator: no comparator words; a target's bare figure read as a minimum")
    p.note.append('Con số không có "tối thiểu", đọc là mức tối thiểu (>=)')
    p.note_en.append('A plain figure without "tối thiểu" (at least), read as a minimum (>=)')


def _kind(document: Document, clause: str, mode, p: Proposed) -> str:
    """targets or results: the clause's own words (a report's reporting words first, a plan's
    promising words first), else the paragraph's mode, else the document's type."""
    plan = document.kind in _TARGET_TYPES
    checks = [("targets", _TARGET), ("results", _REPORTED)] if plan else \
        [("results", _REPORTED), ("targets", _TARGET)]
    for table, words in checks:
        found = words.search(clause)
        if found:
            p.why.append(f'kind: "{found.group(0)}"')
            return table
    if mode:
        p.why.append(f"kind: {mode[1]}")
        return mode[0]
    p.why.append(f"kind: the document is a {document.kind or 'document'}")
    return "targets" if plan else "results"


def _year(document: Document, paragraph: Paragraph, clause: Span, figure, p: Proposed) -> None:
    text, row = paragraph.text, p.row
    years = read.years(text)
    baseline = next((y for y in years if y.kind == "baseline" and clause.start <= y.start < clause.end
                     and y.start >= figure.end and _changes(text, clause, figure, y)), None)
    if baseline and baseline.first_year:
        row["baseline_period_start"], row["baseline_period_end"] = baseline.first_year, baseline.year
        p.why.append(f'baseline period: "{baseline.text}"')
    elif baseline:
        row["baseline_year"] = baseline.year
        p.why.append(f'baseline_year: "{baseline.text}"')
    stated = _stated_year(text, clause, figure, [y for y in years if y.kind in FIGURE_YEARS])
    if stated is None and paragraph.year:
        stated = (paragraph.year, paragraph.year_why)
    if stated:
        row["year"], row["year_stated"] = stated[0], "true"
        p.why.append(f"year: {stated[1]}")
        return
    year, source = document.default_year
    row["year"], row["year_stated"] = year or "", "false"
    if year:
        planned = document.kind in _TARGET_TYPES
        what_vi, what_en = {"period_end": ("năm cuối kế hoạch", "the plan's last year") if planned else
                            ("năm cuối kỳ báo cáo", "the last year the report covers"),
                            "date": ("năm ban hành văn bản", "the document's year"),
                            "text": ("năm văn bản nêu nhiều nhất", "the year the text states most often")}[source]
        p.note.append(f"Không nêu năm; đọc là {what_vi} {year}")
        p.note_en.append(f"No year stated; read as {what_en}, {year}")
        p.why.append(f"year: none stated ({source} {year})")


def _changes(text: str, clause: Span, figure, baseline) -> bool:
    """"so với năm 2022" is the baseline of a change: of the figure right before it, or of every
    figure a change verb governs ("Giảm tối thiểu 1,25% biên chế, 2,8% đầu mối … so với năm
    2022"), never of a level stated before the change ("đạt 86%, tăng 1,3% so với năm 2023")."""
    verbs = list(_VERB.finditer(text, clause.start, figure.start))
    if verbs:
        return verbs[-1].group(0).lower() not in _LEVEL_VERBS
    return not any(figure.end <= f.start < baseline.start for f in read.figures(text))


def _stated_year(text: str, clause: Span, figure, mentions: list) -> tuple[int, str] | None:
    """A year the text states for the figure: one right after it ("đạt 95% vào năm 2030");
    else the nearest before it in its clause, or opening its sentence or paragraph ("Đến năm
    2025, …"); else one later in its clause with no other figure between ("tăng 5 bậc …
    trong năm 2023"). A period counts only as an opening ("giai đoạn 2022 - 2025, mỗi năm
    …"): inside a clause it names a plan ("Đề án … giai đoạn 2021 - 2030")."""
    mentions = [m for m in mentions if m.kind != "period" or _opens_sentence(text, m, words=3)]
    inside = [m for m in mentions if clause.start <= m.start and m.end <= clause.end]
    after = [m for m in inside if m.start >= figure.end
             and not any(figure.end <= f.start < m.start for f in read.figures(text))]
    before = [m for m in inside if m.end <= figure.start]
    openers = [m for m in mentions if m.end <= figure.start and _opens_sentence(text, m)]
    if after and len(text[figure.end:after[0].start].split()) <= 1:
        chosen = after[0]
    elif before or openers:
        chosen = (before or openers)[-1]
    elif after:
        chosen = after[0]
    elif shared := _shared_year(text, inside, figure):
        chosen = shared
    else:
        return None
    return chosen.year, f'"{chosen.text}"'


def _shared_year(text: str, inside: list, figure):
    """"kiểm tra ít nhất 30% cơ quan và 25% Ủy ban nhân dân cấp xã trong năm 2026": a year closing
    a list of figures of one unit is every listed figure's year."""
    later = [m for m in inside if m.start >= figure.end]
    if not later:
        return None
    between = [f for f in read.figures(text) if figure.end <= f.start < later[0].start]
    return later[0] if between and all(f.unit == figure.unit for f in between) else None


def _opens_sentence(text: str, mention, words: int = 0) -> bool:
    """The mention opens a sentence or clause (after at most `words` words: "Trong 2 năm …")."""
    before = text[:mention.start]
    cut = max(before.rfind(mark) for mark in ".:;")
    return len(before[cut + 1:].split()) <= words


def _levels(text: str, found: list) -> list[list[tuple[str, str]]]:
    """The levels of each figure: the one language.py reads for it in its clause; for a figure
    "đối với mỗi cấp" (each level), every level the paragraph named before it, one row each;
    none → the whole area."""
    mentions = read.levels(text)
    result = []
    for figure in found:
        clause = clause_of(text, figure.start, figure.end)
        named = [m for m in mentions if m.level == figure.level and clause.start <= m.start < clause.end]
        parts = [comma_part(text, clause, m.start, m.end) for m in named]
        if figure.level and named and all(m.start >= figure.end for m in named) and all(
                not part.contains(figure.start, figure.end)
                and any(part.contains(f.start, f.end) for f in found if f is not figure) for part in parts):
            # "đạt trên 95%, riêng cấp xã đạt trên 90%": a level named after a figure, in the
            # comma-separated part of the next figure, is the next one's
            result.append([("toan-dia-ban", "")])
            continue
        if figure.level:
            near = [m for m in mentions if m.level == figure.level]
            words = min(near, key=lambda m: abs(m.start - figure.start)).text if near else figure.level
            result.append([(figure.level, words)])
            continue
        each = [m for m in mentions if m.level == "each" and clause.start <= m.start < clause.end]
        named = []
        for m in mentions:
            if m.level != "each" and m.end <= figure.start and m.level not in [n[0] for n in named]:
                named.append((m.level, m.text))
        if each and named:
            result.append([(level, f"{words}, {each[0].text}") for level, words in named])
        else:
            result.append([("toan-dia-ban", "")])
    return result


def _area(paragraph: Paragraph, quote: str, p: Proposed) -> None:
    """The area of the section or opening the figure sits in; else (once the indicator is
    known, see `draft`) the indicator's area; else the area the clause names."""
    if paragraph.area:
        p.row["area"] = paragraph.area
        p.why.append(f"area: {paragraph.area_why}")
        return
    p.row["area"] = ""
    named = area_named(quote)
    p.area_in_clause = named


def _number(value) -> str:
    if value is None:
        return ""
    value = float(value)
    return str(int(value)) if value == int(value) else repr(value)
