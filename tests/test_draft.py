"""`python build.py draft`: clauses, sections, the indicator suggester, the proposed rows and
the drafts files, on sentences written for these tests (a plan nobody curated) and on a small
scratch project for the command line."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from generator.curation.clauses import Span, clause_of, clauses, comma_part, sentences
from generator.curation.clauses_duties import duties_in
from generator.curation.clauses_figures import figures_in
from generator.curation.draft import TABLES
from generator.curation.sections import read_document
from generator.markup import render_markdown
from generator.curation.suggest import Suggester

from tests.conftest import ROOT, run

PLAN = """---
id: thu-nghiem-1-2024
number: "1/KH-UBND"
type: plan
title: "Kế hoạch cải cách hành chính thử nghiệm"
title_en: "A test administrative reform plan"
issuer: "Ủy ban nhân dân huyện Thử Nghiệm"
place: long-phu
date: 2024-01-15
period_start: 2023
period_end: 2026
signer: "Nguyễn Văn A"
author: null
source_note: "Văn bản viết cho kiểm thử"
source_note_en: "A text written for the tests"
---

## I. MỤC TIÊU

### 1. Cải cách thủ tục hành chính

Đến năm 2026:

- Tối thiểu 75% thủ tục hành chính có yêu cầu nghĩa vụ tài chính được triển khai thanh toán trực tuyến; trong đó, tỷ lệ giao dịch thanh toán trực tuyến đạt từ 40% trở lên.

- Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính của cấp huyện, cấp xã tương ứng là 65%, 45%.

### 2. Cải cách tài chính công

Ít nhất 25% đơn vị sự nghiệp công lập tự bảo đảm chi thường xuyên.

### 3. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số

Năm 2025, 85% hồ sơ công việc cấp huyện và 65% hồ sơ công việc cấp xã được xử lý trên môi trường mạng; đạt 95% vào năm 2026.

Kết quả năm 2023, huyện đã cấp 1.250 chữ ký số cho công chức.

## II. TỔ CHỨC THỰC HIỆN

### 1. Phòng Nội vụ

