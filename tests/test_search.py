"""Search: Vietnamese folding and abbreviations (unit), the index inside the atomic build, and
real queries typed into the header box in headless Chromium, at the root and under /cchc/."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from generator.errors import Report
from generator.search import part_of
from generator.searchtext import extra_terms, fold, load_abbreviations, normalise_tones
from tests.conftest import copy_project, digest, run, serve

ABBREVIATIONS = "content/search/abbreviations.yaml"


# --- the text functions ------------------------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("hoá", "hóa"), ("Số hoá", "Số hóa"), ("thuỷ", "thủy"), ("Uỷ ban", "Ủy ban"), ("khoẻ", "khỏe"),
    ("hóa", "hóa"), ("quý", "quý"), ("hoàn", "hoàn"), ("thuý", "thúy"), ("hoá".encode().decode(), "hóa"),
])
def test_one_tone_placement(typed, expected):
    assert normalise_tones(typed) == expected


def test_nfd_input_is_normalised_to_nfc():
    import unicodedata
    assert normalise_tones(unicodedata.normalize("NFD", "Số hoá")) == "Số hóa"


def test_fold_drops_every_mark_and_d():
    assert fold("Đăng KÝ định danh") == "dang ky dinh danh"


def test_extra_terms_add_other_spellings_and_abbreviations(project):
    abbreviations = load_abbreviations(project, Report())
    assert extra_terms("số hoá", []) == "hóa"
    assert extra_terms("đăng ký", []) == "dăng"
    assert "tthc" in extra_terms("giải quyết thủ tục hành chính", abbreviations).split()
    assert {"thủ", "tục", "hành", "chính"} <= set(extra_terms("hồ sơ TTHC", abbreviations).split())
    assert "cbccvc" in extra_terms("cán bộ, công chức, viên chức", abbreviations).split()
    assert "ủy" in extra_terms("UBND tỉnh", abbreviations).split()
    assert extra_terms("hóa đơn", []) == "dơn"


# --- the abbreviation file ---------------------------------------------------------------

def _abbreviation_problems(tmp_path, text):
    (tmp_path / "content" / "search").mkdir(parents=True)
    (tmp_path / ABBREVIATIONS).write_text(text, encoding="utf-8")
    report = Report()
    found = load_abbreviations(tmp_path, report)
    return found, [p.format() for p in report.problems]


def test_abbreviation_file_is_read(tmp_path):
    found, problems = _abbreviation_problems(tmp_path, "- {short: TTHC, long: [thủ tục hành chính]}\n")
    assert problems == [] and found[0].short == "TTHC" and found[0].long == ("thủ tục hành chính",)


@pytest.mark.parametrize("text, message", [
    ("short: TTHC\n", f"{ABBREVIATIONS}:1: expected a list of entries such as "
                      "- {short: TTHC, long: [thủ tục hành chính]}"),
    ("- TTHC\n", f"{ABBREVIATIONS}:1: expected short and long, such as {{short: TTHC, long: [thủ tục hành chính]}}"),
    ("- {long: [thủ tục hành chính]}\n", f"{ABBREVIATIONS}:1: short: missing"),
    ("- {short: TTHC}\n", f"{ABBREVIATIONS}:1: long: missing"),
    ("- {short: TT HC, long: [thủ tục hành chính]}\n",
     f'{ABBREVIATIONS}:1: short: "TT HC" is not an abbreviation (expected one word of letters and digits, such as TTHC)'),
    ("- {short: TTHC, long: thủ tục hành chính}\n",
     f"{ABBREVIATIONS}:1: long: expected a list of long forms, such as [thủ tục hành chính]"),
    ("- {short: TTHC, long: []}\n",
     f"{ABBREVIATIONS}:1: long: expected a list of long forms, such as [thủ tục hành chính]"),
    ("- {short: TTHC, long: [a], note: x}\n", f"{ABBREVIATIONS}:1: note: unknown key (expected short and long)"),
    ("- {short: TTHC, long: [a]}\n- {short: tthc, long: [b]}\n",
     f'{ABBREVIATIONS}:2: short: "tthc" is listed twice (first at line 1) (hint: merge the long forms into one entry)'),
    ("- {short: TTHC, long: [a\n", None),
])
def test_malformed_abbreviation_entries_have_exact_messages(tmp_path, text, message):
    found, problems = _abbreviation_problems(tmp_path, text)
    if message is None:
        assert len(problems) == 1 and problems[0].startswith(f"{ABBREVIATIONS}:") and "YAML syntax error" in problems[0]
    else:
        assert message in problems and len(problems) == 1


def test_a_bad_abbreviation_file_fails_the_build(project):
    before = digest(project / "_site")
    (project / ABBREVIATIONS).write_text("- {short: TT HC, long: [thủ tục hành chính]}\n", encoding="utf-8")
    result = run(project)
    assert result.exit_code == 1
    assert 'short: "TT HC" is not an abbreviation' in result.output
    assert digest(project / "_site") == before


# --- the index inside the atomic build ----------------------------------------------------

def test_the_index_is_in_the_site(site):
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert any(bundle.glob("pagefind.vi_*.pf_meta")) and any(bundle.glob("pagefind.en_*.pf_meta"))
    assert (site / "search" / "index.html").is_file() and (site / "en" / "search" / "index.html").is_file()


def test_a_failed_index_fails_the_build_and_keeps_the_last_good_site(project, monkeypatch):
    before = digest(project / "_site")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(project / "no-such-pagefind"))
    result = run(project)
    assert result.exit_code == 1
    assert "search index: Pagefind could not build the search index:" in result.output
    assert digest(project / "_site") == before


def test_an_indexer_killed_by_the_system_is_one_clear_error(project, monkeypatch):
    """A real process ended by SIGKILL, as the out-of-memory killer ends Pagefind on a large corpus."""
    killed = project / "killed-pagefind"
    killed.write_text("#!/bin/sh\nkill -9 $$\n", "utf-8")
    killed.chmod(0o755)
    before = digest(project / "_site")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(killed))
    result = run(project)
    assert result.exit_code == 1
    assert ("search index: Pagefind could not build the search index: the pagefind process was killed by "
            "signal 9 (out of memory?) (hint: build on a machine with more memory, or set a smaller "
            "search_part_size in site.yaml; the previous site is kept)"
            in result.output)
    assert digest(project / "_site") == before


# --- in the browser ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def root_url(site):
    yield from serve(site)


@pytest.fixture(scope="module")
def sub_url(tmp_path_factory):
    """The project with one more sentence, built for https://example.org/cchc/ and served at /cchc/."""
    root = copy_project(tmp_path_factory.mktemp("subpath") / "project")
    document = root / "content" / "documents" / "hau-giang-217-2022.md"
    document.write_text(document.read_text(encoding="utf-8")
                        + "\n## Đăng ký đất đai\n\nNgười dân đăng ký đất đai trực tuyến.\n",
                        encoding="utf-8")
    served = root.parent / "served"
    result = run(root, "--quiet", "--base-url", "https://example.org/cchc/", "--output", str(served / "cchc"))
    assert result.exit_code == 0, result.output
    for url in serve(served):
        yield url + "/cchc"


