"""What a reader sees, in a real browser (the system Chromium driven by Playwright: the session's
`browser` and `base_url` fixtures, in conftest.py; a new page per test)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest


def open_page(browser, url, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    hosts, problems = set(), []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url, wait_until="networkidle")  # every request the page makes, late ones too
    return page, hosts, problems


@pytest.mark.parametrize("path", ["/", "/en/", "/documents/soc-trang-ket-qua-2022-2023/",
                                  "/indicators/ho-so-cong-viec-tren-mang/", "/datasets/cchc/"])
@pytest.mark.parametrize("width", [390, 1280])
def test_page_loads_only_from_the_site_without_errors_or_sideways_scroll(browser, base_url, path, width):
    page, hosts, problems = open_page(browser, base_url + path, width)
    assert hosts == {urlsplit(base_url).netloc}
    assert problems == []  # a CSP violation or a missing asset would show here
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator("h1").count() == 1
    page.close()


def test_a_target_links_to_its_sentence_and_back(browser, base_url):
    page, _, _ = open_page(browser, base_url + "/documents/long-phu-53-2022/", 390)
    row = page.locator("tr#long-phu-53-2022-t11")
    row.get_by_role("link", name="Xem trong văn bản").click()
    mark = page.locator("mark#q-long-phu-53-2022-t11")
    assert page.url.endswith("#q-long-phu-53-2022-t11")
    assert mark.is_visible() and "2025" in mark.inner_text()
    mark.locator("a.cite-back").click()
    assert page.url.endswith("#long-phu-53-2022-t11")
    page.close()


def test_flagged_ratio_is_shown_not_hidden(browser, base_url):
    page, _, _ = open_page(browser, base_url + "/en/documents/soc-trang-ket-qua-2022-2023/", 1280)
    flag = page.locator("tr.flagged .flag")
    assert flag.count() == 1 and flag.is_visible()
    assert "41/103 = 39.81%" in flag.inner_text()
    page.close()
