"""A proposed row, and the figures that give more than one: a figure kept until a later year
("… và tiếp tục duy trì đến năm 2030"), and one shared by items listed after it ("… của Chỉ
số A; Chỉ số B; Chỉ số C trong năm 2023")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import clauses_read as read
from .clauses import clause_of, clauses, sentences

FIGURE_YEARS = {"by", "in", "period"}   # not baselines, instruments' dates, "hằng năm" or bare numbers
_KEEP = re.compile(r"((?:tiếp tục\s+)?duy trì)(?!\s*,?\s*(?:và\s+)?cải thiện)[^;.]{0,40}?(?:đến|tới)\s+năm\s+((?:19|20)\d\d)",
                   re.I)


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
    area_in_clause: tuple[str, str] | None = None

    def copy(self, **changes) -> "Proposed":
        """The same proposal, its lists and row copied (for a second row of the same figure)."""
        return Proposed(self.table, dict(self.row), list(self.why), list(self.note), list(self.note_en),
                        changes.get("clause", self.clause), self.paragraph, self.area_in_clause)


def maintained(text: str, figure, found: list, p: Proposed) -> Proposed | None:
    """"… đạt 100% và tiếp tục duy trì đến năm 2030": the same figure again for the later year
    (not "duy trì, cải thiện tỷ lệ", which promises more but states no number)."""
    clause = clause_of(text, figure.start, figure.end)
    if any(figure.end <= f.start < clause.end for f in found):
        return None
    match = _KEEP.search(text, figure.end, clause.end)
    if not match or int(match.group(2)) == p.row.get("year"):
        return None
    again = p.copy()
    again.row["year"], again.row["year_stated"] = int(match.group(2)), "true"
    again.why = [w for w in again.why if not w.startswith("year:")] + [f'year: kept until "{match.group(0)}"']
    again.note = [n for n in again.note if not n.startswith("Không nêu năm")] + [
        f'"{match.group(1)}": giữ nguyên con số đến năm {match.group(2)}']
    again.note_en = [n for n in again.note_en if not n.startswith("No year")] + [
        f'"{match.group(1)}": the same figure kept until {match.group(2)}']
    return again


def shared(text: str, figure, found: list, p: Proposed) -> list[Proposed]:
    """"tăng ít nhất 05 bậc … của Chỉ số cải cách hành chính (PAR INDEX); Chỉ số năng lực cạnh
    tranh (PCI); Chỉ số … (PAPI) trong năm 2023": two or more clauses after the figure's, in
    its sentence, that state no figure and open with words the figure's clause names after the
    figure ("Chỉ số") list more things the same figure is promised for: one more row each,
    quoted from the figure's clause to the item. A year ending the list is the year of all."""
    clause = clause_of(text, figure.start, figure.end)
    sentence = next(s for s in sentences(text) if s.contains(clause.start, clause.end))
    items = [c for c in clauses(text) if sentence.start <= c.start and c.end <= sentence.end and c.start >= clause.end]
    if len(items) < 2 or any(c.start <= f.start < c.end for c in items for f in found):
        return []
    head = " ".join(items[0].of(text).split()[:2])
    if len(head.split()) < 2 or head not in text[figure.end:clause.end] or not all(
            c.of(text).startswith(head) for c in items):
        return []
    copies = [p]
    for item in items:
        again = p.copy(clause=item.of(text))
        again.row["source_quote"] = text[clause.start:item.end]
        again.why.append(f'listed: "{head} …" after the figure shares it')
        copies.append(again)
    years = [y for y in read.years(text) if y.kind in FIGURE_YEARS and items[-1].start <= y.start < items[-1].end]
    if years and p.row.get("year_stated") != "true":
        for row in copies:
            row.row["year"], row.row["year_stated"] = years[-1].year, "true"
            row.why = [w for w in row.why if not w.startswith("year:")] + [f'year: "{years[-1].text}" ending the list']
            row.note = [n for n in row.note if not n.startswith("Không nêu năm")]
            row.note_en = [n for n in row.note_en if not n.startswith("No year")]
    return copies[1:]