@pytest.fixture(scope="module")
def parts_url(tmp_path_factory):
    """The project with its search index in three parts (`search_part_size: 2`, five documents)."""
    root = copy_project(tmp_path_factory.mktemp("parts") / "project")
    with open(root / "site.yaml", "a", encoding="utf-8") as settings:
        settings.write("search_part_size: 2\n")
    result = run(root, "--quiet")
    assert result.exit_code == 0, result.output
    yield from serve(root / "_site")


def watched(browser, width):
    """A new page whose console errors and uncaught exceptions collect in `page.problems`."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.problems = []
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    return page


def search(browser, base, query, start="/", width=390):
    """Type `query` into the header box of `start` and wait for the results."""
    page = watched(browser, width)
    page.goto(base + start, wait_until="load")  # the header box is a plain form: no script needed
    page.fill("#search-box-q", query)
    page.press("#search-box-q", "Enter")
    page.wait_for_selector(".search-status:not(:empty)")
    page.wait_for_selector(".search-result")  # every query here finds something; a batch is added at once
    return page


def search_page(browser, base, start="/"):
    """The search page of `start`'s language, open and ready (its filters are shown once
    Pagefind has loaded), for `ask` to type one query after another into, as a reader asking
    again does: Pagefind is loaded once, not once a query."""
    page = watched(browser, 1280)
    page.goto(base + start + "search/", wait_until="load")
    page.wait_for_selector(".search-filters:not([hidden])")
    return page


def ask(page, query):
    """Type `query` into the search page's own box and wait for its new results (the status
    and the list are emptied first, so nothing of the last query is read as this one's)."""
    page.evaluate("document.querySelector('.search-status').textContent = '';"
                  "document.querySelector('.search-results').replaceChildren()")
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    page.wait_for_selector(".search-status:not(:empty)")
    page.wait_for_selector(".search-result")
    return page


