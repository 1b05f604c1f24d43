"""The header-block parser: number, date and place, issuer, kind, title, signer, period; a press
report's byline and lead; citations matched against legal_documents.csv."""

from __future__ import annotations

import pytest

from generator.curation.header import issuer_name, load_places, parse_header
from generator.curation.header_references import LegalIndex, find_citations

from tests.conftest import ROOT

PLACES = load_places(ROOT)


def test_official_header_block():
    header = parse_header([
        "ỦY BAN NHÂN DÂN\nHUYỆN LONG PHÚ\n-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        "Số: 12/QĐ-UBND", "Long Phú, ngày 29 tháng 2 năm 2024", "QUYẾT ĐỊNH",
        "VỀ VIỆC BAN HÀNH KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH GIAI ĐOẠN 2024 - 2025 CỦA HUYỆN LONG PHÚ",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN LONG PHÚ", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Nguyễn Văn An",
    ], PLACES)
    assert (header.number, header.type, header.date, header.issuer, header.place, header.signer) == (
        "12/QĐ-UBND", "decision", "2024-02-29", "Ủy ban nhân dân huyện Long Phú", "long-phu", "Nguyễn Văn An")
    assert header.title == "Về việc ban hành kế hoạch cải cách hành chính giai đoạn 2024 - 2025 của huyện Long Phú"
    assert (header.period_start, header.period_end) == (2024, 2025)


def test_a_date_that_does_not_exist_is_left_empty():
    header = parse_header(["Số: 5/KH-UBND", "Sóc Trăng, ngày 31 tháng 4 năm 2023", "KẾ HOẠCH"], PLACES)
    assert (header.date, header.type, header.place) == (None, "plan", "soc-trang")


def test_kind_from_the_number_when_no_title_word():
    header = parse_header(["Số: 77/KH-UBND", "Cà Mau, ngày 2 tháng 3 năm 2023", "Về cải cách hành chính"], PLACES)
    assert (header.type, header.place, header.issuer) == ("plan", "ca-mau", None)


def test_press_report_lead_and_byline():
    header = parse_header([
        "Lan Anh", "Ngày 5/1/2024, UBND tỉnh Cà Mau ban hành Kế hoạch số 08/KH-UBND về cải cách hành chính năm 2024.",
        "Theo đó, tỉnh Cà Mau phấn đấu …"], PLACES)
    assert (header.type, header.author, header.number, header.date, header.issuer, header.place) == (
        "press-report", "Lan Anh", "08/KH-UBND", "2024-01-05", "Ủy ban nhân dân tỉnh Cà Mau", "ca-mau")
    assert header.title == "Kế hoạch số 08/KH-UBND về cải cách hành chính năm 2024"
    assert (header.period_start, header.period_end) == (2024, 2024)


def test_press_report_that_names_no_document():
    header = parse_header(["Tỉnh Hậu Giang đã đạt nhiều kết quả trong cải cách hành chính năm 2023.",
                           "Hậu Giang tiếp tục …", "Minh Châu"], PLACES)
    assert (header.type, header.number, header.date, header.issuer, header.author, header.place) == (
        "press-report", None, None, None, "Minh Châu", "hau-giang")
    assert header.notes == ["place: hau-giang is the place the text names most; check it"]


@pytest.mark.parametrize("written, expected", [
    ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Ủy ban nhân dân tỉnh Lâm Đồng"),
    ("UỶ BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", "Ủy ban nhân dân thành phố Cần Thơ"),
    ("UBND huyện Long Phú", "Ủy ban nhân dân huyện Long Phú"),
    ("HỘI ĐỒNG NHÂN DÂN XÃ TÂN HƯNG", "Hội đồng nhân dân xã Tân Hưng"),
    ("SỞ NỘI VỤ", None),
])
def test_issuer_as_the_project_writes_it(written, expected):
    assert issuer_name(written) == expected


def test_citations_matched_by_number_by_year_less_number_and_by_name():
    known, unknown = find_citations([
        "Căn cứ Nghị định số 61 /2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa;",
        "theo Nghị định số 107/NĐ-CP ngày 06/12/2021 của Chính phủ và Kế hoạch số 3/KH-UBND ngày 2/1/2024 "
        "của UBND tỉnh Cà Mau đúng quy định.",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    ], LegalIndex(ROOT))
    assert [(c.legal, c.date, c.wording) for c in known] == [
        ("nd-61-2018", "2018-04-23", "Nghị định số 61 /2018/NĐ-CP ngày 23/4/2018 của Chính phủ"),
        ("luat-77-2015-qh13", "2015-06-19", "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"),
        ("nd-107-2021", "2021-12-06", "Nghị định số 107/NĐ-CP ngày 06/12/2021 của Chính phủ"),
    ]
    assert [(c.proposed_id, c.number, c.date, c.wording) for c in unknown] == [
        ("kh-3-2024-ubnd", "3/KH-UBND", "2024-01-02", "Kế hoạch số 3/KH-UBND ngày 2/1/2024 của UBND tỉnh Cà Mau")]


def test_a_citation_quoted_once_at_its_first_passage():
    known, _ = find_citations(["Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ.",
                               "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021;"], LegalIndex(ROOT))
    assert [(c.legal, c.quote) for c in known] == [
        ("nq-76-2021-cp", "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021;")]


def test_a_header_table_cell_holding_issuer_and_number():
    """Word files often set the header in a table: one cell holds the issuer and the number."""
    header = parse_header([
        "ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG\n-------\nSố: 61/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
        "Sóc Trăng, ngày 25 tháng 4 năm 2022",
        "KẾ HOẠCH", "Triển khai Nghị quyết của Ban chấp hành Đảng bộ tỉnh",
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn Hiểu"], PLACES)
    assert (header.number, header.date, header.issuer, header.place, header.type, header.signer) == (
        "61/KH-UBND", "2022-04-25", "Ủy ban nhân dân tỉnh Sóc Trăng", "soc-trang", "plan", "Lê Văn Hiểu")


def test_a_place_name_is_not_a_byline():
    header = parse_header(["Cà Mau", "Tỉnh Cà Mau đẩy mạnh cải cách hành chính năm 2023."], PLACES)
    assert (header.author, header.place) == (None, "ca-mau")
