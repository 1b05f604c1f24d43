"""The second edition in a real browser (system Chromium via Playwright): the explorer with
and without JavaScript, a chart's accessible name and numbers, the table of contents on a
phone, and the language switch on every page type. (axe-core checks every page type in
test_axe.py, and the curated corpus's largest pages in test_site3_browser.py.)"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.test_browser import open_page

PAGE_TYPES = {  # one page of each type, Vietnamese path
    "home": "/", "documents": "/documents/", "document": "/documents/lam-dong-2260-2021/",
    "targets": "/targets/", "facet": "/targets/area/thu-tuc-hanh-chinh/", "indicators": "/indicators/",
    "indicator": "/indicators/ho-so-cong-viec-tren-mang/", "compare": "/compare/thu-tuc-hanh-chinh/",
    "places": "/places/", "place": "/places/long-phu/", "areas": "/areas/", "about": "/about/",
    "datasets": "/datasets/", "dataset": "/datasets/cchc/",
}


def visible_rows(page):
    return page.locator("#explorer tbody tr:visible")


def test_explorer_filters_to_one_place_and_one_year_with_javascript(browser, base_url):
    page, hosts, problems = open_page(browser, base_url + "/en/targets/", 1280)
    total = visible_rows(page).count()
    form = page.locator("form.explorer-filters")
    assert form.is_visible()
    form.locator("select[name=place]").select_option("soc-trang")
    form.locator("select[name=year]").select_option("2025")
    rows = visible_rows(page)
    n = rows.count()
    assert 0 < n < total
    for i in range(n):
        row = rows.nth(i)
        assert "soc-trang" in row.get_attribute("data-place").split()
        assert row.get_attribute("data-year") == "2025"
    assert page.locator('[data-count="all"]').inner_text() == str(n)
    assert page.url.endswith("/en/targets/?place=soc-trang&year=2025")
    page.reload(wait_until="load")  # the address keeps the filters
    assert visible_rows(page).count() == n
    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function(f"document.querySelectorAll('#explorer tbody tr:not([hidden])').length === {total}")
    assert problems == [] and hosts == {urlsplit(base_url).netloc}
    page.close()


def test_explorer_sorts_by_a_column(browser, base_url):
    page, _, _ = open_page(browser, base_url + "/en/targets/", 1280)
    page.locator("#explorer th", has_text="Value").get_by_role("button").click()
    values = [float(v) for v in page.locator("#explorer tbody td[data-value].num").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-value'))")]
    assert values == sorted(values)
    assert page.locator("#explorer th[aria-sort='ascending']").count() == 1
    page.close()


def test_explorer_browses_to_a_place_and_a_year_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/en/targets/")
    assert not page.locator("form.explorer-filters").is_visible()  # filters need the script
    page.get_by_text("Browse by place, area or year").click()
    page.locator(".facet-lists").get_by_role("link", name="Soc Trang province").click()
    assert page.url.endswith("/en/places/soc-trang/#targets")  # a place's targets are on its page
    assert page.locator("h1").inner_text() == "Soc Trang province"
    page.goto(base_url + "/en/targets/")
    page.get_by_text("Browse by place, area or year").click()
    page.locator(".facet-lists").get_by_role("link", name="2025", exact=True).click()
    assert page.url.endswith("/en/targets/year/2025/")
    rows = page.locator("#explorer tbody tr")
    assert rows.count() > 0
    for i in range(rows.count()):
        assert rows.nth(i).get_attribute("data-year") == "2025"
    context.close()


def test_indicator_compare_view_has_a_named_chart_and_its_numbers(browser, base_url):
    page, _, problems = open_page(browser, base_url + "/en/indicators/ho-so-cong-viec-tren-mang/", 360)
    chart = page.get_by_role("img", name="Targets and results over the years: Share of work records processed online")
    assert chart.count() == 1 and chart.is_visible()
    box = chart.bounding_box()
    assert box["width"] <= 360
    description = page.evaluate("id => document.getElementById(id).textContent",
                                chart.get_attribute("aria-labelledby").split()[1])
    assert "targets (hollow markers, dashed lines)" in description
    table = page.get_by_role("table", name="The numbers in the chart: Share of work records processed online")
    assert table.count() == 1
    assert "at least 95%" in table.locator("tbody tr", has_text="Ca Mau province · District level").inner_text()
    long_phu = table.locator("tbody tr", has_text="Long Phu district · District level").inner_text()
    assert "at least 80%" in long_phu and "at least 90%" in long_phu
    assert problems == []
    page.close()


def test_document_table_of_contents_on_a_phone(browser, base_url):
    page, _, _ = open_page(browser, base_url + "/documents/lam-dong-2260-2021/", 390)
    toc = page.locator("details.toc")
    link = toc.get_by_role("link", name="Toàn văn")
    assert not link.is_visible()  # collapsed on a phone
    toc.locator("summary").click()
    assert link.is_visible()
    toc.get_by_role("link", name="II. MỤC TIÊU").click()
    assert page.url.endswith("#ii-muc-tieu")
    heading = page.locator("#ii-muc-tieu")
    assert heading.is_visible()
    assert 0 <= heading.bounding_box()["y"] < 900  # scrolled into view
    page.get_by_role("link", name="↑ Lên đầu trang").last.click()
    assert page.url.endswith("#main")
    page.close()


def test_document_table_of_contents_is_open_and_sticky_on_a_desktop(browser, base_url):
    page, _, _ = open_page(browser, base_url + "/documents/lam-dong-2260-2021/", 1280)
    assert page.locator("details.toc").get_attribute("open") is not None
    page.mouse.wheel(0, 6000)
    page.wait_for_timeout(100)
    assert 0 <= page.locator(".doc-toc").bounding_box()["y"] < 100
    page.close()


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_language_switch_on_every_page_type(browser, base_url, kind):
    path = PAGE_TYPES[kind]
    page, _, problems = open_page(browser, base_url + path, 1280)
    assert page.locator("html").get_attribute("lang") == "vi"
    page.locator("nav.languages").get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/en" + path
    assert page.locator("html").get_attribute("lang") == "en" and page.locator("h1").count() == 1
    page.locator("nav.languages").get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == path
    assert problems == []
    page.close()
