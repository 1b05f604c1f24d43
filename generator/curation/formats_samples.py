"""Write a plain text (a seed text) as the files maintainers receive: a Word `.docx`, a PDF with a
text layer (running header, page numbers, paragraphs wrapped over lines and pages), a page saved
from a legal database (`.html`), optionally in a legacy encoding. Tests and the curation benchmark
make their fixtures with it, from the seed texts, with the same libraries the importer reads with;
nothing is downloaded. Needs python-docx, fpdf2 (requirements-dev.txt) and lxml.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from . import legacy

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # has every Vietnamese letter
RUNNING_HEADER = "Bản sao điện tử - không có giá trị pháp lý thay bản gốc"
LEGACY_FONTS = {legacy.TCVN3: ".VnTime", legacy.VNI: "VNI-Times"}


def paragraphs(text: str) -> list[list[str]]:
    """The text's paragraphs, each a list of lines: blank lines separate paragraphs, and a long
    line (over 200 characters) is a paragraph of its own (exports that put one on each line)."""
    out = []
    for chunk in re.split(r"\n[ \t\u00a0]*\n", text):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        current: list[str] = []
        for line in lines:
            if len(line) > 200:
                if current:
                    out.append(current)
                out.append([line])
                current = []
            else:
                current.append(line)
        if current:
            out.append(current)
    return out


_MARKED = re.compile(r"(\*\*?)(?=\S)(.+?)(?<=\S)\1")


def styled(line: str) -> list[tuple[str, str]]:
    """A seed line's pieces with their style ("", "b", "i"): the seeds mark bold and italics with
    asterisks, which an office file or a web page shows as formatting, not as text."""
    pieces, position = [], 0
    for found in _MARKED.finditer(line):
        pieces.append((line[position:found.start()], ""))
        pieces.append((found.group(2), "b" if found.group(1) == "**" else "i"))
        position = found.end()
    pieces.append((line[position:], ""))
    return [(text, style) for text, style in pieces if text]


def _unmarked(lines: list[str]) -> list[str]:
    """Bold and italic marks that open on one line and close on another, dropped (a paragraph's
    lines are styled as one text)."""
    joined = "\n".join(lines)
    return "".join(text for text, _ in styled(joined)).split("\n") if "*" in joined else lines


def write_docx(text: str, path: Path, encoding: str = legacy.UNICODE) -> Path:
    """Each paragraph a Word paragraph (its lines joined by line breaks); in a legacy encoding, set
    in its font, with TCVN3 capitals that have tone marks in the upper-case font (`.VnTimeH`)."""
    import docx

    document = docx.Document()
    for lines in paragraphs(text):
        paragraph = document.add_paragraph()
        for i, line in enumerate(_unmarked(lines)):
            if i:
                paragraph.add_run().add_break()
            for part, style in styled(line):
                for piece, font in _runs(part, encoding):
                    run = paragraph.add_run(piece)
                    run.bold, run.italic = style == "b" or None, style == "i" or None
                    if font:
                        run.font.name = font
    document.save(str(path))
    return path


def _runs(line: str, encoding: str) -> list[tuple[str, str | None]]:
    if encoding == legacy.UNICODE:
        return [(line, None)]
    font = LEGACY_FONTS[encoding]
    if encoding == legacy.VNI:
        return [(legacy.encode(line, encoding), font)]
    runs: list[tuple[str, str | None]] = []
    for char in line:  # a capital TCVN3 cannot code is the lower-case code in the upper-case font
        upper = char.isupper() and char not in legacy.UNICODE_TO_TCVN3 and not char.isascii()
        run_font = font + "H" if upper else font
        code = legacy.encode(char, encoding)
        if runs and runs[-1][1] == run_font:
            runs[-1] = (runs[-1][0] + code, run_font)
        else:
            runs.append((code, run_font))
    return runs


def write_pdf(text: str, path: Path) -> Path:
    """A PDF with a text layer: A4, each paragraph wrapped to the page width, a blank line between
    paragraphs, a running header and "Trang n/m" on every page."""
    from fpdf import FPDF

    class Pdf(FPDF):
        def header(self):
            self.set_font("body", size=8)
            self.cell(0, 5, RUNNING_HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)
            self.set_font("body", size=11)

        def footer(self):
            self.set_y(-12)
            self.set_font("body", size=8)
            self.cell(0, 5, f"Trang {self.page_no()}/{{nb}}", align="C")
            self.set_font("body", size=11)

    pdf = Pdf(format="A4")
    pdf.add_font("body", fname=str(FONT))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("body", size=11)
    for lines in paragraphs(text):
        for line in _unmarked(lines):
            pdf.multi_cell(0, 5.5, "".join(part for part, _ in styled(line)), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5.5)
    pdf.output(str(path))
    return path


def write_html(text: str, path: Path, encoding: str = legacy.UNICODE) -> Path:
    """A page as a legal database serves it: site menu and footer around the text, the header block
    in a two-column table, each paragraph a <p> (lines split by <br>); in a legacy encoding the
    page is Windows-1252 and the text is set in the legacy font."""
    chunks = paragraphs(text)
    head = [i for i, lines in enumerate(chunks[:12]) if re.match(r"CỘNG HÒA|Số:|\S[^,]{1,40}, ngày", lines[0])]
    face = f' face="{LEGACY_FONTS[encoding]}"' if encoding != legacy.UNICODE else ""

    def cell(lines: list[str]) -> str:
        def part(text: str, style: str) -> str:
            text = html.escape(legacy.encode(text, encoding) if encoding != legacy.UNICODE else text)
            return f"<{style}>{text}</{style}>" if style else text
        body = "<br>".join("".join(part(*piece) for piece in styled(line)) for line in _unmarked(lines))
        return f"<font{face}>{body}</font>" if face else body

    parts = [f"<p>{cell(lines)}</p>" for lines in chunks]
    if len(head) >= 3:  # the issuer and the motto, the number and the place and date: two columns
        first, last = max(head[0] - 1, 0), head[-1] + 1
        rows = [chunks[i:min(i + 2, last)] for i in range(first, last, 2)]
        table = "<table>" + "".join("<tr>" + "".join(f"<td>{cell(c)}</td>" for c in row) + "</tr>"
                                    for row in rows) + "</table>"
        parts[first:last] = [table]
    charset = "windows-1252" if encoding != legacy.UNICODE else "utf-8"
    page = (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Van ban</title>'
            '<script>var tracking = 1;</script></head><body>'
            '<nav><a href="/">Trang chu</a> | <a href="/van-ban">Van ban moi</a></nav>'
            f'<div class="content1">{"".join(parts)}</div>'
            '<footer>Ban quyen thuoc ve trang web</footer></body></html>')
    path.write_bytes(page.encode(charset))
    return path


def write_txt(text: str, path: Path, encoding: str = legacy.UNICODE) -> Path:
    """The text as a file: UTF-8, or the legacy encoding's bytes."""
    if encoding == legacy.UNICODE:
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(legacy.encode(text, encoding).encode("cp1252"))
    return path
