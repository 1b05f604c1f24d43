"""Read a document file into blocks of text: `.docx`, `.pdf` (its text layer), `.html`, `.txt`.

Each reader returns the file's paragraphs and tables in order, as Unicode: text set in a legacy
font (TCVN3 `.VnTime`, VNI `VNI-Times`) is converted run by run as its font says; text with no
font to go by is converted when `legacy.detect` finds it is legacy-encoded (see `importer`).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from pathlib import Path

from . import legacy
from .blocks import SENTENCE_END, STARTS_BLOCK, Block, ImportProblem, Source, split_paragraphs, table_blocks
from .formats_docx import read_docx


def read(path: Path) -> Source:
    """The blocks of `path`, by its extension."""
    readers = {".docx": read_docx, ".pdf": read_pdf, ".html": read_html, ".htm": read_html, ".txt": read_txt}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise ImportProblem(f"{path}: unsupported file type {path.suffix or '(none)'!r} "
                            f"(expected .docx, .pdf, .html or .txt; save a .doc as .docx first)", usage=True)
    if not path.is_file():
        raise ImportProblem(f"{path}: no such file", usage=True)
    try:
        return reader(path)
    except ImportProblem:
        raise
    except Exception as exc:  # a damaged file: the libraries' own errors say little to a maintainer
        raise ImportProblem(f"{path}: cannot be read as {path.suffix.lower()[1:].upper()} "
                            f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'damaged file'})")


# ---- .txt -------------------------------------------------------------------------------------

def decode_bytes(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) or UTF-16; else an 8-bit file: Windows-1258, or cp1252 bytes
    that `legacy.detect` reads as TCVN3/VNI later."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise ImportProblem(f"{path}: not a text file (it contains binary data)")
    eight_bit = data.decode("cp1252", errors="replace")
    vietnamese = data.decode("cp1258", errors="replace")
    if legacy.detect(eight_bit) != legacy.UNICODE:
        return eight_bit
    if legacy.score(unicodedata.normalize("NFC", vietnamese)) > legacy.score(eight_bit):
        return vietnamese
    raise ImportProblem(f"{path}: the text is not UTF-8, UTF-16, Windows-1258, TCVN3 or VNI "
                        "(hint: save it as UTF-8)")


def read_txt(path: Path) -> Source:
    text = decode_bytes(path.read_bytes(), path).replace("\r\n", "\n").replace("\r", "\n")
    return Source(split_paragraphs(text), paged=True)


# ---- .pdf -------------------------------------------------------------------------------------

def read_pdf(path: Path) -> Source:
    import pdfplumber

    pages: list[list[tuple]] = []  # per page: (top, x0, x1, text, in columns) lines
    heights: list[float] = []
    with pdfplumber.open(str(path)) as pdf:
        width = max((page.width for page in pdf.pages), default=0)
        page_height = max((page.height for page in pdf.pages), default=0)
        for page in pdf.pages:
            tables = [table for table in page.find_tables() if len(table.rows) > 1]  # ruled tables
            words = [w for w in page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
                     if not any(_inside(w, table.bbox) for table in tables)]
            lines = _pdf_lines(words, heights)
            lines += [(table.bbox[1], table.bbox[0], table.bbox[2], "", False,
                       [[unicodedata.normalize("NFC", cell or "").split("\n") for cell in row]
                        for row in table.extract()]) for table in tables]
            pages.append(sorted(lines, key=lambda line: line[0]))
    if not any(pages):
        raise ImportProblem(f"{path}: the PDF has no text layer (a scan?): run OCR on it first, "
                            "or import the text as .txt")
    furniture = _running_lines(pages, page_height)
    line_height = statistics.median(heights) if heights else 12
    right = max((line[2] for page in pages for line in page if line[3]), default=width)
    blocks: list[Block] = []
    previous = None  # (top, x1, text, in columns) of the last line kept
    for page in pages:
        for top, x0, x1, text, columns, *table in page:
            if table:
                blocks.extend(table_blocks(table[0]))
                previous = None  # the text after a table starts a paragraph
                continue
            if _furniture_key(text) in furniture or _PAGE_NUMBER.fullmatch(text.strip()):
                continue
            ended = previous is not None and (SENTENCE_END.search(previous[2])
                                              or previous[1] < right - 2 * line_height)  # a short last line
            new_paragraph = (previous is None or columns or previous[3] or top - previous[0] > 1.6 * line_height
                             or top < previous[0]
                             and not _continues(previous[2], text)
                             or ended and (previous[1] < right - 2 * line_height or STARTS_BLOCK.match(text)))
            if new_paragraph:
                blocks.append(Block([text]))
            else:
                blocks[-1].lines[-1] += " " + text  # a line break inside a paragraph is a space
            previous = (top, x1, text, columns)
    return Source(blocks, paged=True)


def _inside(word: dict, box: tuple[float, float, float, float]) -> bool:
    middle_x, middle_y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] <= middle_x <= box[2] and box[1] <= middle_y <= box[3]


_PAGE_NUMBER = re.compile(r"(?:-\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?", re.I)


def _continues(previous: str, text: str) -> bool:
    """A paragraph runs on over a page break when it stopped mid-sentence and goes on in lower case."""
    return not SENTENCE_END.search(previous) and text[:1].islower()


def _pdf_lines(words: list[dict], heights: list[float]) -> list[tuple[float, float, float, str, bool]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) < 0.5 * word["size"]:
            lines[-1].append(word)
        else:
            lines.append([word])
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        segments: list[list[dict]] = [[]]
        for word in line:  # a wide gap parts two columns: issuer | motto, number | place and date
            if segments[-1] and word["x0"] - segments[-1][-1]["x1"] > 3 * word["size"]:
                segments.append([])
            segments[-1].append(word)
        heights.append(line[0]["bottom"] - line[0]["top"])
        for segment in segments:  # a column's line is a paragraph of its own
            out.append((segment[0]["top"], segment[0]["x0"], segment[-1]["x1"], _pdf_text(segment),
                        len(segments) > 1))
    return out


def _pdf_text(words: list[dict]) -> str:
    text, last = "", None
    for word in words:
        encoding, upper = legacy.font_encoding(word.get("fontname"))
        piece = legacy.decode(word["text"], encoding, upper) if encoding != legacy.UNICODE else word["text"]
        gap = word["x0"] - last["x1"] if last else 0
        text += (" " if last and gap > 0.1 * word["size"] else "") + piece
        last = word
    return unicodedata.normalize("NFC", text)


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _running_lines(pages: list[list[tuple]], page_height: float) -> set[str]:
    """Running headers and footers: lines in a page's top or bottom eighth that recur, numbers
    aside, on at least half of the pages (two pages or more)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        keys = {_furniture_key(line[3]) for line in page if line[3]
                and (line[0] < page_height / 8 or line[0] > page_height * 7 / 8)}
        counts.update(keys)
    return {key for key, n in counts.items() if n >= max(2, len(pages) // 2)}


# ---- .html ------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "table", "blockquote", "pre",
               "section", "article", "center", "ul", "ol", "td", "th", "tr", "dd", "dt"}
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
              "iframe", "select", "template")
