"""Search ranks what a reader asked for first: a table of queries (with and without marks,
abbreviations, English) and the pages that must come first, typed into the real search page of
the built curated site in headless Chromium.

The expected pages come from reading the pages and the data (which indicators' names say the
words, which topic they are in), never from what the search returned.
"""

from __future__ import annotations

import pytest

from generator.searchtext import fold
from tests.test_search import ask, marked, root_url, search_page  # noqa: F401  (root_url: a fixture)

CA_MAU = {"/documents/ca-mau-cchc-2023/", "/places/ca-mau/", "/places/ca-mau-2025/"}
# the indicators whose names say "trực tuyến mức độ 3 và 4" (levels 3 and 4 of online services)
LEVEL_3_4 = {"/indicators/tthc-cung-cap-truc-tuyen/", "/indicators/ho-so-truc-tuyen-muc-do-3-4/",
             "/indicators/tthc-tich-hop-cong-dvc-quoc-gia/"}
# the topic "Thanh toán trực tuyến" (online payment): its four indicators
PAYMENT = {f"/indicators/{i}/" for i in ("tthc-thanh-toan-truc-tuyen", "tthc-thanh-toan-truc-tuyen-cong-dvc-quoc-gia",
                                         "giao-dich-thanh-toan-truc-tuyen", "giao-dich-thanh-toan-truc-tuyen-cong-dvc-quoc-gia")}
# the indicators named "… số hóa kết quả giải quyết thủ tục hành chính …"
DIGITISED_RESULTS = {f"/indicators/{i}/" for i in ("so-hoa-ket-qua-tthc", "so-hoa-ket-qua-tthc-con-hieu-luc",
                                                   "so-hoa-ket-qua-tthc-tang-hang-nam")}
# the topic "Số hóa hồ sơ, kết quả và dữ liệu" (digitised records and data)
DIGITISED = DIGITISED_RESULTS | {"/indicators/khong-cung-cap-lai-giay-to/", "/indicators/du-lieu-quan-ly-so-hoa/"}


def en(paths: set[str]) -> set[str]:
    return {f"/en{path}" for path in paths}


# query, page it is typed on, what the top three are: the set itself (three pages), drawn from
# a set (more than three), or pages whose title says a phrase; pages that must not be found at all
CASES = [
    ("ca mau", "/", CA_MAU, ("lam-dong", "soc-trang")),
    ("Cà Mau", "/", CA_MAU, ("lam-dong", "soc-trang")),
    ("dich vu cong truc tuyen muc do 4", "/", LEVEL_3_4, ()),
    ("dịch vụ công trực tuyến mức độ 4", "/", LEVEL_3_4, ()),
    ("thanh toan truc tuyen", "/", PAYMENT, ()),
    ("thanh toán trực tuyến", "/", PAYMENT, ()),
    ("so hoa ket qua", "/", DIGITISED_RESULTS, ()),
    ("số hoá kết quả", "/", DIGITISED_RESULTS, ()),  # the other tone placement
    ("CCHC", "/", "cải cách hành chính", ()),
    ("TTHC", "/", "thủ tục hành chính", ()),
    ("DVCTT", "/", "dịch vụ công trực tuyến", ()),
    ("online payment", "/en/", en(PAYMENT), ()),
    ("Ca Mau", "/en/", en(CA_MAU), ("lam-dong", "soc-trang")),
    ("digitised records", "/en/", en(DIGITISED), ()),
]


@pytest.fixture(scope="module")
def asked(browser, root_url):
    """asked(query, start): the search page of `start`'s language, kept open, with `query`'s
    results; asked.page(start): that page."""
    pages = {}

    def page(start="/"):
        if start not in pages:
            pages[start] = search_page(browser, root_url, start)
        return pages[start]

    def asking(query, start="/"):
        return ask(page(start), query)
    asking.page = page
    yield asking
    for page in pages.values():
        page.close()


def top(page, n: int = 3) -> list[tuple[str, str]]:
    """(address, title) of the first `n` pages found."""
    titles = page.locator(".search-result .search-title a").all()[:n]
    return [(a.get_attribute("href"), a.inner_text()) for a in titles]