Tham mưu UBND huyện theo dõi việc thực hiện Kế hoạch. Báo cáo kết quả cải cách thủ tục hành chính trước ngày 15 hằng quý.
"""


def write_plan(root: Path, text: str = PLAN, name: str = "thu-nghiem-1-2024") -> None:
    (root / "content" / "documents" / f"{name}.md").write_text(text, encoding="utf-8")


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of the project's inputs, with the test plan."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("site.yaml", "content", "datasets", "templates"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    write_plan(root)
    return root


# --- clauses ------------------------------------------------------------------------------------

def test_sentences_end_before_a_capital_never_inside_a_number():
    text = "Năm 2023, huyện tiếp nhận 1.250 hồ sơ. Kết quả đạt 99,5%. còn tiếp"
    assert [s.of(text) for s in sentences(text)] == [
        "Năm 2023, huyện tiếp nhận 1.250 hồ sơ.", "Kết quả đạt 99,5%. còn tiếp"]


def test_clauses_end_at_semicolons_and_colons():
    text = "Chỉ tiêu: 80% hồ sơ được số hóa; trong đó, 30% được ký số."
    assert [c.of(text) for c in clauses(text)] == [
        "Chỉ tiêu", "80% hồ sơ được số hóa", "trong đó, 30% được ký số."]


def test_the_clause_of_a_figure_and_a_count_s_comma_part():
    text = "Huyện đã tiếp nhận 320 hồ sơ, trả 310 kết quả đúng hạn (đạt 96,8%), 10 hồ sơ trễ hạn; năm sau tốt hơn."
    start = text.index("310")
    clause = clause_of(text, start, start + 3)
    assert clause.of(text) == "Huyện đã tiếp nhận 320 hồ sơ, trả 310 kết quả đúng hạn (đạt 96,8%), 10 hồ sơ trễ hạn"
    assert comma_part(text, clause, start, start + 3).of(text) == "trả 310 kết quả đúng hạn (đạt 96,8%)"


# --- sections -----------------------------------------------------------------------------------

def _paragraph(document, words):
    return next(p for p in document.paragraphs if words in p.text)


def test_area_and_year_come_from_the_governing_heading_and_lead():
    document = read_document("x", {"type": "plan"}, PLAN.split("---", 2)[2])
    payment = _paragraph(document, "thanh toán trực tuyến")
    assert (payment.area, payment.area_why) == ("thu-tuc-hanh-chinh", 'section "1. Cải cách thủ tục hành chính"')
    assert (payment.year, payment.year_why) == (2026, 'lead "Đến năm 2026"')
    finance = _paragraph(document, "đơn vị sự nghiệp")
    assert (finance.area, finance.year) == ("tai-chinh-cong", None)   # a new heading ends the lead
    duty = _paragraph(document, "Tham mưu UBND huyện")
    assert duty.implementation and duty.agency == "Phòng Nội vụ"


def test_area_from_a_paragraph_opening_without_headings():
    body = ("Về cải cách tài chính công, 41/103 đơn vị được giao quyền tự chủ.\n\n"
            "Tiếp tục rà soát các đơn vị.\n\nVề xây dựng chính quyền số, 92% hồ sơ được xử lý trên mạng.\n")
    document = read_document("x", {"type": "press-report"}, body)
    assert [p.area for p in document.paragraphs] == ["tai-chinh-cong", "tai-chinh-cong", "chinh-quyen-so"]


# --- indicator suggestions ----------------------------------------------------------------------

INDICATORS = [
    {"id": "thanh-toan", "name_vi": "Tỷ lệ thủ tục hành chính được triển khai thanh toán trực tuyến",
     "definition_vi": "Phần trăm thủ tục hành chính có nghĩa vụ tài chính được thanh toán trực tuyến.",
     "unit": "percent", "area": "thu-tuc-hanh-chinh"},
    {"id": "so-hoa", "name_vi": "Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính",
     "definition_vi": "Phần trăm kết quả giải quyết thủ tục hành chính được số hóa.",
     "unit": "percent", "area": "thu-tuc-hanh-chinh"},
    {"id": "chu-ky-so", "name_vi": "Số chữ ký số được cấp", "definition_vi": "Số thiết bị chữ ký số cấp cho công chức.",
     "unit": "count", "area": "chinh-quyen-so"},
]


def test_the_suggester_ranks_by_the_words_of_the_definitions_and_keeps_units_apart():
    suggester = Suggester(INDICATORS, [], {"tthc": "thu tuc hanh chinh"})
    ranked = suggester.rank("Tối thiểu 80% TTHC được triển khai thanh toán trực tuyến", unit="percent")
    assert [c.id for c in ranked] == ["thanh-toan", "so-hoa"]
    assert ranked[0].score > ranked[1].score > 0
    assert [c.id for c in suggester.rank("cấp 1.250 chữ ký số", unit="count")] == ["chu-ky-so"]
    assert suggester.rank("cấp 1.250 chữ ký số", unit="percent") == []


def test_the_suggester_learns_from_rows_using_an_indicator_except_the_left_out_document():
    rows = [{"document": "a", "indicator": "so-hoa", "statement": "", "source_quote": "hồ sơ điện tử lưu kho"}]
    learned = Suggester(INDICATORS, rows, {})
    assert learned.rank("hồ sơ điện tử lưu kho", unit="percent")[0].id == "so-hoa"
    assert Suggester(INDICATORS, rows, {}, leave_out="a").rank("hồ sơ điện tử lưu kho", unit="percent") == []


# --- the command line ---------------------------------------------------------------------------

def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_an_unknown_document_is_a_one_line_error(scratch):
    result = run(scratch, "draft", "khong-co-2024")
    assert result.exit_code == 1
    assert result.stderr == ("error: content/documents/khong-co-2024.md: no such document "
                             "(run `python build.py import FILE` first)\n")
    assert not (scratch / "drafts").exists()


def test_a_bad_id_and_a_broken_document_are_one_line_errors(scratch):
    result = run(scratch, "draft", "../site")
    assert result.exit_code == 1
    assert result.stderr == ('error: "../site" is not a document id (expected lower-case letters, digits and '
                             "hyphens, as in content/documents/<id>.md)\n")
    write_plan(scratch, "no front matter here\n", name="hong-2024")
    result = run(scratch, "draft", "hong-2024")
    assert result.exit_code == 1
    assert result.stderr == "error: content/documents/hong-2024.md:1: missing front matter (hint: start the file " \
                            "with a line '---', the YAML keys, then '---')\n"


# --- proposed rows (the test plan above, drafted for real) --------------------------------------

@pytest.fixture
def drafted(scratch) -> Path:
    result = run(scratch, "draft", "thu-nghiem-1-2024")
    assert result.exit_code == 0, result.stderr
    return scratch / "drafts" / "thu-nghiem-1-2024"


def _by_value(rows: list[dict], value: str) -> dict:
    (row,) = [r for r in rows if r["value"] == value]
    return row


def test_each_figure_gets_its_shortest_whole_clause_and_its_fields(drafted):
    targets = _read(drafted / "targets.csv")
    payment = _by_value(targets, "75")
    assert payment["source_quote"] == ("Tối thiểu 75% thủ tục hành chính có yêu cầu nghĩa vụ tài chính được triển "
                                       "khai thanh toán trực tuyến")
    assert (payment["comparator"], payment["unit"], payment["year"], payment["year_stated"], payment["level"],
            payment["area"]) == (">=", "percent", "2026", "true", "toan-dia-ban", "thu-tuc-hanh-chinh")
    assert 'year: lead "Đến năm 2026"' in payment["why"] and 'comparator: "Tối thiểu"' in payment["why"]
    share = _by_value(targets, "40")
    assert share["source_quote"] == "trong đó, tỷ lệ giao dịch thanh toán trực tuyến đạt từ 40% trở lên."
    assert share["comparator"] == ">="


def test_several_figures_in_one_clause_give_one_row_each_with_its_level(drafted):
    targets = _read(drafted / "targets.csv")
    quote = "Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính của cấp huyện, cấp xã tương ứng là 65%, 45%."
    listed = [r for r in targets if r["source_quote"] == quote]
    assert [(r["value"], r["level"], r["comparator"]) for r in listed] == [("65", "huyen", ">="), ("45", "xa", ">=")]
    assert listed[0]["note"] == 'Con số không có "tối thiểu", đọc là mức tối thiểu (>=)'
    online = [r for r in targets if r["source_quote"].startswith("Năm 2025, 85%")]
    assert [(r["value"], r["level"], r["year"]) for r in online] == [("85", "huyen", "2025"), ("65", "xa", "2025")]
    later = _by_value(targets, "95")     # "đạt 95% vào năm 2026": the year right after the figure
    assert (later["year"], later["year_stated"], later["source_quote"]) == ("2026", "true", "đạt 95% vào năm 2026.")


def test_a_figure_without_a_year_takes_the_plan_s_last_year_and_says_so(drafted):
    finance = _by_value(_read(drafted / "targets.csv"), "25")
    assert (finance["year"], finance["year_stated"], finance["area"]) == ("2026", "false", "tai-chinh-cong")
    assert finance["note"] == "Không nêu năm; đọc là năm cuối kế hoạch 2026"
    assert finance["note_en"] == "No year stated; read as the plan's last year, 2026"


def test_reported_wording_makes_a_result_even_in_a_plan(drafted):
    (result,) = _read(drafted / "results.csv")
    assert (result["value"], result["unit"], result["comparator"], result["year"], result["year_stated"]) == (
        "1250", "count", "=", "2023", "true")
    assert result["source_quote"] == "Kết quả năm 2023, huyện đã cấp 1.250 chữ ký số cho công chức."
    assert 'kind: "đã"' in result["why"]
    assert all(row["value"] != "1250" for row in _read(drafted / "targets.csv"))


def test_duties_come_from_the_implementation_part_one_a_sentence(drafted):
    duties = _read(drafted / "assignments.csv")
    assert [(d["agency"], d["area"], d["source_quote"]) for d in duties] == [
        ("Phòng Nội vụ", "chi-dao-dieu-hanh", "Tham mưu UBND huyện theo dõi việc thực hiện Kế hoạch."),
        ("Phòng Nội vụ", "thu-tuc-hanh-chinh", "Báo cáo kết quả cải cách thủ tục hành chính trước ngày 15 hằng quý."),
    ]
    assert [d["id"] for d in duties] == ["thu-nghiem-1-2024-a01", "thu-nghiem-1-2024-a02"]


def test_the_drafts_files_keep_the_contract_format(drafted, scratch):
    body = (scratch / "content" / "documents" / "thu-nghiem-1-2024.md").read_text(encoding="utf-8")
    rendered = render_markdown(body.split("---", 2)[2])
    for name in TABLES:
        raw = (drafted / f"{name}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
        header = (scratch / "datasets" / "cchc" / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        extra = "why,existing,status" if name == "assignments" else \
            "indicator_score,indicator_candidates,why,existing,status"
        assert raw.decode("utf-8").splitlines()[0] == f"{header},{extra}"
        for row in _read(drafted / f"{name}.csv"):
            assert rendered.find(row["source_quote"]), row["source_quote"]   # the build's own quote check
            assert row["status"] == "new" and row["existing"] == "" and row["id"].startswith("thu-nghiem-1-2024-")
    payment = _by_value(_read(drafted / "targets.csv"), "75")
    candidates = payment["indicator_candidates"].split("; ")
    assert payment["indicator"] == "tthc-thanh-toan-truc-tuyen" and candidates[0].startswith("tthc-thanh-toan-truc-tuyen:")
    assert payment["indicator_score"] == candidates[0].split(":")[1] and len(candidates) == 3


def _accept(scratch: Path, name: str, row: dict, **changes) -> None:
    """What the review page does on accept: the row's contract columns appended to datasets/."""
    path = scratch / "datasets" / "cchc" / f"{name}.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=header, lineterminator="\n", extrasaction="ignore").writerow(
            {**row, **changes})


