"""A document's text as paragraphs in their context: the reform area, the governing year and
the part (targets, or "Tổ chức thực hiện" duties) each paragraph sits in.

The text is read exactly as the build reads it for the quote check (rendered Markdown,
blocks squashed to NFC with single spaces), so every quote taken from a paragraph here is
found by the build. Areas come from headings and paragraph openings by the words that name
the seven areas of Resolution 76/NQ-CP; nothing here knows a particular document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..markup import fold, render_markdown
from .language import find_figures, find_years

# The words that name each area (folded, lower case), most specific first. A heading or a
# paragraph opening naming one of these governs the text under it.
AREA_WORDS: dict[str, tuple[str, ...]] = {
    "chinh-quyen-so": ("chinh quyen dien tu", "chinh quyen so", "chinh phu dien tu", "chinh phu so",
                       "chuyen doi so"),
    "chi-dao-dieu-hanh": ("chi dao, dieu hanh", "chi dao dieu hanh", "lanh dao, chi dao"),
    "thu-tuc-hanh-chinh": ("thu tuc hanh chinh", "tthc"),
    "to-chuc-bo-may": ("to chuc bo may",),
    "cong-vu": ("che do cong vu", "cai cach cong vu", "cong vu"),
    "tai-chinh-cong": ("tai chinh cong",),
    "the-che": ("cai cach the che", "the che"),
}
_IMPLEMENTATION = ("to chuc thuc hien",)
_CLOSING = re.compile(r"^nơi nhận\s*:?", re.I)
_TITLE_MARKER = re.compile(r"^(?:([IVXLC]+)\.|(\d+(?:\.\d+)*\.))\s+\S")
# Python-Markdown's placeholder for a backslash escape ("1\\." → STX 46 ETX), still in the
# blocks' text when anchors are set: read as the character it stands for.
_NUMBERING = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s*", re.I)
_HEADING_YEAR = re.compile(r"\b(?:đến|tới|trong|vào)?\s*năm\s+((?:19|20)\d\d)\b", re.I)
_OPENING = re.compile(r"^(?:(?:cải cách|xây dựng và phát triển|công tác|đẩy mạnh)\s+)*", re.I)
_ABOUT = re.compile(r"\bvề\s+(?:(?:công tác|cải cách|xây dựng và phát triển|xây dựng)\s+)*", re.I)


def folded(text: str) -> str:
    """Lower case without diacritics (`Thủ tục` → `thu tuc`): how words are compared."""
    return fold(text).lower()


def area_named(text: str) -> tuple[str, str] | None:
    """(area id, the words naming it) for a text that names one reform area, else None."""
    low = folded(text)
    for area, phrases in AREA_WORDS.items():
        for phrase in phrases:
            position = low.find(phrase)
            if position >= 0 and re.match(r"\b", low[position:]) and (
                    position == 0 or not low[position - 1].isalnum()):
                return area, text[position:position + len(phrase)]
    return None


@dataclass
class Paragraph:
    """One block of the text with what governs it."""

    index: int
    text: str
    is_heading: bool
    section: str = ""                      # the nearest heading's text ("" before the first)
    headings: tuple[str, ...] = ()          # every heading it sits under, outermost first
    area: str | None = None
    area_why: str = ""                      # e.g. 'section "2.2. Cải cách thủ tục hành chính"'
    year: int | None = None                 # from a heading or a lead paragraph ("Đến năm 2025:")
    year_why: str = ""
    implementation: bool = False            # inside "Tổ chức thực hiện"
    agency: str = ""                        # the heading naming the agency there
    row: list[str] = field(default_factory=list)   # a table cell: the texts of its row's cells
    column: int = -1                        # its place in that row
    header: str = ""                        # its column's header ("Năm 2025")
    headers: list[str] = field(default_factory=list)   # every header of its table

    def quotable(self, start: int, end: int, keep_start: int | None = None, keep_end: int | None = None) -> str:
        """text[start:end] as a quote (the block's text is what the page shows, escapes read, so
        the build finds any part of it); the figure at keep_start:keep_end is inside it."""
        return self.text[start:end].strip(" ,;:")


@dataclass
class Document:
    id: str
    meta: dict
    paragraphs: list[Paragraph]
    _text_year: int | None = None

    @property
    def kind(self) -> str:
        return str(self.meta.get("type") or "")

    @property
    def default_year(self) -> tuple[int | None, str]:
        """The year a figure stating none is read as: the plan period's last year, or the
        document's year, or (a report with neither) the year its text states most often; with
        where it comes from, for `note`."""
        for key in ("period_end", "date"):
            value = self.meta.get(key)
            if value and str(value)[:4].isdigit():
                return int(str(value)[:4]), key
        if self._text_year is None:
            counts: dict[int, int] = {}
            for paragraph in self.paragraphs:
                for mention in find_years(paragraph.text):
                    if mention.kind in ("in", "by") and mention.year:
                        counts[mention.year] = counts.get(mention.year, 0) + 1
            self._text_year = max(counts, key=lambda y: (counts[y], y)) if counts else 0
        return (self._text_year, "text") if self._text_year else (None, "")


def read_document(id_: str, meta: dict, body: str) -> Document:
    if not body.strip():
        return Document(id_, meta, [])
    rendered = render_markdown(body)
    heading_anchors = {anchor: level for level, anchor, _ in rendered.headings}
    paragraphs: list[Paragraph] = []
    stack: list[tuple[int, str]] = []                      # open headings (level, text)
    lead_area: tuple[str, str] | None = None                # from a paragraph opening
    lead_year: tuple[int, str] | None = None                # from "Đến năm 2025:"
    for index, block in enumerate(rendered.blocks):
        text = block.text
        if _CLOSING.match(text):
            break  # "Nơi nhận:" (the distribution list), then the signature: the text has ended
        level = heading_anchors.get(block.anchor) or _title_level(text)
        if level is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, text))
            lead_area, lead_year = None, None
        paragraph = Paragraph(index, text, level is not None)
        paragraph.section = stack[-1][1] if stack else ""
        paragraph.headings = tuple(text for _, text in stack)
        _govern(paragraph, stack, lead_area, lead_year)
        if level is None:
            opening = _opening_area(text)
            if opening:
                lead_area = opening
                paragraph.area, paragraph.area_why = opening[0], f'opening "{opening[1]}"'
            year = _lead_year(text)
            if year:
                lead_year = year
        paragraphs.append(paragraph)
    # the blocks after "Nơi nhận:" have no paragraph: a table there is not read
    _tables(rendered.html, paragraphs, {block.anchor: i for i, block in enumerate(rendered.blocks[:len(paragraphs)])})
    return Document(id_, meta, paragraphs)


def _tables(html: str, paragraphs: list[Paragraph], index: dict[str, int]) -> None:
    """Give each table cell its row's texts and its column's header, so a figure in a cell is
    read with the row's label ("Tỷ lệ hồ sơ đúng hạn") and the column's year ("Năm 2025")."""
    if "<table" not in html:
        return
    import lxml.html
    for table in lxml.html.fragment_fromstring(html, create_parent="div").iter("table"):
        headers: list[str] = []
        for tr in table.iter("tr"):
            cells = [cell for cell in tr if cell.tag in ("td", "th")]
            at = [index.get(cell.get("id", "")) for cell in cells]
            texts = [paragraphs[i].text if i is not None else "" for i in at]
            if all(cell.tag == "th" for cell in cells):
                headers = texts
                continue
            for column, i in enumerate(at):
                if i is not None:
                    paragraphs[i].row, paragraphs[i].column = texts, column
                    paragraphs[i].header = headers[column] if column < len(headers) else ""
                    paragraphs[i].headers = headers


def _govern(paragraph: Paragraph, stack, lead_area, lead_year) -> None:
    for level, heading in reversed(stack):
        if paragraph.area is None:
            named = area_named(heading)
            if named:
                paragraph.area, paragraph.area_why = named[0], f'section "{_short(heading)}"'
        if paragraph.year is None:
            match = _HEADING_YEAR.search(heading)
            if match:
                paragraph.year, paragraph.year_why = int(match.group(1)), f'heading "{_short(heading)}"'
        if any(words in folded(heading) for words in _IMPLEMENTATION):
            paragraph.implementation = True
    innermost = stack[-1][1] if stack else ""
    if paragraph.implementation and not any(w in folded(innermost) for w in _IMPLEMENTATION):
        paragraph.agency = agency_of(innermost)
    if lead_area:  # an opening after the last heading is nearer than any heading
        paragraph.area, paragraph.area_why = lead_area[0], f'opening "{lead_area[1]}"'
    if lead_year:
        paragraph.year, paragraph.year_why = lead_year[0], f'lead "{lead_year[1]}"'


def _title_level(text: str) -> int | None:
    """A paragraph that is a section title written as text ("IV. TỔ CHỨC THỰC HIỆN", "2. Sở Nội
    vụ", "1.1. Cải cách thể chế", a bold capitalised line): the heading level it stands for.
    A title is short, states no figure and does not end a sentence; "a) …" stays a paragraph
    (an opening, see `_opening_area`)."""
    words = text.split()
    if not 1 <= len(words) <= 15 or text.rstrip()[-1] in ".;,:" or find_figures(text):
        return None
    marker = _TITLE_MARKER.match(text)
    if marker:
        return 2 if marker.group(1) else 3 + marker.group(2).count(".") - 1
    letters = [c for c in text if c.isalpha()]
    return 2 if len(words) >= 2 and letters and all(c.isupper() for c in letters) else None


def agency_of(heading: str) -> str:
    """`2. Phòng Nội vụ` → `Phòng Nội vụ`; `Đề nghị Ủy ban …` → `Ủy ban …`."""
    text = _NUMBERING.sub("", heading).strip().rstrip(":")
    return re.sub(r"^đề nghị\s+", "", text, flags=re.I).strip()


def _opening_area(text: str) -> tuple[str, str] | None:
    """An area named at a paragraph's opening: "Về cải cách tài chính công, …", "Theo đó, kết
    quả đạt được về cải cách thể chế, …" ("về" + the area within its first words), or a
    paragraph that starts with the area's name and a colon or comma ("Cải cách chế độ công
    vụ: …", "Đẩy mạnh cải cách thủ tục hành chính: …")."""
    head = text[:100]
    about = _ABOUT.search(head)
    if about:
        named = area_named(head[about.end():])
        if named and folded(head[about.end():]).startswith(folded(named[1])):
            return named
    first = re.split(r"[,:;.]", text, maxsplit=1)[0]
    if len(first) <= 90 and _OPENING.match(first):  # "Cải cách …: text", or a title line "a) Cải cách …"
        named = area_named(first)
        if named and folded(first).rstrip().endswith(folded(named[1]).rstrip()):
            return named
    return None


def _lead_year(text: str) -> tuple[int, str] | None:
    """A short paragraph that sets the year for what follows: "Đến năm 2025:", "Phấn đấu trong
    năm 2024, đạt các chỉ tiêu sau:" (a colon ends it; no figure of its own)."""
    if not text.rstrip().endswith(":") or len(text) > 90 or find_figures(text):
        return None
    years = [y for y in find_years(text) if y.kind in ("by", "in") and y.year]
    return (years[-1].year, text.rstrip(":").strip()) if years else None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