def links(page):
    return [a.get_attribute("href") for a in page.locator(".search-results a").all()]


def marked(page):
    return [m.inner_text() for m in page.locator(".search-results mark").all()]


def test_online_payment_finds_the_targets_of_three_places(browser, root_url):
    page = search(browser, root_url, "thanh toan truc tuyen")
    found = links(page)
    for row in ("lam-dong-2260-2021-t0", "long-phu-53-2022-t0", "ca-mau-cchc-2023-t1"):
        assert any(f"#{row}" in href for href in found), (row, found)
    assert page.problems == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


def test_an_index_in_parts_is_searched_as_one(browser, root_url, parts_url):
    # Lâm Đồng's document is in the first part; Long Phú's and Cà Mau's in the second.
    assert [part_of(f"documents/{d}/", 3) for d in ("lam-dong-2260-2021", "long-phu-53-2022", "ca-mau-cchc-2023")] == [0, 1, 1]
    whole = search(browser, root_url, "thanh toan truc tuyen")
    parts = search(browser, parts_url, "thanh toan truc tuyen")
    for row in ("lam-dong-2260-2021-t0", "long-phu-53-2022-t0", "ca-mau-cchc-2023-t1"):
        assert any(f"#{row}" in href for href in links(parts)), (row, links(parts))
    assert parts.locator(".search-status").inner_text() == whole.locator(".search-status").inner_text()
    assert parts.problems == []
    parts.select_option("select[data-filter=kind]", "Chỉ số")  # filters span the parts too
    whole.select_option("select[data-filter=kind]", "Chỉ số")
    for page in (parts, whole):
        page.wait_for_function("document.querySelectorAll('.search-result > .kicker').length > 0 && "
                               "[...document.querySelectorAll('.search-result > .kicker')].every(k => k.innerText.startsWith('Chỉ số'))")
    assert parts.locator(".search-status").inner_text() == whole.locator(".search-status").inner_text()
    parts.close()
    whole.close()


def test_words_typed_without_d_find_d(browser, sub_url):
    page = search(browser, sub_url, "dang ky dat dai")
    assert any(href.endswith("/documents/hau-giang-217-2022/#dang-ky-dat-dai") for href in links(page))
    excerpts = [e.inner_html() for e in page.locator(".search-excerpt").all()]
    assert any("<mark>đăng</mark> <mark>ký</mark> <mark>đất</mark> <mark>đai</mark>" in e for e in excerpts), excerpts
    page.close()


@pytest.fixture(scope="module")
def asked(browser, root_url):
    """The curated site's search page, kept open for one query after another (`ask`)."""
    page = search_page(browser, root_url)
    yield page
    page.close()


def test_dinh_danh_dien_tu(asked):
    words = {w.lower() for w in marked(ask(asked, "dinh danh dien tu"))}
    assert {"định", "danh", "điện", "tử"} <= words


def test_both_tone_placements_are_found(asked):
    page = ask(asked, "so hoa ket qua")
    texts = page.locator(".search-results").inner_text()
    found = links(page)
    assert any("#long-phu-53-2022-t09" in h or "#long-phu-53-2022-t10" in h for h in found), found
    assert any("#lam-dong-2260-2021-t05" in h or "#lam-dong-2260-2021-t06" in h for h in found), found
    assert "số hoá" in texts.lower() and "số hóa" in texts.lower()