def test_a_second_run_marks_accepted_rows_same_and_changed_ones_different(drafted, scratch):
    targets = _read(drafted / "targets.csv")
    _accept(scratch, "targets", _by_value(targets, "75"))
    _accept(scratch, "targets", _by_value(targets, "25"), level="huyen")
    assert run(scratch, "draft", "thu-nghiem-1-2024").exit_code == 0
    again = _read(drafted / "targets.csv")
    same, different = _by_value(again, "75"), _by_value(again, "25")
    assert (same["status"], same["existing"], same["id"]) == ("same", "thu-nghiem-1-2024-t01", "thu-nghiem-1-2024-t01")
    assert (different["status"], different["existing"]) == ("different", different["id"])
    assert different["why"].endswith(f'differs from {different["id"]}: level ("toan-dia-ban" here, "huyen" there)')
    assert [r["status"] for r in again].count("new") == len(again) - 2


def test_rows_the_review_rejected_are_kept_and_not_proposed_again(drafted, scratch):
    path = drafted / "targets.csv"
    rows = _read(path)
    rows[0]["status"] = "rejected"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert run(scratch, "draft", "thu-nghiem-1-2024").exit_code == 0
    again = _read(path)
    assert len(again) == len(rows)
    assert [r for r in again if r["status"] == "rejected"] == [rows[0]]