# Where legal databases and portals keep the text (thuvienphapluat, vbpl.vn, congbao, …).
_CONTENT = ("//*[contains(concat(' ', normalize-space(@class), ' '), ' content1 ')]",
            "//*[@id='divContentDoc']", "//*[@id='toanvancontent']", "//*[contains(@class, 'fulltext')]",
            "//*[@id='content']", "//article", "//main", "//body")


def read_html(path: Path) -> Source:
    import lxml.html

    data = path.read_bytes()
    declared = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", data[:4096], re.I)
    try:  # the page's own charset; without one, UTF-8 or an 8-bit encoding as for a text file
        text = data.decode(declared.group(1).decode("ascii"), errors="replace") if declared else None
    except LookupError:
        text = None
    text = text if text is not None else decode_bytes(data, path)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:
        raise ImportProblem(f"{path}: cannot be read as HTML ({exc})")
    for bad in root.xpath("|".join(f"//{tag}" for tag in _DROP_TAGS)):
        bad.drop_tree()
    content = next((found[0] for xpath in _CONTENT if (found := root.xpath(xpath))), root)
    blocks: list[Block] = []
    _html_blocks(content, blocks)
    return Source([b for b in blocks if b.text or b.rows])


def _font_of(element) -> str | None:
    for node in [element, *element.iterancestors()]:
        face = node.get("face")
        if face:
            return face.split(",")[0].strip("'\" ")
        style = node.get("style") or ""
        found = re.search(r"font-family\s*:\s*([^;,]+)", style, re.I)
        if found:
            return found.group(1).strip("'\" ")
    return None


def _decoded(text: str, node) -> str:
    """Text set in a legacy font, converted as the font says (capitals guessed unless it is `…H`)."""
    encoding, upper = legacy.font_encoding(_font_of(node))
    return legacy.decode(text, encoding, upper or None) if encoding != legacy.UNICODE else text


def _inline_text(element) -> list[str]:
    """The element's text with <br> as line breaks, each piece converted as its font says."""
    lines, current = [], []

    def walk(node) -> None:
        if node.text:
            current.append(_decoded(node.text, node))
        for child in node:
            if child.tag == "br":
                lines.append("".join(current))
                current.clear()
            elif isinstance(child.tag, str):
                walk(child)
            if child.tail:
                current.append(_decoded(child.tail, node))
    walk(element)
    lines.append("".join(current))
    return [re.sub(r"[ \t\r\n]+", " ", line).strip() for line in lines]


def _html_blocks(element, blocks: list[Block]) -> None:
    """The paragraphs, headings, list items and tables inside `element`, in order; text that sits
    between block elements (a page that separates paragraphs with <br><br>) is split into paragraphs."""
    pending: list[str] = []  # inline text since the last block; "\n" for a <br>

    def flush() -> None:
        text = "\n".join(line.strip() for line in "".join(pending).split("\n"))
        if text.strip():
            blocks.extend(split_paragraphs(text.strip("\n")))
        pending.clear()

    def add(text: str | None, node) -> None:
        if text:
            pending.append(_decoded(re.sub(r"[ \t\r\n]+", " ", text), node))

    add(element.text, element)
    for child in element:
        if not isinstance(child.tag, str):
            pass  # a comment: only its tail is text
        elif child.tag == "br":
            pending.append("\n")
        elif child.tag == "table":
            flush()
            _html_table(child, blocks)
        elif re.fullmatch(r"h[1-6]|li", child.tag) and not any(
                isinstance(g.tag, str) and g.tag in _BLOCK_TAGS for g in child):
            flush()
            lines = [line for line in _inline_text(child) if line]
            prefix = "- " if child.tag == "li" and lines and not re.match(r"[-+•]\s", lines[0]) else ""
            if lines:
                blocks.append(Block([prefix + lines[0], *lines[1:]],
                                    heading=int(child.tag[1]) if child.tag != "li" else 0))
        elif child.tag in _BLOCK_TAGS:
            flush()
            _html_blocks(child, blocks)
        else:
            pending.append("\n".join(_inline_text(child)))
        add(child.tail, element)
    flush()


def _html_table(table, blocks: list[Block]) -> None:
    rows = [[[line for line in _inline_text(cell) if line] for cell in row.xpath("./td|./th")]
            for row in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")]
    blocks.extend(table_blocks(rows))
