"""XLSX workbooks: a data sheet (frozen header, fitted widths, numbers as numbers, dates as
dates, text as text) and a `fields` sheet (description, type and unit of each column).

Written directly as SpreadsheetML (a zip of XML parts), because openpyxl costs ~20 ms a
workbook and the site writes one per document, indicator and place; the tests read every
workbook back with openpyxl. Bytes depend only on the rows: fixed zip times, fixed
document properties, no clock.

Formula safety: a cell is only ever a formula when the file says so (`<f>`), and these
files never do: every text is an inline string. Text that Excel or LibreOffice would turn
into a formula when a user edits the cell (starting with =, +, -, @, tab or CR) also gets
the `quotePrefix` style, Excel's own "leading apostrophe" flag, so it stays text; the text
itself is unchanged. Numbers (-5) are numeric cells.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import BinaryIO, Iterable, Iterator
from xml.sax.saxutils import escape

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EPOCH = date(1899, 12, 30)  # Excel's day 0 (1900 date system, after the 1900 leap-year bug)
STAMP = (1980, 1, 1, 0, 0, 0)
# styles: 0 default, 1 bold header, 2 date, 3 quotePrefix text, 4 wrapped text
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>"""
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def workbook(sheets: list[tuple[str, list[str], Iterable[str], list[int]]], title: str, created: str,
             out: BinaryIO) -> None:
    """Write an .xlsx of `sheets` [(name, header, rows as row_xml cells, column widths)] into
    `out`; `created` (YYYY-MM-DD) dates it. Rows are written as they come, so a sheet of
    200,000 rows is never one text in memory."""
    parts = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": _rels([(REL + "officeDocument", "xl/workbook.xml"), (CORE, "docProps/core.xml"),
                              (REL + "extended-properties", "docProps/app.xml")]),
        "docProps/app.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                            '<Application>cchc</Application></Properties>',
        "docProps/core.xml": _core(title, created),
        "xl/workbook.xml": _workbook(sheets),
        "xl/_rels/workbook.xml.rels": _rels([(REL + "worksheet", f"worksheets/sheet{i}.xml")
                                             for i in range(1, len(sheets) + 1)] + [(REL + "styles", "styles.xml")]),
        "xl/styles.xml": STYLES,
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in parts.items():
            archive.writestr(_entry(name), text.encode("utf-8"))
        for i, (_name, header, rows, widths) in enumerate(sheets, start=1):
            with archive.open(_entry(f"xl/worksheets/sheet{i}.xml"), "w") as part:
                batch: list[str] = []
                for piece in _sheet(header, rows, widths):
                    batch.append(piece)
                    if len(batch) == 512:
                        part.write("".join(batch).encode("utf-8"))
                        batch.clear()
                part.write("".join(batch).encode("utf-8"))


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=STAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _content_types(count: int) -> str:
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                     f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, count + 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            f'{sheets}</Types>')


