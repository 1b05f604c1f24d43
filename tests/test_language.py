"""The rules of the Vietnamese language for figures, pinned with sentences written from the
language (most not from the seed texts): numbers, comparators, units, years, levels, several
figures in one clause, and what is not a figure."""

import pytest

from generator.curation.language import find_figures, find_level, find_years, nfc, parse_number


@pytest.mark.parametrize("text, value", [
    ("99,79", 99.79), ("1.250", 1250), ("605.859", 605859), ("4.141.711.500", 4141711500),
    ("1,250.5", 1250.5), ("1.250,5", 1250.5), ("1,250,000", 1250000), ("1.25", 1.25),
    ("0.125", 0.125), ("99.5", 99.5), ("1,250", 1.25), ("05", 5), ("2025", 2025), ("0,92", 0.92),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text, message", [
    ("80%", 'not a number: "80%"'),
    ("1.2.3", 'not a number: "1.2.3" (thousands must be grouped by three)'),
    ("1,25.000,5", 'not a number: "1,25.000,5" (thousands must be grouped by three)'),
    ("", 'not a number: ""'),
])
def test_parse_number_refuses(text, message):
    with pytest.raises(ValueError) as error:
        parse_number(text)
    assert str(error.value) == message


def figures(text):
    return [(f.value, f.text, f.comparator, f.unit) for f in find_figures(text)]


@pytest.mark.parametrize("text, expected", [
    ("Tối thiểu 80% hồ sơ được số hóa", [(80, "80%", ">=", "percent")]),
    ("tỷ lệ hồ sơ trực tuyến đạt ít nhất 45,5%", [(45.5, "45,5%", ">=", "percent")]),
    ("tỷ lệ giao dịch đạt từ 30% trở lên", [(30, "30%", ">=", "percent")]),
    ("không dưới 70% cán bộ được bồi dưỡng", [(70, "70%", ">=", "percent")]),
    ("chỉ số đạt trên 88%", [(88, "88%", ">", "percent")]),
    ("đã tiếp nhận hơn 1.200 hồ sơ", [(1200, "1.200", ">", "count")]),
    ("số thu vượt 12% dự toán", [(12, "12%", "=", "percent")]),   # by how much: 112% of the estimate
    ("sử dụng vượt 3 biên chế so với số được giao", [(3, "3", "=", "count")]),
    ("doanh thu vượt 1.000 tỷ đồng", [(1e12, "1.000", ">", "vnd")]),
    ("Mức độ hoàn thành chính quyền số: 70%", [(70, "70%", "=", "percent")]),
    ("thuộc nhóm 20 tỉnh, thành phố dẫn đầu cả nước", [(20, "20", "<=", "rank")]),
    ("tỷ lệ hồ sơ trễ hạn dưới 2%", [(2, "2%", "<", "percent")]),
    ("chưa đến 5% hồ sơ phải bổ sung", [(5, "5%", "<", "percent")]),
    ("thời gian giải quyết không quá 10 ngày", [(10, "10", "<=", None)]),
    ("chi phí tối đa 2 tỷ đồng", [(2e9, "2", "<=", "vnd")]),
    ("tỷ lệ sai sót không vượt quá 1,5%", [(1.5, "1,5%", "<=", "percent")]),
    ("hồ sơ tồn đọng 3% trở xuống", [(3, "3%", "<=", "percent")]),
    ("đã giải quyết 596.864 hồ sơ", [(596864, "596.864", "=", "count")]),
    ("tăng 1,94 lần so với năm 2022", [(1.94, "1,94", "=", "times")]),
    ("phấn đấu tăng ít nhất 05 bậc trên bảng xếp hạng", [(5, "05", ">=", "rank_change")]),
    ("tỉnh xếp thứ 12 cả nước", [(12, "12", "=", "rank")]),
    ("thuộc nhóm 10 tỉnh dẫn đầu cả nước", [(10, "10", "<=", "rank")]),
    ("với tổng kinh phí 4.141.711.500 đồng", [(4141711500, "4.141.711.500", "=", "vnd")]),
    ("bố trí 3,5 triệu đồng mỗi người", [(3.5e6, "3,5", "=", "vnd")]),
    ("đạt 100 phần trăm kế hoạch", [(100, "100", "=", "percent")]),
    ("tỷ lệ hài lòng không thấp hơn 90%", [(90, "90%", ">=", "percent")]),
    ("thu ngân sách đạt và vượt 100% dự toán", [(100, "100%", ">=", "percent")]),
    ("có nhiều hơn 10 xã đạt chuẩn", [(10, "10", ">", "count")]),
    ("thời gian chờ ít hơn 15 phút", [(15, "15", "<", None)]),
    ("hồ sơ giải quyết trong 3 ngày trở lại", [(3, "3", "<=", None)]),
    ("Mức độ hài lòng đạt 85,5 điểm", [(85.5, "85,5", "=", None)]),
])
def test_figures_comparators_and_units(text, expected):
    assert figures(text) == expected


