"""The rules `python build.py draft` reads a text by, on sentences written for these tests (not
from the curated documents): clauses and their parts, the area and year a heading or an opening
governs, levels, baselines, shares and their parts, tables, kinds, duties, indicator ranking."""

from __future__ import annotations

from hypothesis import example, given, settings, strategies as st

from generator.curation.clauses import Span, clause_of, clauses, comma_part, sentences
from generator.curation.clauses_duties import duties_in
from generator.curation.clauses_figures import figures_in
from generator.curation.draft import load_corpus, propose
from generator.curation.sections import read_document
from generator.curation.suggest import Suggester
from generator.markup import render_markdown

from tests.conftest import ROOT
from tests.test_draft import PLAN


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


def test_a_count_s_quote_is_parted_only_by_commas_between_figures():
    text = "Tổ chức 03 cuộc kiểm tra tại 06 cơ quan, đơn vị và 08 UBND xã, thị trấn."
    clause = clause_of(text, 0, len(text))
    spans = {n: (text.index(n), text.index(n) + 2) for n in ("03", "06", "08")}
    others = [Span(*spans["03"]), Span(*spans["06"])]
    assert comma_part(text, clause, *spans["08"], others).of(text) == "đơn vị và 08 UBND xã, thị trấn."
    assert comma_part(text, clause, *spans["03"], [Span(*spans["08"])]).of(text) == \
        "Tổ chức 03 cuộc kiểm tra tại 06 cơ quan"


def test_section_titles_written_as_text_govern_like_headings():
    body = ("**II. CHỈ TIÊU ĐẾN NĂM 2026**\n\n**1. Cải cách chế độ công vụ**\n\n"
            "100% công chức cấp xã đạt chuẩn theo quy định.\n\n**III. TỔ CHỨC THỰC HIỆN**\n\n**1. Sở Nội vụ**\n\n"
            "Chủ trì theo dõi, đánh giá việc thực hiện Kế hoạch.\n\nNơi nhận:\n\n- Như trên;\n")
    document = read_document("chu-2024", {"type": "plan", "period_end": 2030}, body)
    (target,) = figures_in(document)
    assert (target.row["year"], target.row["area"], target.row["level"]) == (2026, "cong-vu", "xa")
    assert [(d["agency"], d["source_quote"]) for d in duties_in(document)] == [
        ("Sở Nội vụ", "Chủ trì theo dõi, đánh giá việc thực hiện Kế hoạch.")]


def test_a_lead_paragraph_ending_in_a_colon_sets_the_year_of_the_list_under_it():
    body = "Phấn đấu trong năm 2024, đạt các chỉ tiêu sau:\n\n- 70% hồ sơ được số hóa.\n- 50% hồ sơ trực tuyến.\n"
    rows = figures_in(read_document("lead-2024", {"type": "plan", "period_end": 2025}, body))
    assert [(p.row["value"], p.row["year"], p.row["year_stated"]) for p in rows] == [
        ("70", 2024, "true"), ("50", 2024, "true")]
    assert 'year: lead "Phấn đấu trong năm 2024, đạt các chỉ tiêu sau"' in rows[0].why


def test_items_listed_after_a_figure_share_it_and_the_year_ending_the_list():
    body = ("Phấn đấu tăng tối thiểu 3 bậc xếp hạng Chỉ số cải cách hành chính; Chỉ số hài lòng của người dân; "
            "Chỉ số chuyển đổi số trong năm 2025.\n")
    rows = figures_in(read_document("bac-2024", {"type": "plan", "period_end": 2026}, body))
    assert [(p.row["value"], p.row["comparator"], p.row["year"], p.row["year_stated"], p.clause) for p in rows] == [
        ("3", ">=", 2025, "true", "Phấn đấu tăng tối thiểu 3 bậc xếp hạng Chỉ số cải cách hành chính"),
        ("3", ">=", 2025, "true", "Chỉ số hài lòng của người dân"),
        ("3", ">=", 2025, "true", "Chỉ số chuyển đổi số trong năm 2025.")]
    assert rows[2].row["source_quote"] == body.strip()


def test_a_count_of_the_plan_s_own_parts_is_not_a_figure_but_a_count_of_things_is():
    body = ("Năm 2024, tỉnh sẽ thực hiện 5 nhóm giải pháp và 3 khâu đột phá. "
            "Rà soát 40 thủ tục hành chính thuộc 6 nhóm quy định; 80% hồ sơ được số hóa; hồ sơ điện tử được lưu trữ.\n")
    rows = figures_in(read_document("phan-2024", {"type": "plan", "period_end": 2025}, body))
    assert [p.row["value"] for p in rows] == ["40", "6", "80"]   # one clause after a figure is no list
    tasks = "Năm 2024, UBND tỉnh giao 120 nhiệm vụ, trong đó đã hoàn thành 114 nhiệm vụ, đạt tỷ lệ 95%.\n"
    assert [(p.row["value"], p.row.get("numerator")) for p in figures_in(
        read_document("nv-2024", {"type": "report", "period_end": 2024}, tasks))] == [
        ("120", None), ("114", None), ("95", "114")]


# --- any text -----------------------------------------------------------------------------------

