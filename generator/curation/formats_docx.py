"""Read a Word `.docx` (python-docx): paragraphs and tables in order, each run converted as its
font says (TCVN3, VNI), Word's automatic numbering written out ("1.", "a)", "II.") as the page
shows it, "Heading N" styles kept as heading levels."""

from __future__ import annotations

import re
from pathlib import Path

from . import legacy
from .blocks import Block, Source, split_lines, table_blocks

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> Source:
    import docx
    from docx.table import Table

    document = docx.Document(str(path))
    default_font = document.styles["Normal"].font.name if "Normal" in document.styles else None
    numbering = _Numbering(document)
    blocks: list[Block] = []
    styles: dict[str | None, tuple[int, str | None, object]] = {}  # a style lookup is slow: once per style
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(table_blocks([list(_cells(row, default_font)) for row in item.rows]))
            continue
        key = item._p.style
        if key not in styles:
            style = item.style
            name = (style.name if style is not None else "") or ""
            level = int(name.split()[-1]) if re.fullmatch(r"Heading [1-6]", name) else 0
            styles[key] = (level, _style_font(style), _num_pr(style.element if style is not None else None))
        level, font, style_numbering = styles[key]
        text = numbering.label(_num_pr(item._p) or style_numbering) + _text(item, default_font, font)
        blocks += [Block(lines, heading=level if i == 0 else 0)
                   for i, lines in enumerate(split_lines(text.split("\n")))]  # line breaks (Shift+Enter)
    return Source(blocks)


def _cells(row, default_font):
    seen = []
    for cell in row.cells:
        if any(cell._tc is other for other in seen):
            continue  # a merged cell is listed once per column it spans
        seen.append(cell._tc)
        yield [line for p in cell.paragraphs for line in _text(p, default_font, None).split("\n") if line.strip()]


def _style_font(style) -> str | None:
    while style is not None:
        if style.font.name:
            return style.font.name
        style = style.base_style
    return None


def _text(paragraph, default_font: str | None, style_font: str | None) -> str:
    """A paragraph's text (links included), each run converted as its own font says."""
    parts = []
    for item in paragraph.iter_inner_content():
        for run in getattr(item, "runs", None) or [item]:  # a hyperlink holds runs of its own
            encoding, upper = legacy.font_encoding(run.font.name or style_font or default_font)
            parts.append(legacy.decode(run.text, encoding, upper_font=upper) if encoding != legacy.UNICODE
                         else run.text)
    return "".join(parts)


def _num_pr(element) -> tuple[str, int] | None:
    """(numId, level) of a paragraph's or a style's automatic numbering."""
    if element is None:
        return None
    found = element.find(f"{_W}pPr/{_W}numPr")
    if found is None:
        return None
    num_id, level = found.find(f"{_W}numId"), found.find(f"{_W}ilvl")
    if num_id is None or num_id.get(f"{_W}val") in (None, "0"):
        return None
    return num_id.get(f"{_W}val"), int(level.get(f"{_W}val")) if level is not None else 0


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


_FORMATS = {
    "decimal": str, "upperRoman": _roman, "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": lambda n: chr(64 + (n - 1) % 26 + 1), "lowerLetter": lambda n: chr(96 + (n - 1) % 26 + 1),
    "decimalZero": lambda n: f"{n:02d}",
}


class _Numbering:
    """Word's list numbering, counted in document order as Word counts it."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → level → (format, text, start)
        self.counts: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(f"{_W}abstractNumId"): a for a in root.findall(f"{_W}abstractNum")}
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            definition = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            if definition is None:
                continue
            levels = {}
            for lvl in definition.findall(f"{_W}lvl"):
                fmt, text, start = (lvl.find(f"{_W}{tag}") for tag in ("numFmt", "lvlText", "start"))
                levels[int(lvl.get(f"{_W}ilvl"))] = (
                    fmt.get(f"{_W}val") if fmt is not None else "decimal",
                    text.get(f"{_W}val") if text is not None else "",
                    int(start.get(f"{_W}val")) if start is not None else 1)
            self.levels[num.get(f"{_W}numId")] = levels

    def label(self, numbering: tuple[str, int] | None) -> str:
        """The number Word shows before this paragraph ("2.", "a)"), "- " for a bullet, "" for none."""
        if numbering is None or numbering[0] not in self.levels:
            return ""
        num_id, level = numbering
        levels = self.levels[num_id]
        counts = self.counts.setdefault(num_id, [0] * 10)
        counts[level] += 1
        counts[level + 1:] = [0] * (len(counts) - level - 1)
        fmt, text, _ = levels.get(level, ("decimal", f"%{level + 1}.", 1))
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""

        def number(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            at_fmt, _, start = levels.get(at, ("decimal", "", 1))
            return _FORMATS.get(at_fmt, str)(start - 1 + max(counts[at], 1))
        return re.sub(r"%(\d)", number, text) + " "