def test_comparator_words_are_the_words_that_gave_it():
    found = find_figures("Mức độ hài lòng đạt tối thiểu 90%; từ 5 năm trở lên; 12 hồ sơ")
    assert [f.comparator_words for f in found] == ["tối thiểu", "từ … trở lên", ""]


def test_a_fraction_keeps_its_parts():
    (fraction, ratio) = find_figures("có 41/103 đơn vị được giao quyền tự chủ (đạt 26,21%)")
    assert (fraction.value, fraction.numerator, fraction.denominator, fraction.unit) == (41, 41, 103, "count")
    assert (fraction.text, fraction.start, fraction.end) == ("41/103", 3, 9)
    assert (ratio.value, ratio.numerator, ratio.denominator) == (26.21, None, None)


def test_spans_point_at_the_figure_as_written():
    text = nfc("Năm 2023, toàn tỉnh có 1.230 hồ sơ trễ hạn, tăng 1,94 lần")
    assert [text[f.start:f.end] for f in find_figures(text)] == ["1.230", "1,94"]


@pytest.mark.parametrize("text", [
    "Kế hoạch số 53/KH-UBND ngày 31/5/2022 của Ủy ban nhân dân huyện",
    "Chương trình số 17-CTr/HU ngày 06/5/2022",
    "theo Nghị định 61/2018 và Nghị định số 107/2021/NĐ-CP",
    "đến năm 2025, định hướng đến năm 2030",
    "giai đoạn 2021 - 2025",
    "Long Phú, ngày 31 tháng 5 năm 2022",
    "Tính đến tháng 12/2023",
    "áp dụng tiêu chuẩn TCVN ISO 9001:2015",
    "phòng, chống dịch COVID-19 và mạng 5G",
    "cung cấp trực tuyến mức độ 3 và 4",
    "theo quy định tại Điều 5, khoản 2 và mục 3",
    "1. Mục tiêu chung",
    "cuộc Cách mạng công nghiệp lần thứ 4",
    "triển khai Nghị quyết Trung ương 4 khóa XII",
])
def test_not_figures(text):
    assert find_figures(text) == []


def test_a_list_marker_is_not_a_figure_but_the_figure_after_it_is():
    assert figures("2. Đến năm 2025, 90% hồ sơ công việc được xử lý trên môi trường mạng") == [
        (90, "90%", "=", "percent")]


def test_figures_in_words_are_flagged():
    found = find_figures("Số hóa toàn bộ hồ sơ; một nửa số xã đạt chuẩn; thu nhập tăng gấp đôi")
    assert [(f.value, f.text, f.unit, f.in_words) for f in found] == [
        (100, "toàn bộ", "percent", True), (50, "một nửa", "percent", True), (2, "gấp đôi", "times", True)]
    assert all(not f.in_words for f in find_figures("Tất cả 109/109 xã đã triển khai"))


def test_several_figures_in_one_clause_each_with_its_level():
    text = "cấp tỉnh đạt tối thiểu 80%, cấp huyện 70%, cấp xã 60%"
    assert [(f.value, f.comparator, f.level) for f in find_figures(text)] == [
        (80, ">=", "tinh"), (70, ">=", "huyen"), (60, ">=", "xa")]


def test_levels_named_after_their_figures():
    text = "95% văn bản tại cấp tỉnh, 85% văn bản tại cấp huyện và 75% văn bản tại cấp xã được ký số"
    assert [(f.value, f.comparator, f.level) for f in find_figures(text)] == [
        (95, "=", "tinh"), (85, "=", "huyen"), (75, "=", "xa")]


def test_respectively_pairs_levels_and_figures_in_order():
    text = "tỷ lệ số hóa của cấp tỉnh, cấp huyện, cấp xã tương ứng là 70%, 60%, 55%"
    assert [(f.value, f.comparator, f.level) for f in find_figures(text)] == [
        (70, "=", "tinh"), (60, "=", "huyen"), (55, "=", "xa")]
    text = "của huyện, cấp xã đạt tỷ lệ tối thiểu tương ứng là 20%, 15%"
    assert [(f.value, f.comparator, f.level) for f in find_figures(text)] == [
        (20, ">=", "huyen"), (15, ">=", "xa")]


def test_a_comparator_binds_a_bare_list_but_not_the_next_statement():
    assert [f.comparator for f in find_figures("giảm tối thiểu 5%, 7% và 9%")] == [">=", ">=", ">="]
    text = "đã ban hành trên 65 văn bản, trong đó 20 văn bản quy phạm pháp luật"
    assert [f.comparator for f in find_figures(text)] == [">", "="]
    text = "Tối thiểu 80% thủ tục được thanh toán trực tuyến; 50% giao dịch được thanh toán"
    assert [f.comparator for f in find_figures(text)] == [">=", "="]


def test_a_lone_figure_takes_the_one_level_of_its_clause_and_none_of_several():
    assert [f.level for f in find_figures("100% cơ quan nhà nước cấp tỉnh tham gia")] == ["tinh"]
    text = "Các cơ quan cấp tỉnh, đơn vị cấp huyện, cấp xã áp dụng 100% hệ thống"
    assert [f.level for f in find_figures(text)] == [None]


