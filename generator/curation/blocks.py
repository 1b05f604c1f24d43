"""The blocks a document file is read into (paragraphs and tables), and the rules that split a
plain text's lines into paragraphs: shared by every reader in `formats` and `formats_docx`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


class ImportProblem(Exception):
    """A file that cannot be imported; the message is one line for the maintainer."""

    def __init__(self, message: str, usage: bool = False):
        super().__init__(message)
        self.usage = usage  # a wrong command line (exit 2) rather than a bad file (exit 1)


@dataclass
class Block:
    """A paragraph (`lines`) or a table (`rows` of cell texts), as the source has it."""

    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] | None = None
    heading: int = 0  # a heading level the source itself declares (Word's "Heading 2", <h2>)

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines if line.strip())


@dataclass
class Source:
    blocks: list[Block]
    notes: list[str] = field(default_factory=list)
    paged: bool = False  # laid out in pages (PDF, text exports): a paragraph may be split by a page break


STARTS_BLOCK = re.compile(r"(?:[-+•]\s|[IVXLC]+\.\s|\d+(?:\.\d+)*\.\s|Điều\s+\d|Chương\s|Căn cứ\s|[a-zđ]\)\s)")
_LAYOUT = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|^Số\s*:|Nơi nhận|^(?:TM|KT|TL|TUQ|Q)\.\s", re.M)


SENTENCE_END = re.compile(r"[.;:!?)\]\"”…]\s*$")


def split_paragraphs(text: str) -> list[Block]:
    """Blank lines separate paragraphs, and so do the line breaks `split_lines` finds: plain-text
    exports often put one paragraph on each line."""
    return [Block(lines) for chunk in re.split(r"\n[ \t\u00a0]*\n", text) for lines in split_lines(chunk.split("\n"))]


def split_lines(lines: list[str]) -> list[list[str]]:
    """A paragraph's lines (a text file's, or a Word paragraph's line breaks) as the paragraphs,
    headings and list items they hold (see `_line_ends_paragraph`)."""
    parts: list[list[str]] = []
    current: list[str] = []
    lines = [line.rstrip() for line in lines]
    for i, line in enumerate(lines):
        current.append(line)
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if following and _line_ends_paragraph(line.strip(), following):
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return parts


def _line_ends_paragraph(line: str, following: str) -> bool:
    """In a text with one paragraph (or heading, or list item) a line, where one ends: after a long
    finished sentence; before a long line that follows a finished or a short one; after a heading
    in capitals ("KẾ HOẠCH") or a short numbered heading ("2. Yêu cầu"); before a list item or a
    numbered heading ("a) …", "- …", "II. …", "Căn cứ …") when this line is finished or short."""
    ended = bool(SENTENCE_END.search(line))
    if ended and len(line) > 80 or len(following) > 120 and (ended or len(line) < 40):
        return True
    if line.isupper() and not following.isupper():
        return True
    if STARTS_BLOCK.match(line + " ") and not ended and len(line) < 80 and following[:1].isupper():
        return True
    return bool(STARTS_BLOCK.match(following + " ")) and (ended or line.isupper() or len(line) < 60)


def table_blocks(rows: list[list[list[str]]]) -> list[Block]:
    """A data table becomes a table; a layout table (the header or signature block set out in two
    columns, or a one-column frame) becomes its cells' paragraphs, row by row."""
    flat = "\n".join(line for row in rows for cell in row for line in cell)
    if _LAYOUT.search(flat) or all(len(row) <= 1 for row in rows):
        return [Block(cell) for row in rows for cell in row if cell]
    return [Block(rows=[[" ".join(line.strip() for line in cell) for cell in row] for row in rows])]