def _rels(targets: list[tuple[str, str]]) -> str:
    items = "".join(f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
                    for i, (kind, target) in enumerate(targets, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>')


def _core(title: str, created: str) -> str:
    stamp = f"{created}T00:00:00Z"
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{escape(title)}</dc:title><dc:creator>cchc</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>')


def _workbook(sheets) -> str:
    items = "".join(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                    for i, (name, *_rest) in enumerate(sheets, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook {NS}><bookViews><workbookView/></bookViews><sheets>{items}</sheets></workbook>')


@lru_cache(maxsize=None)
def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


COLUMNS = [_column(i) for i in range(200)]
ROW = "\x00"  # stands for the row number in a row's cached XML (see row_xml)


def _width(value) -> int:
    """The width a cell of `value` needs (as _cell gives it)."""
    if type(value) is str:
        return len(value)
    return 0 if value is None else _cell("A", value)[1]


def _cell(column: str, value, style: str = "") -> tuple[str, int]:
    """The XML of one cell (its row number left as ROW) and the width it needs."""
    if type(value) is str:  # the common case first: most cells are text
        if not value:
            return "", 0
        style = style or (' s="3"' if value.startswith(FORMULA_START) else "")
        space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
        return (f'<c r="{column}{ROW}"{style} t="inlineStr"><is><t{space}>{_xml_text(value)}</t></is></c>',
                len(value))
    if value is None:
        return "", 0
    if isinstance(value, bool):
        return f'<c r="{column}{ROW}" t="b"><v>{int(value)}</v></c>', 5
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral() else float(value)
    if isinstance(value, (int, float)):
        text = repr(value)
        return f'<c r="{column}{ROW}"><v>{text}</v></c>', len(text)
    if isinstance(value, date):
        return f'<c r="{column}{ROW}" s="2"><v>{(value - EPOCH).days}</v></c>', 10
    return _cell(column, str(value), style)


def row_xml(values: list, header: bool = False) -> tuple[str, list[int]]:
    """One row's cells as XML (row number left as ROW, so a row is encoded once and placed
    in any sheet) and the width each column needs."""
    style = ' s="1"' if header else ""
    cells = [_cell(COLUMNS[c] if c < len(COLUMNS) else _column(c), value, style) for c, value in enumerate(values)]
    return "".join(xml for xml, _ in cells), [width for _, width in cells]


def _xml_text(text: str) -> str:
    # characters XML 1.0 cannot carry are dropped (CSV and JSON keep the exact text)
    text = escape(NOT_XML.sub("", text))
    return text.replace("\r", "&#13;") if "\r" in text else text


def _sheet(header: list[str], rows: Iterable[str], widths: list[int]) -> Iterator[str]:
    """A worksheet's XML, piece by piece: the header row, then `rows` (row_xml cells)."""
    cols = "".join(f'<col min="{i}" max="{i}" width="{min(w + 2, 60)}" customWidth="1"/>'
                   for i, w in enumerate(widths, start=1))
    yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<worksheet {NS}><sheetViews><sheetView workbookViewId="0">'
           '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
           '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
           f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>')
    for r, cells in enumerate(itertools.chain([row_xml(header, header=True)[0]], rows), start=1):
        yield f'<row r="{r}">{cells.replace(ROW, str(r))}</row>'
    yield "</sheetData></worksheet>"


def table_workbook(names: list[str], rows: list, fields: list[dict], title: str, created: str,
                   out: BinaryIO) -> None:
    """Write into `out` a workbook of a data sheet of `rows` (read by column name, or already
    encoded by row_xml) and a `fields` sheet describing each column: its description, type
    and unit.

    Rows not yet encoded are measured in one pass (for the column widths) and encoded as
    they are written in a second, so only one row's XML is held at a time."""
    if rows and not isinstance(rows[0], tuple):
        widths = [len(name) for name in names]
        for row in rows:
            widths = [max(w, _width(row.get(name))) for w, name in zip(widths, names)]
        data = (row_xml([row.get(name) for name in names])[0] for row in rows)
    else:
        widths = _widths(names, rows)
        data = (cells for cells, _ in rows)
    described = fields_sheet(fields)
    header = ["field", "type", "description", "unit"]
    workbook([("data", names, data, widths), ("fields", header, (cells for cells, _ in described),
                                                _widths(header, described))], title, created, out)


def _widths(header: list[str], rows: list[tuple[str, list[int]]]) -> list[int]:
    """The width each column needs: its header's and its widest encoded cell's."""
    return [max(column) for column in zip([len(name) for name in header], *(needed for _, needed in rows))]


def fields_sheet(fields: list[dict]) -> list:
    """The rows of a workbook's `fields` sheet, encoded."""
    return [row_xml([f["name"], f.get("type", "string"), f.get("description", ""), unit_of(f)]) for f in fields]


def unit_of(field: dict) -> str:
    """The unit a column's values are in, as the fields sheet states it."""
    if field.get("x-unit"):
        return field["x-unit"]
    return {"value": "the row's unit column", "numerator": "the row's unit column",
            "denominator": "the row's unit column", "ratio_computed": "percent"}.get(field["name"], "")