def test_a_figure_in_a_table_is_read_with_its_row_label_and_column_year():
    body = ("## II. CHỈ TIÊU\n\n### 2. Cải cách tài chính công\n\n"
            "| TT | Nội dung | Năm 2025 | Đến năm 2027 |\n|---|---|---|---|\n"
            "| 1 | Tỷ lệ đơn vị sự nghiệp công lập tự bảo đảm chi thường xuyên cấp huyện | 15% | Tối thiểu 22% |\n")
    document = read_document("bang-2024", {"type": "plan", "period_end": 2027, "place": "long-phu"}, body)
    rows = figures_in(document)
    assert [(p.row["value"], p.row["comparator"], p.row["year"], p.row["year_stated"], p.row["level"], p.row["area"])
            for p in rows] == [("15", ">=", 2025, "true", "huyen", "tai-chinh-cong"),
                               ("22", ">=", 2027, "true", "huyen", "tai-chinh-cong")]
    label = "Tỷ lệ đơn vị sự nghiệp công lập tự bảo đảm chi thường xuyên cấp huyện"
    assert [p.row["source_quote"] for p in rows] == [f"{label} 15%", f"{label} 15% Tối thiểu 22%"]
    assert 'year: column "Đến năm 2027"' in rows[1].why
    rendered = render_markdown(body)
    assert all(rendered.find(p.row["source_quote"]) for p in rows)    # the build finds the quote


