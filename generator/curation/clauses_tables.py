"""Figures in tables (a plan's annex: "STT | Chỉ tiêu | Năm 2024 | Năm 2025"): a cell is read
with its row's label and its column's header. The quote runs from the label cell to the
figure's cell (the build finds it: a table's cells are consecutive blocks of the text); the
year comes from the column header ("Năm 2025", "Đến năm 2025") or the label; the level from
the header or the label ("Cấp xã"); the indicator from the label's words."""

from __future__ import annotations

import re

from . import clauses_read as read
from .sections import Paragraph

_DONE = re.compile(r"\b(?:thực hiện|kết quả|đã đạt|ước đạt|ước thực hiện)\b", re.I)
_PLANNED = re.compile(r"\b(?:kế hoạch|chỉ tiêu|mục tiêu)\b", re.I)
_HEADER_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_UNIT_HEADER = re.compile(r"^(?:đơn vị tính|đvt|đơn vị)$", re.I)
_NUMBERING = re.compile(r"^(?:s?tt|số thứ tự|\d+(?:\.\d+)*\.?|[IVXLC]+\.?|[a-zđ]\)?)$", re.I)


def label_column(row: list[str]) -> int:
    """The first cell that names something (not a running number such as "1", "II", "STT")."""
    for i, text in enumerate(row):
        if re.search(r"[^\W\d_]", text) and not _NUMBERING.match(text.strip()):
            return i
    return 0


def is_figure_cell(paragraph: Paragraph) -> bool:
    """A cell past the label, under a header that is not a running number."""
    header = paragraph.header.strip()
    return paragraph.column > label_column(paragraph.row) and not (header and _NUMBERING.match(header))


def column_kind(paragraph: Paragraph) -> tuple[str, str] | None:
    """A column of results ("Thực hiện 2023", "Kết quả") or of targets ("Kế hoạch 2024",
    "Chỉ tiêu 2025")."""
    if not paragraph.row:
        return None
    for table, words in (("results", _DONE), ("targets", _PLANNED)):
        if words.search(paragraph.header):
            return table, f'column "{paragraph.header}"'
    return None


def read_cell(paragraph: Paragraph, figure, p) -> None:
    """Quote, clause, year and level of a proposal from its row and column."""
    label = label_column(paragraph.row)
    p.row["source_quote"] = " ".join(paragraph.row[label:paragraph.column + 1])
    p.clause = " ".join([paragraph.row[label], paragraph.header])
    for source, text in (("column", paragraph.header), ("row", paragraph.row[label])):
        kinds = ("by", "in", "period", "bare") if source == "column" else ("by", "in", "period")
        years = [y.year for y in read.years(text) if y.kind in kinds and y.year]
        if source == "column" and not years:   # a header is a label: a year in it is its year ("Kế hoạch 2024")
            years = [int(y) for y in _HEADER_YEAR.findall(text)]
        if years:
            p.row["year"], p.row["year_stated"] = years[-1], "true"
            p.why = [w for w in p.why if not w.startswith("year:")] + [f'year: {source} "{text}"']
            p.note = [n for n in p.note if not n.startswith("Không nêu năm")]
            p.note_en = [n for n in p.note_en if not n.startswith("No year")]
            break
    if figure.level is None:
        for source, text in (("column", paragraph.header), ("row", paragraph.row[label])):
            levels = [m for m in read.levels(text) if m.level != "each"]
            if len(levels) == 1:
                p.row["level"] = levels[0].level
                p.why = [w for w in p.why if not w.startswith("level:")] + [f'level: {source} "{levels[0].text}"']
                break
    if not p.row.get("unit"):
        unit = _unit_column(paragraph)
        if unit:
            p.row["unit"] = unit[0]
            p.why = [w for w in p.why if not w.startswith("unit:")] + [f'unit: column "{unit[1]}"']


def _unit_column(paragraph: Paragraph) -> tuple[str, str] | None:
    """The unit a row's "Đơn vị tính" (ĐVT) cell gives: "%" is percent, "lần" times, a noun a count."""
    for column, header in enumerate(paragraph.headers):
        if _UNIT_HEADER.match(header.strip()) and column < len(paragraph.row):
            text = paragraph.row[column].strip()
            if text in ("%", "tỷ lệ", "tỷ lệ %", "phần trăm"):
                return "percent", text
            if text.lower() == "lần":
                return "times", text
            if text and not any(c.isdigit() for c in text) and "đồng" not in text.lower():
                return "count", text
    return None
