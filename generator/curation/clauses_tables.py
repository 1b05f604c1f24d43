"""Figures in tables (a plan's annex: "STT | Chỉ tiêu | Năm 2024 | Năm 2025"): a cell is read
with its row's label and its column's header. The quote runs from the label cell to the
figure's cell (the build finds it: a table's cells are consecutive blocks of the text); the
year comes from the column header ("Năm 2025", "Đến năm 2025") or the label; the level from
the header or the label ("Cấp xã"); the indicator from the label's words."""

from __future__ import annotations

import re

from . import clauses_read as read
from .sections import Paragraph

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


def read_cell(paragraph: Paragraph, figure, p) -> None:
    """Quote, clause, year and level of a proposal from its row and column."""
    label = label_column(paragraph.row)
    p.row["source_quote"] = " ".join(paragraph.row[label:paragraph.column + 1])
    p.clause = " ".join([paragraph.row[label], paragraph.header])
    for source, text in (("column", paragraph.header), ("row", paragraph.row[label])):
        years = [y for y in read.years(text) if y.kind in ("by", "in", "period") and y.year]
        if years:
            p.row["year"], p.row["year_stated"] = years[-1].year, "true"
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