def _rows(body: str, kind: str = "plan") -> list[tuple]:
    document = read_document("cau-2024", {"type": kind, "period_end": 2025, "date": "2024-03-01"}, body)
    return [(p.table, p.row["value"], p.row["year"], p.row.get("baseline_year")) for p in figures_in(document)]


def test_a_baseline_belongs_to_the_change_not_to_the_level_before_it():
    assert _rows("Năm 2023, chỉ số SIPAS đạt 86,2%, tăng 1,3% so với năm 2022.\n", "report") == [
        ("results", "86.2", 2023, None), ("results", "1.3", 2023, 2022)]
    assert _rows("Giảm tối thiểu 3% biên chế, 2,5% đơn vị sự nghiệp so với năm 2021.\n") == [
        ("targets", "3", 2025, 2021), ("targets", "2.5", 2025, 2021)]


def test_a_figure_kept_to_a_later_year_is_proposed_for_both_years_and_an_end_point_is_not_a_figure():
    assert _rows("Đến năm 2025, 95% hồ sơ được số hóa và tiếp tục duy trì tỷ lệ này đến năm 2030.\n") == [
        ("targets", "95", 2025, None), ("targets", "95", 2030, None)]
    assert _rows("Đến năm 2025, 95% hồ sơ được số hóa và tiếp tục duy trì, cải thiện tỷ lệ đến năm 2030.\n") == [
        ("targets", "95", 2025, None)]
    assert _rows("Mỗi năm tăng tối thiểu 10% cho đến khi đạt tỷ lệ 100%.\n") == [("targets", "10", 2025, None)]


