"""`python build.py import FILE`: each seed text, written as .txt, .docx, .pdf and .html with the
same libraries the importer reads with, comes back with every sentence intact and the header facts
the curators wrote by hand; bad files get one-line errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.curation import formats_samples as samples
from generator.curation.importer import import_file
from generator.markup import render_markdown, squash

from tests.conftest import ROOT, run

SEEDS = Path(__file__).resolve().parent / "seeds"
CURATED = {  # seed → the document the curators made of it by hand
    "000_6770d77497d80e44": "ca-mau-cchc-2023", "001_884e22039b5ae0fe": "hau-giang-217-2022",
    "002_e72c679ada054508": "soc-trang-ket-qua-2022-2023", "003_dad5fdeea82cee8c": "long-phu-53-2022",
    "004_9a38d09136b2a054": "lam-dong-2260-2021",
}
WRITERS = {"txt": samples.write_txt, "docx": samples.write_docx, "pdf": samples.write_pdf, "html": samples.write_html}
SITE_LABEL = "Hệ thống pháp luật"  # the legal database's label above seed 004: dropped, kept as source_publisher


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """(seed, format) → (front matter, body, notes), each file written and imported once."""
    folder, cache = tmp_path_factory.mktemp("imports"), {}

    def get(seed: str, kind: str):
        if (seed, kind) not in cache:
            path = WRITERS[kind]((SEEDS / f"{seed}.txt").read_text("utf-8"), folder / f"{seed}.{kind}")
            cache[seed, kind] = import_file(path, ROOT)
        return cache[seed, kind]
    return get


def curated(document: str) -> dict:
    text = (ROOT / "content/documents" / f"{document}.md").read_text("utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def sentences(text: str) -> list[str]:
    """The seed's sentences, white space and asterisks (a text file's bold marks) aside."""
    out = []
    text = text.split("\nHIỆU LỰC VĂN BẢN\n")[0]  # seed 004: the legal database's status box, not the text
    for line in text.splitlines():  # a list's marker and a rule ("-------") are layout, not text
        line = re.sub(r"^\s*(?:[-•+]|\d+\.)\s+", "", line.replace("*", "")).strip()
        if line and line != SITE_LABEL and not re.fullmatch(r"[-_=]+", line):
            out.extend(squash(s) for s in re.split(r"(?<=[.;:!?])\s+", line) if s.strip())
    return out


def shown(body: str) -> str:
    return squash(render_markdown(body).text.replace("*", ""))


@pytest.mark.parametrize("kind", list(WRITERS))
@pytest.mark.parametrize("seed", list(CURATED))
def test_every_sentence_comes_back(imported, seed, kind):
    front, body, _ = imported(seed, kind)
    text = shown(body)
    missing = [s for s in sentences((SEEDS / f"{seed}.txt").read_text("utf-8")) if s not in text]
    assert missing == []
    assert body == re.sub(r"[ \t]+\n", "\n", body)  # no trailing spaces: no accidental <br>
    if kind == "pdf":
        assert samples.RUNNING_HEADER not in text and not re.search(r"Trang \d+/\d+", text)


@pytest.mark.parametrize("kind", list(WRITERS))
@pytest.mark.parametrize("seed", list(CURATED))
def test_header_facts_match_the_curated_front_matter(imported, seed, kind):
    front, _, _ = imported(seed, kind)
    expected = curated(CURATED[seed])
    for key in ("number", "type", "issuer", "place"):
        assert front[key] == expected[key], key
    assert front["date"] == (str(expected["date"]) if expected["date"] else None)
    assert front["signer"] == expected["signer"]


def test_title_period_and_author_drafted(imported):
    lam_dong, _, _ = imported("004_9a38d09136b2a054", "txt")
    assert lam_dong["title"] == ("Ban hành kế hoạch thực hiện công tác cải cách hành chính giai đoạn 2021 - 2025 "
                                 "trên địa bàn tỉnh Lâm Đồng")
    assert (lam_dong["period_start"], lam_dong["period_end"]) == (2021, 2025)
    assert lam_dong["source_publisher"] == SITE_LABEL and "source_publisher" in lam_dong["draft"]
    body = imported("004_9a38d09136b2a054", "txt")[1]
    assert body.endswith("trên địa bàn tỉnh Lâm Đồng./.\n") and "Tải văn bản" not in body
    assert ('dropped the legal database\'s "HIỆU LỰC VĂN BẢN" box after the text; it says: Số hiệu: 2260/QĐ-UBND; '
            "Loại văn bản: Quyết định; Ngày ban hành: 08/09/2021; Nơi ban hành: Tỉnh Lâm Đồng; Người ký: Trần Văn "
            "Hiệp; Ngày công báo: Đang cập nhật; Số công báo: Đang cập nhật; Ngày hiệu lực: 08/09/2021; Tình trạng "
            "hiệu lực: Còn hiệu lực") in imported("004_9a38d09136b2a054", "txt")[2]
    long_phu, _, _ = imported("003_dad5fdeea82cee8c", "docx")
    assert long_phu["title"] == curated("long-phu-53-2022")["title"]
    assert (long_phu["period_start"], long_phu["period_end"]) == (None, None)  # "đến năm 2030" is no period
    assert [imported(s, "txt")[0]["author"] for s in list(CURATED)[:3]] == ["Thanh Tòng", "Mỹ Ngọc", "Hồng Nhi"]


@pytest.mark.parametrize("seed", list(CURATED))
def test_every_numbered_citation_is_found_with_its_number_and_date(imported, seed):
    """Each curated reference the text cites by number or by name and date is drafted, with the
    same instrument and the date as the text writes it; its quote is on the page."""
    front, body, _ = imported(seed, "txt")
    found = {ref["legal"]: ref for ref in front["references"]}
    text = shown(body)
    for ref in curated(CURATED[seed])["references"]:
        if not re.search(r"\d+[/-]|ngày", ref["wording"]):
            continue  # cited by name only ("Chương trình tổng thể …"): nothing to match it by
        assert ref["legal"] in found, ref["wording"]
        assert found[ref["legal"]]["date"] == (str(ref["date"]) if ref["date"] else None), ref["legal"]
    for ref in front["references"]:
        assert squash(ref["quote"]) in text and ref["wording"] in ref["quote"]


def test_grounds_lines_are_drafted_first_and_exactly(imported):
    front, _, _ = imported("004_9a38d09136b2a054", "docx")
    assert front["references"][:3] == [
        {"legal": "luat-77-2015-qh13", "date": "2015-06-19",
         "wording": "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
         "quote": "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"},
        {"legal": "luat-47-2019-qh14", "date": "2019-11-22",
         "wording": "Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
                    "địa phương ngày 22 tháng 11 năm 2019",
         "quote": "Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính "
                  "quyền địa phương ngày 22 tháng 11 năm 2019;"},
        {"legal": "nq-76-2021-cp", "date": "2021-07-15",
         "wording": "Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ",
         "quote": "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình "
                  "tổng thể Cải cách hành chính Nhà nước giai đoạn 2021 - 2030;"},
    ]
    assert "draft_unknown" not in front  # its own number (2260/QĐ-UBND) is not a citation


def test_unknown_instruments_are_listed_for_the_maintainer(tmp_path):
    text = ("Số: 12/KH-UBND\n\nLong Phú, ngày 3 tháng 1 năm 2023\n\nKẾ HOẠCH\n\nVề cải cách hành chính năm 2023\n\n"
            "Căn cứ Quyết định số 999/QĐ-UBND ngày 1/2/2020 của UBND tỉnh Sóc Trăng về việc thử;\n\n"
            "Căn cứ Kế hoạch số 61/KH-UBND ngày 25/4/2022 của UBND tỉnh Sóc Trăng;\n")
    front, _, notes = import_file(samples.write_txt(text, tmp_path / "plan.txt"), ROOT)
    assert [ref["legal"] for ref in front["references"]] == ["kh-61-2022-soc-trang"]
    assert front["draft_unknown"] == [{
        "proposed_id": "qd-999-2020-ubnd", "number": "999/QĐ-UBND", "date": "2020-02-01",
        "wording": "Quyết định số 999/QĐ-UBND ngày 1/2/2020 của UBND tỉnh Sóc Trăng",
        "quote": "Căn cứ Quyết định số 999/QĐ-UBND ngày 1/2/2020 của UBND tỉnh Sóc Trăng về việc thử;"}]
    assert "  - Quyết định số 999/QĐ-UBND ngày 1/2/2020 của UBND tỉnh Sóc Trăng (proposed id qd-999-2020-ubnd)" \
        in notes
    assert (front["id"], front["period_start"], front["period_end"]) == ("long-phu-12-2023", 2023, 2023)


def test_house_markdown_headings_lists_and_tables(tmp_path):
    import docx

    document = docx.Document()
    for text in ("II. MỤC TIÊU", "1. Mục tiêu chung", "2.1. Cải cách thể chế", "Điều 2. Hiệu lực thi hành",
                 "1. Đến năm 2025, tối thiểu 80% hồ sơ được số hóa. Đến năm 2030, 100%.", "- Sở Nội vụ;",
                 "Dấu * và _ và [x] và <b> giữ nguyên, **không đậm**, [không phải liên kết](x)"):
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "Chỉ tiêu", (0, 1): "Năm 2025", (1, 0): "Thanh toán trực tuyến",
                          (1, 1): "80%"}.items():
        table.cell(r, c).text = value
    layout = document.add_table(rows=1, cols=2)  # a signature block laid out in two columns
    layout.cell(0, 0).text, layout.cell(0, 1).text = "Nơi nhận:\n- Như trên;", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    document.save(str(tmp_path / "x.docx"))
    _, body, _ = import_file(tmp_path / "x.docx", ROOT)
    assert body == (
        "## II. MỤC TIÊU\n\n### 1. Mục tiêu chung\n\n#### 2.1. Cải cách thể chế\n\n### Điều 2. Hiệu lực thi hành\n\n"
        "1. Đến năm 2025, tối thiểu 80% hồ sơ được số hóa. Đến năm 2030, 100%.\n\n- Sở Nội vụ;\n\n"
        "Dấu \\* và _ và [x] và &lt;b> giữ nguyên, \\*\\*không đậm\\*\\*, \\[không phải liên kết](x)\n\n"
        "| Chỉ tiêu | Năm 2025 |\n|---|---|\n| Thanh toán trực tuyến | 80% |\n\n"
        "Nơi nhận:\n- Như trên;\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n")
    html = render_markdown(body).html
    assert "<table>" in html and "<b>" not in html and "<strong>" not in html and "<a " not in html
    assert "Dấu * và _ và [x] và &lt;b&gt; giữ nguyên, **không đậm**, [không phải liên kết](x)" in html


def test_cli_writes_the_document_and_refuses_to_overwrite(tmp_path):
    project = tmp_path / "project"
    (project / "content/documents").mkdir(parents=True)
    (project / "datasets").symlink_to(ROOT / "datasets")
    seed = samples.write_docx((SEEDS / "003_dad5fdeea82cee8c.txt").read_text("utf-8"), tmp_path / "kh.docx")
    result = run(project, "import", str(seed))
    assert result.exit_code == 0, result.stderr
    written = project / "content/documents/long-phu-53-2022.md"
    lines = written.read_text("utf-8").splitlines()
    assert lines[:3] == ["---", "id: long-phu-53-2022", "draft: [number, type, title, title_en, issuer, place, "
                         "date, period_start, period_end, signer, author, source_note, source_note_en, references, "
                         "implements, reports_on]"]
    assert "next: check each draft key against the text and remove it from draft:, then " \
           "`python build.py draft long-phu-53-2022`" in result.stderr
    again = run(project, "import", str(seed))
    assert (again.exit_code, again.stderr) == (2, "error: content/documents/long-phu-53-2022.md already exists "
                                                  "(hint: --force replaces it, --id NAME writes another file)\n")
    assert run(project, "import", str(seed), "--force").exit_code == 0
    assert run(project, "import", str(seed), "--id", "kh-53").exit_code == 0
    assert (project / "content/documents/kh-53.md").read_text("utf-8").startswith("---\nid: kh-53\n")


@pytest.mark.parametrize("name, content, code, message", [
    ("plan.doc", b"x", 2, "{p}: unsupported file type '.doc' (expected .docx, .pdf, .html or .txt; "
                          "save a .doc as .docx first)"),
    ("missing.docx", None, 2, "{p}: no such file"),
    ("broken.docx", b"not a zip", 1, "{p}: cannot be read as DOCX (PackageNotFoundError: Package not found at '{p}')"),
    ("broken.pdf", b"%PDF-1.4 garbage", 1, None),
    ("empty.txt", b"\n \n", 1, "{p}: no text found"),
    ("binary.txt", b"\x00\x01\x02\xff", 1, "{p}: not a text file (it contains binary data)"),
])
def test_a_bad_file_is_one_line_and_an_exit_code(tmp_path, name, content, code, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run(tmp_path, "import", str(path))
    assert result.exit_code == code
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    if message:
        assert result.stderr == f"error: {message.format(p=path)}\n"
    else:
        assert result.stderr.startswith(f"error: {path}: cannot be read as PDF (")


def test_a_pdf_without_text_layer_says_so(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50)  # a scan is an image: no text to extract
    pdf.output(str(tmp_path / "scan.pdf"))
    result = run(tmp_path, "import", str(tmp_path / "scan.pdf"))
    assert (result.exit_code, result.stderr) == (1, f"error: {tmp_path / 'scan.pdf'}: the PDF has no text layer "
                                                    "(a scan?): run OCR on it first, or import the text as .txt\n")


def test_a_pdf_header_in_two_columns(tmp_path):
    """Issuer beside the motto, number beside the place and date, as official PDFs lay them out."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("body", fname=str(samples.FONT))
    pdf.set_font("body", size=11)
    pdf.add_page()
    rows = [("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("HUYỆN LONG PHÚ", "Độc lập - Tự do - Hạnh phúc"),
            ("", ""), ("Số: 53/KH-UBND", "Long Phú, ngày 31 tháng 5 năm 2022"), ("", ""), ("KẾ HOẠCH", None),
            ("Về cải cách hành chính năm 2022", None), ("", ""),
            ("Căn cứ Kế hoạch số 61/KH-UBND ngày 25/4/2022 của UBND tỉnh Sóc Trăng;", None), ("", ""),
            ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"), ("- Như trên;", "CHỦ TỊCH"), ("", ""), ("", "Huỳnh Đức")]
    for left, right in rows:
        if right is None:
            pdf.cell(0, 6, left, align="C", new_x="LMARGIN", new_y="NEXT")
            continue
        pdf.cell(70, 6, left, align="C")
        pdf.cell(0, 6, right, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "kh.pdf"))
    front, body, _ = import_file(tmp_path / "kh.pdf", ROOT)
    assert (front["number"], front["type"], front["date"], front["issuer"], front["place"], front["signer"]) == (
        "53/KH-UBND", "plan", "2022-05-31", "Ủy ban nhân dân huyện Long Phú", "long-phu", "Huỳnh Đức")
    assert front["title"] == "Về cải cách hành chính năm 2022"
    assert [ref["legal"] for ref in front["references"]] == ["kh-61-2022-soc-trang"]
    assert body.startswith("ỦY BAN NHÂN DÂN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nHUYỆN LONG PHÚ\n\n")


def test_a_portal_page_that_breaks_lines_instead_of_paragraphs(tmp_path):
    page = ("<html><body><div id='content'>QUYẾT ĐỊNH<br><br>Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 "
            "tháng 6 năm 2015;<br><br>II. MỤC TIÊU<br>1. Mục tiêu chung<br><h3>2. Mục tiêu cụ thể</h3>"
            "<ul><li>Tối thiểu 80% hồ sơ được số hóa.</li></ul></div></body></html>")
    (tmp_path / "page.html").write_text(page, "utf-8")
    _, body, _ = import_file(tmp_path / "page.html", ROOT)
    assert body == ("## QUYẾT ĐỊNH\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n"
                    "## II. MỤC TIÊU\n\n### 1. Mục tiêu chung\n\n### 2. Mục tiêu cụ thể\n\n- Tối thiểu 80% hồ sơ được số hóa.\n")


def test_word_automatic_numbering_is_written_out(tmp_path):
    """Word keeps "I.", "1.", "a)" and bullets in its numbering, not in the text: the page shows them."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>'
        '<w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text, level in (("MỤC TIÊU", 0), ("Mục tiêu chung", 1), ("Mục tiêu cụ thể", 1),
                        ("Đến năm 2025, 80% hồ sơ được số hóa.", 2), ("Sở Nội vụ;", 3), ("NHIỆM VỤ", 0),
                        ("Cải cách thể chế", 1)):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    document.save(str(tmp_path / "numbered.docx"))
    _, body, _ = import_file(tmp_path / "numbered.docx", ROOT)
    assert body == ("## I. MỤC TIÊU\n\n### 1. Mục tiêu chung\n\n### 2. Mục tiêu cụ thể\n\n"
                    "a) Đến năm 2025, 80% hồ sơ được số hóa.\n\n- Sở Nội vụ;\n\n## II. NHIỆM VỤ\n\n"
                    "### 1. Cải cách thể chế\n")


def test_a_ruled_table_in_a_pdf_is_a_table(tmp_path):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("body", fname=str(samples.FONT))
    pdf.set_font("body", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Các chỉ tiêu đến năm 2025 như sau:", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    with pdf.table(first_row_as_headings=False) as table:
        for cells in (("Chỉ tiêu", "Cấp tỉnh", "Cấp huyện"), ("Hồ sơ xử lý trên mạng", "90%", "80%")):
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(6)
    pdf.multi_cell(0, 6, "Trên đây là kế hoạch.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "table.pdf"))
    _, body, _ = import_file(tmp_path / "table.pdf", ROOT)
    assert body == ("Các chỉ tiêu đến năm 2025 như sau:\n\n| Chỉ tiêu | Cấp tỉnh | Cấp huyện |\n|---|---|---|\n"
                    "| Hồ sơ xử lý trên mạng | 90% | 80% |\n\nTrên đây là kế hoạch.\n")


PLAIN = ("KẾ HOẠCH\nCải cách hành chính năm 2026 của tỉnh Cà Mau\n"
         "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n"
         "I. MỤC TIÊU\n1. Cải cách thể chế\na) Phấn đấu 100% văn bản được ban hành đúng trình tự.\n"
         "b) Rà soát 100% văn bản.\n2. Yêu cầu\nCác nhiệm vụ phải cụ thể, có kết quả đầu ra rõ ràng.\n")
PLAIN_BODY = ("## KẾ HOẠCH\n\nCải cách hành chính năm 2026 của tỉnh Cà Mau\n\n"
              "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;\n\n## I. MỤC TIÊU\n\n"
              "### 1. Cải cách thể chế\n\na) Phấn đấu 100% văn bản được ban hành đúng trình tự.\n\n"
              "b) Rà soát 100% văn bản.\n\n### 2. Yêu cầu\n\nCác nhiệm vụ phải cụ thể, có kết quả đầu ra rõ ràng.\n")


def test_a_text_with_one_line_a_paragraph_keeps_its_headings_and_list_items(tmp_path):
    """A text export with no blank lines: a line in capitals, a numbered heading, "a)" items and
    "Căn cứ" lines each end where they end; the title's one year is the plan's period."""
    (tmp_path / "plan.txt").write_text(PLAIN, "utf-8")
    front, body, _ = import_file(tmp_path / "plan.txt", ROOT)
    assert body == PLAIN_BODY
    assert (front["title"], front["period_start"], front["period_end"]) == (
        "Cải cách hành chính năm 2026 của tỉnh Cà Mau", 2026, 2026)


def test_word_line_breaks_inside_one_paragraph_part_it_as_the_text_does(tmp_path):
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    for i, line in enumerate(PLAIN.strip().split("\n")):
        if i:
            paragraph.add_run().add_break()
        paragraph.add_run(line)
    document.save(str(tmp_path / "plan.docx"))
    _, body, _ = import_file(tmp_path / "plan.docx", ROOT)
    assert body == PLAIN_BODY