def test_trên_between_two_numbers_is_a_ratio_not_a_comparator():
    assert [f.comparator for f in find_figures("đạt 45 trên 50 xã")] == ["=", "="]


def years(text):
    return [(m.kind, m.year, m.first_year, m.text) for m in find_years(text)]


def test_years():
    assert years("Đến năm 2025, 80% hồ sơ và đạt 90% vào năm 2030") == [
        ("by", 2025, None, "Đến năm 2025"), ("by", 2030, None, "vào năm 2030")]
    assert years("Năm 2023, toàn tỉnh giảm 5% so với năm 2022") == [
        ("in", 2023, None, "Năm 2023"), ("baseline", 2022, None, "so với năm 2022")]
    assert years("giai đoạn 2021 - 2025, hằng năm tăng 20%") == [
        ("period", 2025, 2021, "giai đoạn 2021 - 2025"), ("yearly", None, None, "hằng năm")]
    assert years("giảm 10% so với giai đoạn 2016–2020") == [
        ("baseline", 2020, 2016, "so với giai đoạn 2016–2020")]
    assert years("từ năm 2026 đến năm 2030; tính đến tháng 12/2023") == [
        ("period", 2030, 2026, "từ năm 2026 đến năm 2030"), ("by", 2023, None, "tính đến tháng 12/2023")]
    assert years("Hà Nội, ngày 5 tháng 3 năm 2024; ký ngày 25/4/2022") == [
        ("date", 2024, None, "ngày 5 tháng 3 năm 2024"), ("date", 2022, None, "25/4/2022")]
    assert years("Kế hoạch cải cách hành chính 2024 theo Nghị định 61/2018") == [
        ("bare", 2024, None, "2024")]


def levels(text):
    return [(m.level, m.text) for m in find_level(text)]


def test_levels():
    assert levels("cấp tỉnh, cấp huyện và cấp xã") == [
        ("tinh", "cấp tỉnh"), ("huyen", "cấp huyện"), ("xa", "cấp xã")]
    assert levels("tại 3 cấp tỉnh, huyện, xã") == [("tinh", "cấp tỉnh"), ("huyen", "huyện"), ("xa", "xã")]
    assert levels("thẩm quyền của huyện, cấp xã") == [("huyen", "huyện"), ("xa", "cấp xã")]
    assert levels("UBND cấp xã; Ủy ban nhân dân huyện; Hội đồng nhân dân tỉnh") == [
        ("xa", "cấp xã"), ("huyen", "Ủy ban nhân dân huyện"), ("tinh", "Hội đồng nhân dân tỉnh")]
    assert levels("các xã, phường, thị trấn và các huyện, thị xã, thành phố") == [
        ("xa", "xã, phường, thị trấn"), ("huyen", "huyện, thị xã, thành phố")]
    assert levels("các sở, ban, ngành; cấp cơ sở; mỗi cấp hành chính") == [
        ("tinh", "sở, ban, ngành"), ("xa", "cấp cơ sở"), ("each", "mỗi cấp hành chính")]
    assert levels("văn bản của tỉnh; trên địa bàn huyện") == []


def test_a_bare_unit_contrasted_with_a_level_names_a_level_but_a_place_name_does_not():
    text = "80% hồ sơ công việc của huyện và 60% hồ sơ công việc cấp xã được xử lý trên môi trường mạng"
    assert [(f.value, f.level) for f in find_figures(text)] == [(80, "huyen"), (60, "xa")]
    assert levels("Ủy ban nhân dân của huyện Long Phú và cấp xã") == [("xa", "cấp xã")]


def test_one_level_in_a_clause_governs_each_of_its_figures():
    text = "41/103 đơn vị sự nghiệp công lập cấp tỉnh được giao quyền tự chủ (đạt 26,21%)"
    assert [(f.value, f.level) for f in find_figures(text)] == [(41, "tinh"), (26.21, "tinh")]


def test_promoted_in_grade_is_a_count_not_a_rank():
    assert figures("nâng ngạch, thăng hạng 32 công chức") == [(32, "32", "=", "count")]
    assert figures("chỉ số PAR INDEX xếp hạng thứ 15") == [(15, "15", "=", "rank")]


def test_the_phrase_is_the_figure_with_its_own_words_as_written():
    text = "Tối thiểu 80% hồ sơ; tỷ lệ đạt từ 30% trở lên; thuộc nhóm 20 tỉnh dẫn đầu; giảm tối thiểu 5%, 7%"
    assert [f.phrase for f in find_figures(text)] == [
        "Tối thiểu 80%", "từ 30% trở lên", "nhóm 20 tỉnh dẫn đầu", "tối thiểu 5%", "7%"]


def test_a_minus_sign_against_the_number_makes_it_negative_but_a_dash_between_numbers_does_not():
    assert figures("tốc độ tăng trưởng -2,5% và chỉ số thay đổi −3 bậc") == [
        (-2.5, "-2,5%", "=", "percent"), (-3, "−3", "=", "rank_change")]
    assert [f.value for f in find_figures("tỷ lệ 20-30% hồ sơ")] == [20, 30]