def test_accepted_proposals_pass_the_build_s_validation_and_figure_check(drafted, scratch):
    """Every proposal, accepted as it is (the reviewer writes only what the draft cannot: the
    English statement of a new indicator), is a valid row: types, keys, quotes, figures."""
    for name in TABLES:
        for row in _read(drafted / f"{name}.csv"):
            if name != "assignments":
                assert row["area"], row
                row["statement_en"] = row["statement_en"] or "Written by the reviewer"
            _accept(scratch, name, row)
    result = run(scratch, "validate", "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert '"errors": 0' in result.stdout


def _levels_of(body: str) -> list[tuple[str, str]]:
    document = read_document("cap-2024", {"type": "plan", "period_end": 2025}, body)
    return [(p.row["value"], p.row["level"]) for p in figures_in(document)]


def test_a_level_goes_with_the_figure_of_its_own_part_of_the_clause():
    assert _levels_of("Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 95%, riêng cấp xã đạt trên 90%.\n") == [
        ("95", "toan-dia-ban"), ("90", "xa")]
    assert _levels_of("90% hồ sơ công việc tại cấp tỉnh, 80% hồ sơ công việc tại cấp huyện và 60% hồ sơ "
                      "công việc tại cấp xã được xử lý trên mạng.\n") == [("90", "tinh"), ("80", "huyen"), ("60", "xa")]


def test_duties_named_by_a_paragraph_opening_and_areas_by_title_lines():
    body = ("## II. CHỈ TIÊU\n\na) Cải cách tài chính công\n\n- Tối thiểu 30% đơn vị sự nghiệp tự chủ chi thường xuyên.\n\n"
            "## III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính: Chủ trì hướng dẫn cơ chế tự chủ. Báo cáo UBND tỉnh hằng năm.\n")
    document = read_document("mo-2024", {"type": "plan", "period_end": 2025}, body)
    (target,) = figures_in(document)
    assert (target.row["area"], target.why[-1]) == ("tai-chinh-cong", 'area: opening "tài chính công"')
    assert [(d["agency"], d["source_quote"]) for d in duties_in(document)] == [
        ("Sở Tài chính", "Chủ trì hướng dẫn cơ chế tự chủ."), ("Sở Tài chính", "Báo cáo UBND tỉnh hằng năm.")]


def test_a_share_takes_its_parts_from_a_ratio_or_from_a_count_of_which_another_count():
    body = ("Năm 2024, huyện giải quyết 800 hồ sơ, trong đó đúng hạn 792 hồ sơ, đạt tỷ lệ 99%, tăng 2 lần so với "
            "năm 2023. 12/15 xã được giao tự chủ (đạt 80%).\n")
    document = read_document("ty-le-2024", {"type": "report", "period_end": 2024}, body)
    assert [(p.row["value"], p.row["unit"], p.row.get("numerator"), p.row.get("denominator"))
            for p in figures_in(document)] == [
        ("800", "count", None, None), ("792", "count", None, None), ("99", "percent", "792", "800"),
        ("2", "times", None, None), ("80", "percent", "12", "15")]


def test_the_year_of_a_heading_governs_the_figures_under_it():
    body = "## II. CHỈ TIÊU ĐẾN NĂM 2026\n\nTối thiểu 60% hồ sơ được giải quyết trực tuyến.\n"
    (target,) = figures_in(read_document("nam-2024", {"type": "plan", "period_end": 2030}, body))
    assert (target.row["year"], target.row["year_stated"]) == (2026, "true")
    assert 'year: heading "II. CHỈ TIÊU ĐẾN NĂM 2026"' in target.why


def test_a_report_s_section_of_promises_gives_targets():
    body = ("## I. KẾT QUẢ ĐẠT ĐƯỢC\n\nTỷ lệ hồ sơ trực tuyến đạt 45%.\n\n"
            "## II. PHƯƠNG HƯỚNG NĂM 2025\n\n### 1. Cải cách thủ tục hành chính\n\nTỷ lệ hồ sơ trực tuyến đạt 60%.\n")
    rows = figures_in(read_document("bc-2024", {"type": "report", "period_end": 2024}, body))
    assert [(p.table, p.row["value"], p.row["comparator"], p.row["year"]) for p in rows] == [
        ("results", "45", "=", 2024), ("targets", "60", ">=", 2025)]
    assert rows[1].why[0] == 'kind: under heading "II. PHƯƠNG HƯỚNG NĂM 2025"'


def test_drafts_are_never_written_through_a_symbolic_link(scratch, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (scratch / "drafts").symlink_to(outside, target_is_directory=True)
    result = run(scratch, "draft", "thu-nghiem-1-2024")
    assert result.exit_code == 1
    assert result.stderr == "error: drafts: is a symbolic link (drafts are written only inside the project)\n"
    assert list(outside.iterdir()) == []


def test_a_count_s_quote_is_parted_only_by_commas_between_figures():
    text = "Tổ chức 03 cuộc kiểm tra tại 06 cơ quan, đơn vị và 08 UBND xã, thị trấn."
    clause = clause_of(text, 0, len(text))
    spans = {n: (text.index(n), text.index(n) + 2) for n in ("03", "06", "08")}
    others = [Span(*spans["03"]), Span(*spans["06"])]
    assert comma_part(text, clause, *spans["08"], others).of(text) == "đơn vị và 08 UBND xã, thị trấn."
    assert comma_part(text, clause, *spans["03"], [Span(*spans["08"])]).of(text) == \
        "Tổ chức 03 cuộc kiểm tra tại 06 cơ quan"