@pytest.mark.parametrize("query, start, expected, never", CASES, ids=[f"{c[1]}{c[0]}" for c in CASES])
def test_the_first_three_results(asked, query, start, expected, never):
    page = asked(query, start)
    first = top(page)
    assert len(first) == 3, first
    if isinstance(expected, str):
        # an abbreviation: each title says what it stands for (or the abbreviation itself)
        assert all(fold(expected) in fold(title) or query.lower() in title.lower() for _, title in first), first
    elif len(expected) == 3:
        assert {href for href, _ in first} == expected, first
    else:
        assert {href for href, _ in first} <= expected, first
    pages = [a.get_attribute("href") for a in page.locator(".search-result .search-title a").all()]
    assert not [href for href in pages if any(name in href for name in never)], pages
    assert page.problems == []


def test_a_word_typed_with_its_marks_ranks_pages_with_those_marks_first(asked):
    # "mẫu" (as in mẫu số, denominator) folds to "mau", as Cà Mau does: typed with its marks,
    # the pages that say mẫu come first, Cà Mau's after them
    page = asked("mẫu")
    first = [href for href, _ in top(page)]
    assert not set(first) & CA_MAU, first
    assert all("mẫu" in w.lower() for w in marked(page)[:3]), marked(page)
    page = asked("Mau")  # typed without: Cà Mau, whose name it is, first
    assert {href for href, _ in top(page)} == CA_MAU


@pytest.mark.parametrize("query, words", [
    ("CCHC", {"cchc", "cai", "cach", "hanh", "chinh"}),  # never INDEX), vị, số: what CCHC stands for only
    ("ca mau", {"ca", "mau"}),  # never các, cách, cấp (words that begin with ca)
    ("dich vu cong truc tuyen muc do 4", {"dich", "vu", "cong", "truc", "tuyen", "muc", "do", "4"}),  # never doanh, đồng
])
def test_highlights_mark_only_the_words_asked_for(asked, query, words):
    page = asked(query)
    every = [m.text_content() for m in page.locator(".search-results mark").all()]  # folded rows too
    found = {"".join(c for c in fold(w) if c.isalnum()) for w in every}
    assert found and found <= words, found - words
    shown = page.locator(".search-results").text_content()
    assert "⸢" not in shown and "⸣" not in shown  # the added spellings never reach a reader (titles too)


def test_english_excerpts_are_english(asked):
    # a figure's English page shows its English statement and note, not the Vietnamese quote
    page = asked("online payment", start="/en/")
    rows = [e.text_content() for e in page.locator(".search-subresult .search-excerpt").all()]
    assert rows and not [r for r in rows if "thanh toán trực tuyến" in r.lower() or "đến năm" in r.lower()], rows


@pytest.mark.parametrize("excerpt, query, expected", [
    # an abbreviation's long form is marked word by word, the text's full stop kept
    ("cải cách hành chính ⸢<mark>cchc</mark>⸣⸣⸣⸣. Số liệu", "CCHC",
     "<mark>cải</mark> <mark>cách</mark> <mark>hành</mark> <mark>chính.</mark> Số liệu"),
    ("<mark>các</mark> <mark>mẫu</mark> đơn", "ca mau", "các <mark>mẫu</mark> đơn"),  # các is not ca
    ("<mark>đăng</mark> ⸢<mark>dăng</mark>⸣ <mark>ký</mark>", "dang ky", "<mark>đăng</mark> <mark>ký</mark>"),
    ("chính hành thủ tục⸣ <mark>TTHC</mark> năm 2025", "TTHC", "<mark>TTHC</mark> năm 2025"),  # began inside ⸢…⸣
])
def test_an_excerpt_loses_the_added_spellings_and_marks_only_what_was_asked(asked, excerpt, query, expected):
    page = asked.page()
    script = page.locator("script[type=module]").get_attribute("src")
    got = page.evaluate("async ([src, html, query]) => { const m = await import(src);"
                        " return m.cleanExcerpt(html, m.matcher(m.normaliseQuery(query), 'whole')); }",
                        [script, excerpt, query])
    assert got == expected