_PIECES = ["Đến năm 2025", "tối thiểu", "80%", "1.250", "41/103", "đạt", "trên", "cấp xã", "cấp tỉnh,", "huyện",
           "so với năm 2022", "giai đoạn 2021 - 2025", "trong đó,", "tương ứng là", "65%, 45%", "hồ sơ", "và",
           "Chỉ tiêu:", "Phấn đấu", "đã", "toàn bộ", "(đạt 26,21%)", ";", ".", ":", "\n\n", "\n\n## II. MỤC TIÊU\n\n",
           "\n\n### 1. Cải cách thủ tục hành chính\n\n", "\n\n- ", "\n\n1\\. ", "\n\n| A | Năm 2025 |\n|---|---|\n| B | 5% |\n\n",
           "\n\n## IV. TỔ CHỨC THỰC HIỆN\n\n### 1. Sở Nội vụ\n\n", "Nơi nhận:", "tiếp tục duy trì đến năm 2030",
           "Chỉ số A", "mỗi năm tăng", "cho đến khi đạt 100%", "Giảm", "lần", "tỷ đồng", "bậc"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30))
@example(pieces=["Nơi nhận:", "\n\n| A | Năm 2025 |\n|---|---|\n| B | 5% |\n\n"])  # a table after the text's end
@example(pieces=["1\\. Tối thiểu 80% hồ sơ\\* được số hóa."])  # escapes: the quote is what the page shows
def test_any_text_drafts_without_error_and_every_quote_is_found_by_the_build(pieces):
    body = " ".join(pieces) + "\n"
    document = read_document("bat-ky-2024", {"type": "plan", "period_end": 2025, "date": "2024-01-01"}, body)
    if not body.strip():   # nothing to draft (the command says so before reading)
        assert document.paragraphs == []
        return
    rendered = render_markdown(body)
    for p in figures_in(document):
        assert p.row["source_quote"] and rendered.find(p.row["source_quote"]), p.row["source_quote"]
        assert p.row["comparator"] in (">=", ">", "=", "<", "<=")
    for duty in duties_in(document):
        assert rendered.find(duty["source_quote"]), duty["source_quote"]


def test_a_table_s_columns_give_kind_year_and_unit():
    body = ("## PHỤ LỤC\n\n| STT | Chỉ tiêu | Đơn vị tính | Thực hiện 2023 | Kế hoạch 2024 |\n|---|---|---|---|---|\n"
            "| 1 | Tỷ lệ hồ sơ giải quyết đúng hạn | % | 97,5 | 98 |\n"
            "| 2 | Số thủ tục hành chính được cắt giảm | thủ tục | 25 | 30 |\n")
    rows = figures_in(read_document("pl-2024", {"type": "plan", "period_end": 2024, "date": "2024-01-10"}, body))
    assert [(p.table, p.row["value"], p.row["unit"], p.row["comparator"], p.row["year"], p.row["year_stated"])
            for p in rows] == [("results", "97.5", "percent", "=", 2023, "true"),
                               ("targets", "98", "percent", ">=", 2024, "true"),
                               ("results", "25", "count", "=", 2023, "true"),
                               ("targets", "30", "count", ">=", 2024, "true")]
    assert rows[1].why[0] == 'kind: column "Kế hoạch 2024"' and 'unit: column "%"' in rows[1].why


def test_a_figure_about_the_reform_in_general_is_direction_and_management():
    body = "Năm 2024, tỉnh đã công nhận 12 sáng kiến cải cách hành chính.\n"
    document = read_document("sk-2024", {"type": "report", "period_end": 2024}, body)
    (row,) = propose(ROOT, document, load_corpus(ROOT))["results"]
    assert (row["area"], row["why"].split("; ")[-1]) == (
        "chi-dao-dieu-hanh", 'area: "cải cách hành chính" in general (direction and management)')


def test_a_duty_naming_no_area_takes_the_area_its_agency_leads():
    body = ("## III. TỔ CHỨC THỰC HIỆN\n\n### 1. Phòng Tư pháp\n\nChủ trì theo dõi, đôn đốc việc thực hiện.\n\n"
            "### 2. Phòng Nội vụ\n\nTổng hợp, báo cáo kết quả hằng quý.\n")
    document = read_document("nv-2024", {"type": "plan", "period_end": 2025}, body)
    assert [(d["agency"], d["area"]) for d in duties_in(document)] == [
        ("Phòng Tư pháp", "the-che"), ("Phòng Nội vụ", "chi-dao-dieu-hanh")]


def test_a_year_closing_a_list_of_figures_of_one_unit_is_each_figure_s_year():
    body = "Kiểm tra ít nhất 30% cơ quan, đơn vị và 25% Ủy ban nhân dân cấp xã trong năm 2026.\n"
    rows = figures_in(read_document("kt-2026", {"type": "plan", "period_end": 2027}, body))
    assert [(p.row["value"], p.row["comparator"], p.row["year"], p.row["year_stated"], p.row["level"])
            for p in rows] == [("30", ">=", 2026, "true", "toan-dia-ban"), ("25", ">=", 2026, "true", "xa")]


def test_a_plan_s_figure_for_a_past_year_is_a_result_unless_it_is_promised_in_words():
    body = ("## IV. TÌNH HÌNH NĂM 2025\n\nNăm 2025, tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,12%.\n\n"
            "Năm 2025, số hóa hồ sơ đạt tỷ lệ tối thiểu 20%.\n")
    rows = figures_in(read_document("kh-2026", {"type": "plan", "date": "2026-01-15", "period_end": 2026}, body))
    assert [(p.table, p.row["value"], p.row["comparator"], p.row["year"]) for p in rows] == [
        ("results", "99.12", "=", 2025), ("targets", "20", ">=", 2025)]
    assert rows[0].why[0] == "kind: 2025 is before the document's date"
