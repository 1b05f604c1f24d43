"""Issue 21 in a real browser (the system Chromium): copying a citation, downloading what the
explorer shows, the language switch keeping the filters, a place's progress within two phone
screens, and axe on the page types this edition adds or reshapes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from tests.test_browser import open_page

AXE = Path(__file__).with_name("vendor") / "axe.min.js"
PHONE = {"width": 390, "height": 844}


def test_a_citation_is_copied_with_todays_access_date(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "/en/documents/lam-dong-2260-2021/", wait_until="load")
    row = page.locator("tr#lam-dong-2260-2021-t02")
    row.locator("details.cite summary").click()
    text = row.locator("#cite-lam-dong-2260-2021-t02")
    today = page.evaluate("new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'short', year: 'numeric'})")
    assert text.inner_text().endswith(f", accessed {today}.")
    assert f"{base_url}/en/documents/lam-dong-2260-2021/#q-lam-dong-2260-2021-t02" in text.inner_text()
    assert not row.locator(".cite-relative").is_visible()
    button = row.locator('button[data-copy="cite-lam-dong-2260-2021-t02"]')
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.querySelector('button[data-copy=\"cite-lam-dong-2260-2021-t02\"]')"
                           ".textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == " ".join(text.inner_text().split())
    assert copied.startswith("“Tối thiểu 80% hồ sơ giải quyết TTHC được luân chuyển trong nội bộ")
    context.close()


def test_without_javascript_a_figure_shows_its_quote_and_the_link_to_its_sentence(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/documents/lam-dong-2260-2021/")
    cell = page.locator("tr#lam-dong-2260-2021-t02 td.source")
    assert cell.locator("q").inner_text().startswith("Tối thiểu 80% hồ sơ giải quyết TTHC được luân chuyển")
    cell.get_by_role("link", name="Xem trong văn bản").click()
    assert page.url.endswith("#q-lam-dong-2260-2021-t02")
    assert cell.locator("details.cite, a.report-error").count() == 0  # the box and the report link need the script
    context.close()


def downloaded(page, button_name: str) -> bytes:
    with page.expect_download() as info:
        page.locator(f'.explorer-download button[data-format="{button_name}"]').click()
    return Path(info.value.path()).read_bytes()


def test_the_explorer_downloads_what_it_shows(browser, base_url):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/en/targets/?place=long-phu&year=2030", wait_until="load")
    shown = page.locator("#explorer tbody tr:visible")
    ids = sorted(shown.nth(i).get_attribute("data-x-id") for i in range(shown.count()))
    assert 0 < len(ids) < page.locator("#explorer tbody tr").count()
    plain = downloaded(page, "csv")
    assert not plain.startswith(b"\xef\xbb\xbf")
    records = list(csv.DictReader(io.StringIO(plain.decode("utf-8"))))
    assert sorted(r["id"] for r in records) == ids
    assert {r["place"] for r in records} == {"long-phu"} and {r["year"] for r in records} == {"2030"}
    assert all(r["source_url"].startswith(base_url + "/en/documents/long-phu-53-2022/#q-") for r in records)
    excel = downloaded(page, "csv-excel")
    assert excel.startswith(b"\xef\xbb\xbf") and excel[3:] == plain
    book = openpyxl.load_workbook(io.BytesIO(downloaded(page, "xlsx")))
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    values = [dict(zip(header, [c.value for c in r])) for r in sheet.iter_rows(min_row=2)]
    assert sorted(v["id"] for v in values) == ids
    assert all(v["year"] == 2030 and isinstance(v["value"], (int, float)) for v in values)
    first = next(r for r in records if r["id"] == values[0]["id"])
    assert float(first["value"]) == values[0]["value"] and first["statement"] == values[0]["statement"]
    context.close()


def test_the_language_switch_keeps_the_filters(browser, base_url):
    page, _, problems = open_page(browser, base_url + "/targets/?place=soc-trang&year=2025", 1280)
    n = page.locator("#explorer tbody tr:visible").count()
    with page.expect_navigation(wait_until="load"):
        page.locator("nav.languages a[hreflang=en]").click()
    assert page.url == base_url + "/en/targets/?place=soc-trang&year=2025"
    assert page.locator("#explorer tbody tr:visible").count() == n
    assert problems == []
    page.close()


def test_a_phone_reader_sees_a_places_promises_and_progress_within_two_screens(browser, base_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "/places/long-phu/", wait_until="load")
    for selector in (".summary .status-counts", ".summary .counts-note", ".summary-table"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] < 2 * PHONE["height"], (selector, box)
    total = page.evaluate("document.documentElement.scrollHeight")
    assert total < 12 * PHONE["height"]  # was 18 screens for a province; area groups now fold
    context.close()


@pytest.mark.parametrize("path", ["/topics/", "/en/topics/thanh-toan-truc-tuyen/", "/places/long-phu/",
                                  "/en/documents/lam-dong-2260-2021/", "/targets/", "/en/datasets/cchc/", "/"])
def test_axe_finds_no_violation_on_the_pages_of_this_edition(browser, base_url, path):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + path, wait_until="load")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # the citation boxes too
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    problems = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert problems == []
    context.close()


def test_search_returns_every_matching_row_not_three_a_document(browser, base_url):
    from tests.test_search import links, search
    page = search(browser, base_url, "thanh toan truc tuyen")
    found = links(page)
    # Long Phú's "≥ 50% by 2030" (t08) was the fourth match in its document, so it was dropped
    for row in ("long-phu-53-2022-t05", "long-phu-53-2022-t06", "long-phu-53-2022-t07", "long-phu-53-2022-t08"):
        assert any(href.endswith(f"#{row}") for href in found), (row, found)
    fold = page.locator("details.search-more-rows").first
    assert not fold.locator("a").first.is_visible()  # folded, not dropped
    fold.locator("summary").click()
    assert fold.locator("a").first.is_visible()
    assert page.problems == []
    page.close()