def test_a_query_with_marks_ranks_its_own_spelling_first(browser, sub_url):
    # "dang ky" also matches dạng … ký; typed with its marks, the page that says đăng ký comes first.
    page = search(browser, sub_url, "đăng ký")
    documents = [h for h in links(page) if "/documents/" in h]
    assert "/documents/hau-giang-217-2022/" in documents[0], documents
    page.close()


def test_an_abbreviation_finds_its_long_form(asked):
    excerpts = [e.inner_text() for e in ask(asked, "TTHC").locator(".search-excerpt").all()]
    assert any("thủ tục hành chính" in e.lower() and "tthc" not in e.lower() for e in excerpts), excerpts
    assert asked.problems == []


def test_a_filter_narrows_the_results(browser, root_url):
    page = search(browser, root_url, "thanh toan truc tuyen")
    before = page.locator(".search-result").count()
    page.select_option("select[data-filter=kind]", "Chỉ số")  # the site's word for an indicator
    # the list is emptied, then the new results are added at once
    page.wait_for_function(f"(n => n > 0 && n < {before})(document.querySelectorAll('.search-result').length)")
    kickers = [k.inner_text() for k in page.locator(".search-result > .kicker").all()]
    assert kickers and all(k.startswith("Chỉ số") for k in kickers)
    assert "kind=" in page.url
    page.close()


def test_english_pages_search_english_text(browser, root_url):
    page = search(browser, root_url, "online payment", start="/en/")
    assert page.url.startswith(root_url + "/en/search/")
    assert "online" in [w.lower() for w in marked(page)]
    assert all(href.startswith("/en/") for href in links(page))
    page.close()


@pytest.mark.parametrize("which", ["root", "sub"])
def test_a_result_opens_its_row(browser, root_url, sub_url, which):
    base = root_url if which == "root" else sub_url
    page = search(browser, base, "thanh toan truc tuyen")
    link = page.locator(".search-subresult a[href*='#long-phu-53-2022-t0']").first
    href = link.get_attribute("href")
    prefix = urlsplit(base).path
    assert href.startswith(prefix + "/documents/long-phu-53-2022/#")
    anchor = href.split("#")[1]
    link.click()
    page.wait_for_url(f"**#{anchor}", wait_until="load")
    row = page.locator(f"tr[id='{anchor}']")
    assert row.is_visible() and page.evaluate(f"document.getElementById('{anchor}').matches(':target')")
    assert page.problems == []
    page.close()


def test_a_section_result_opens_its_heading(browser, root_url):
    page = search(browser, root_url, "Mục tiêu cụ thể")
    link = page.locator(".search-subresult a[href*='/documents/'][href*='#']").first
    href = link.get_attribute("href")
    anchor = href.split("#")[1]
    link.click()
    page.wait_for_url(f"**#{anchor}", wait_until="load")
    assert page.locator(f"[id='{anchor}']").is_visible()
    page.close()


def test_without_javascript_the_search_page_says_why_and_links_to_lists(browser, root_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(root_url + "/", wait_until="load")
    page.fill("#search-box-q", "thanh toan")
    page.press("#search-box-q", "Enter")
    page.wait_for_url("**/search/?q=thanh+toan", wait_until="load")
    note = page.locator(".search-noscript")
    assert note.is_visible() and "JavaScript" in note.inner_text()
    assert note.locator("a[href='/documents/']").count() == 1
    assert note.locator("a[href='/indicators/']").count() == 1
    context.close()


def test_query_normalisation_in_the_page_matches_python(browser, root_url):
    page = browser.new_page()
    page.goto(root_url + "/search/", wait_until="load")
    script = page.locator("script[type=module]").get_attribute("src")
    for typed in ["Số hoá", "THUỶ lợi", "Uỷ ban", "đăng ký", "quý"]:
        import unicodedata
        nfd = unicodedata.normalize("NFD", typed)
        got = page.evaluate("async ([src, q]) => (await import(src)).normaliseQuery(q)", [script, nfd])
        assert got == normalise_tones(typed).replace("đ", "d").replace("Đ", "D")
    page.close()
