"""Issue 21, findings 2, 5 and 6: every count of progress explains itself; a place page opens with
its summary; a result elsewhere is context, never progress; one word per concept; notes in words;
the inferred-year mark explained in the table's caption."""

from __future__ import annotations

import csv
import re
from collections import Counter
from html import unescape

import pytest

from tests.conftest import ROOT

NOTE_EN = ("Counted only against results for the same indicator, place and level, up to the promise’s year. "
           "“No data”: no such result has been reported yet (a result for another place or level is shown as "
           "context, never counted).")
NOTE_VI = ("Chỉ so với kết quả cùng chỉ số, cùng địa phương và cùng cấp, đến năm của cam kết. “Chưa có số liệu”: "
           "chưa có kết quả như vậy được báo cáo (kết quả của địa phương hoặc cấp khác chỉ hiện để tham khảo, "
           "không được tính).")


def rows(table: str) -> list[dict]:
    with (ROOT / "datasets/cchc" / f"{table}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def page(site, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize("path", ["", "targets", "places/long-phu", "documents/lam-dong-2260-2021",
                                  "indicators/ho-so-cong-viec-tren-mang"])
def test_every_count_of_progress_says_what_it_means(site, path):
    assert NOTE_VI in unescape(page(site, path))
    assert NOTE_EN in unescape(page(site, ("en/" + path).rstrip("/")))


def test_a_place_page_opens_with_its_summary(site):
    html = page(site, "en/places/long-phu")
    assert html.index('id="summary"') < html.index('id="targets"') < html.index('id="documents"')
    summary = html[html.index('id="summary"'):html.index('id="targets"')]
    mine = [r for r in rows("targets") if r["place"] == "long-phu"]
    counts = [int(n) for n in re.findall(r"<strong>(\d+)</strong>", summary)]
    assert counts[0] == len(mine) and sum(counts[1:4]) == len(mine)  # met + not met yet + no data
    assert "53/KH-UBND" in summary  # its document
    table = summary[summary.index('<table class="summary-table">'):]
    years = sorted({r["year"] for r in mine})
    assert re.findall(r'<th scope="col" class="num">(\d{4})</th>', table) == years
    areas = {r["id"]: r["name_en"] for r in rows("areas")}
    per_area = Counter(r["area"] for r in mine)
    for area, n in per_area.items():
        row = re.search(rf'<a href="#area-{area}">{re.escape(areas[area])}</a></th>(.*?)</tr>', table).group(1)
        cells = re.findall(r'<td class="num">([^<]*)</td>', row)
        expected = [str(sum(1 for r in mine if r["area"] == area and r["year"] == y)) for y in years]
        assert cells == [c if c != "0" else "·" for c in expected] + [str(n)]


def test_a_result_elsewhere_is_context_never_progress(site):
    result = next(r for r in rows("results") if r["id"] == "soc-trang-ket-qua-2022-2023-r54")
    target = next(t for t in rows("targets") if t["place"] == "long-phu" and t["indicator"] == result["indicator"])
    html = page(site, "places/long-phu")
    cell = html[html.index(f'<tr id="{target["id"]}"'):]
    cell = cell[:cell.index("</tr>")]
    assert "Chưa có số liệu" in cell
    assert (f'Để tham khảo, không phải tiến độ (địa phương hoặc cấp khác): <a href="/documents/'
            f'soc-trang-ket-qua-2022-2023/#{result["id"]}">tỉnh Sóc Trăng, toàn địa bàn: 92,38% (2023)</a>') in cell
    assert result["value"] == "92.38"


def test_one_word_for_promises_and_one_for_indicators(site):
    nav = page(site, "targets")
    menu = nav[nav.index('class="site-nav"'):]
    menu = text(menu[:menu.index("</nav>")])
    assert " Cam kết " in menu and " Chỉ số " in menu and "Chỉ tiêu" not in menu
    assert "<h1>Chỉ số</h1>" in page(site, "indicators") and "<h1>Tất cả cam kết</h1>" in nav
    po = (ROOT / "templates/locale/vi/LC_MESSAGES/messages.po").read_text("utf-8")
    translations = re.findall(r'^msgstr "(.*)"$', po, re.M)
    assert translations and [t for t in translations if "chỉ tiêu" in t.lower()] == []


def test_notes_are_written_for_readers_the_downloads_keep_them_exactly(site):
    for path in ["documents/ca-mau-cchc-2023", "en/documents/ca-mau-cchc-2023", "documents/lam-dong-2260-2021",
                 "en/documents/soc-trang-ket-qua-2022-2023", "documents/long-phu-53-2022"]:
        notes = " ".join(re.findall(r'<p class="small note">(.*?)</p>', page(site, path), re.S))
        assert notes
        for code in ["(&gt;=)", "(&gt;)", "(comparator", "toan-dia-ban", "lỗi OCR", "baseline_period_start",
                     ">ho-so-dung-han<", "soc-trang-ket-qua-2022-2023-r24<"]:
            assert code not in notes, (path, code)
    en = page(site, "en/documents/soc-trang-ket-qua-2022-2023")
    assert ('a part of the ratio in row <a href="/en/documents/soc-trang-ket-qua-2022-2023/'
            '#soc-trang-ket-qua-2022-2023-r24">r24</a> (indicator “<a href="/en/indicators/ho-so-dung-han/">') in en
    vi = page(site, "documents/ca-mau-cchc-2023")
    assert "nên đọc là toàn tỉnh (toàn địa bàn)" in vi and "(lỗi nhận dạng chữ khi số hoá của" in unescape(vi)
    assert "(>=)" in (site / "data/cchc/targets.csv").read_text("utf-8")


def test_the_inferred_year_mark_is_explained_in_the_caption(site):
    inferred = [r for r in rows("targets") if r["document"] == "ca-mau-cchc-2023" and r["year_stated"] == "false"]
    assert inferred
    html = page(site, "en/documents/ca-mau-cchc-2023")
    table = html[html.index('<table class="figures" id="targets-table"'):]
    assert table.split("<thead>", 1)[0].strip().endswith(
        '<caption class="year-caption">* Year inferred by the curators: the text gives none (the note says how it '
        'was read).</caption>')
    explorer = page(site, "targets")
    assert '<span class="year-caption">* Năm do người biên tập suy ra: văn bản không nêu năm (ghi chú nói rõ cách ' \
           'đọc).</span></caption>' in explorer
