"""Cited instruments on the pages (issue 11): the /legal/ pages, each document's provenance,
related documents and cited instruments with the date-disagreement flag, and the figure
marks of templates/_marks.html (inferred years, baseline periods, comparators)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.config import load_config
from generator.errors import Report
from generator.render import Site
from generator.writer import Writer
from tests.conftest import run
from tests.test_browser import open_page
from tests.test_build import crawl
from tests.corpus.test_second_edition import CM, HG, LD, LP, ST, cat  # noqa: F401 (cat is a fixture)

PREFIX = {"vi": "", "en": "en/"}
NOT_LINKED = {"vi": "Chưa liên kết tới bản gốc", "en": "Original not linked"}
FLAG = {"vi": "⚠ Văn bản dẫn chiếu ghi ngày 24/3/2018; văn bản được dẫn chiếu ban hành ngày 23/4/2018.",
        "en": "⚠ The citing text dates it 24 Mar 2018; the instrument is dated 23 Apr 2018."}


def page(site: Path, lang: str, path: str) -> str:
    return (site / PREFIX[lang] / path / "index.html").read_text("utf-8")


def words(html: str) -> str:
    """The visible text, tags removed and spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def section(html: str, heading_id: str) -> str:
    """The <section aria-labelledby=heading_id> of a page ('' when there is none)."""
    match = re.search(rf'<section aria-labelledby="{heading_id}"[^>]*>(.*?)</section>', html, re.S)
    return match.group(1) if match else ""


def rows(html: str) -> list[str]:
    return re.findall(r"<tr[ >].*?</tr>", html, re.S)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_legal_pages_exist_in_both_languages(site, lang):
    listing = page(site, lang, "legal")
    assert {"vi": "Văn bản pháp lý được dẫn chiếu", "en": "Cited instruments"}[lang] in listing
    for instrument in ("nd-61-2018", "nq-10-2021-tu-soc-trang", "nq-76-2021-cp", "kh-tong-the-cchc-hau-giang-2021-2030"):
        assert f'href="/{PREFIX[lang]}legal/{instrument}/"' in listing
        assert (site / PREFIX[lang] / "legal" / instrument / "index.html").is_file()
    assert f'href="/{PREFIX[lang]}legal/"' in page(site, lang, "documents")  # in the navigation


def test_the_list_groups_by_issuer_level_and_counts_citing_documents(site):
    listing = page(site, "en", "legal")
    national, provincial = section(listing, "level-quoc-gia"), section(listing, "level-tinh")
    assert "National instruments (18)" in words(national) and "76/NQ-CP" in national  # 202/2025/QH15, 72/2025/QH15
    assert "Provincial instruments" in words(provincial) and "10-NQ/TU" in provincial
    assert "10-NQ/TU" not in national
    count = {words(row).split(" ")[0]: words(row).rsplit(" ", 1)[1] for row in rows(national)[1:]}
    assert count["76/NQ-CP"] == "2" and count["61/2018/NĐ-CP"] == "1"  # Lâm Đồng and Hậu Giang; Cà Mau


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_decree_61_lists_ca_mau_with_the_date_disagreement(site, lang):
    html = page(site, lang, "legal/nd-61-2018")
    text = words(html)
    assert {"vi": "23/4/2018", "en": "23 Apr 2018"}[lang] in text  # the instrument's own date
    assert {"vi": "Ngày ban hành của chính văn bản", "en": "The instrument's own date"}[lang] in text
    assert 'href="https://vietjack.me/phap-luat/nghi-dinh-61-2018-nd-cp-' in html  # third edition: its recorded url
    assert NOT_LINKED[lang] in words(page(site, lang, "legal/nd-117-2013"))  # no url: said honestly, none guessed
    cited_by = rows(section(html, "cited-by"))[1:]
    assert len(cited_by) == 1
    row = cited_by[0]
    assert f'href="/{PREFIX[lang]}documents/{CM}/#ref-nd-61-2018"' in row and 'class="flagged"' in row
    assert "Nghị định số 61 /2018/NĐ-CP ngày 24/3/2018" in row  # the wording as the text gives it
    assert FLAG[lang] in words(row) and 'class="flag"' in row
    assert {"vi": "dẫn chiếu", "en": "cites"}[lang] in words(row)


def test_an_instrument_whose_date_agrees_has_no_flag(site):
    html = page(site, "en", "legal/nd-42-2022")
    assert "⚠" not in html and 'class="flagged"' not in html


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_ca_mau_page_flags_the_date_disagreement(site, lang):
    refs = section(page(site, lang, f"documents/{CM}"), "refs")
    flagged = [row for row in rows(refs) if 'class="flagged"' in row]
    assert len(flagged) == 1 and 'id="ref-nd-61-2018"' in flagged[0]
    assert FLAG[lang] in words(flagged[0])
    assert f'href="/{PREFIX[lang]}legal/nd-61-2018/"' in flagged[0]
    assert len(rows(refs)) == 1 + 4  # header + the four instruments Cà Mau cites
    assert words(refs).count("⚠") == 1


def related(site: Path, lang: str, document: str) -> set[tuple[str, str, str, str]]:
    """(other document, its relation, instrument, this document's relation) shown on a document page."""
    found, other = set(), None
    for row in rows(section(page(site, lang, f"documents/{document}"), "related"))[1:]:
        named = re.search(r'href="/(?:en/)?documents/([^/]+)/"', row)  # a document's first row names it (rowspan)
        other = named.group(1) if named else other
        instrument = re.search(r'href="/(?:en/)?legal/([^/]+)/"', row).group(1)
        cells = [words(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)][1 if named else 0:]
        found.add((other, cells[0], instrument, cells[2]))
    return found


@pytest.mark.parametrize("lang, implements, reports_on", [("en", "implements", "reports on"),
                                                          ("vi", "thực hiện", "báo cáo kết quả")])
def test_long_phu_and_soc_trang_are_related_through_10_nq_tu_both_ways(site, lang, implements, reports_on):
    assert (ST, reports_on, "nq-10-2021-tu-soc-trang", implements) in related(site, lang, LP)
    assert (LP, implements, "nq-10-2021-tu-soc-trang", reports_on) in related(site, lang, ST)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_lam_dong_and_hau_giang_are_related_through_76_nq_cp(site, lang):
    implements = {"vi": "thực hiện", "en": "implements"}[lang]
    assert related(site, lang, LD) == {(HG, implements, "nq-76-2021-cp", implements)}
    assert related(site, lang, HG) == {(LD, implements, "nq-76-2021-cp", implements)}
    assert related(site, lang, CM) == set()  # no shared instrument: no section


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_provenance_shows_the_publisher_or_says_the_original_is_not_linked(site, lang):
    lam_dong = words(section(page(site, lang, f"documents/{LD}"), "provenance"))
    assert "Hệ thống pháp luật" in lam_dong
    assert NOT_LINKED[lang] in lam_dong  # it names the database but gives no address
    hau_giang = section(page(site, lang, f"documents/{HG}"), "provenance")  # third edition: its original found
    assert 'href="https://haugiang.gov.vn/' in hau_giang and NOT_LINKED[lang] not in words(hau_giang)
    for document in (LP, ST, CM):
        provenance = words(section(page(site, lang, f"documents/{document}"), "provenance"))
        assert NOT_LINKED[lang] in provenance and "Hệ thống pháp luật" not in provenance
        assert NOT_LINKED["en" if lang == "vi" else "vi"] not in provenance


def test_a_source_url_is_linked(project):
    path = project / "content" / "documents" / f"{CM}.md"
    text = path.read_text("utf-8")
    text = text.replace("source_url: null", 'source_url: "https://example.org/ca-mau"', 1)
    text = text.replace("source_publisher: null", 'source_publisher: "Báo Cà Mau"', 1)
    path.write_text(text, "utf-8")
    assert run(project, "--quiet").exit_code == 0
    provenance = section(page(project / "_site", "en", f"documents/{CM}"), "provenance")
    assert 'href="https://example.org/ca-mau"' in provenance and "Báo Cà Mau" in provenance
    assert NOT_LINKED["en"] not in provenance


@pytest.fixture(scope="module")
def render(built_project, cat, tmp_path_factory):  # noqa: F811 (cat is the imported fixture)
    """Render a template string with the real Site's environment, in a language."""
    report = Report()
    config = load_config(built_project, report)
    site = Site(config, cat, Writer(tmp_path_factory.mktemp("marks"), report), report)
    assert not report.errors

    def render(source: str, lang: str, **values) -> str:
        return site.envs[lang].from_string(source).render(**site.context(lang, "x/"), **values)
    return render


MARKS = '{% from "_marks.html" import year, year_legend, baseline, comparator with context %}'


def figure(cat, document: str, row: str):  # noqa: F811
    return next(r for r in [*cat.targets_of(document), *cat.results_of(document)] if r.id == f"{document}-{row}")


@pytest.mark.parametrize("lang, title", [("en", "Year inferred by the curators; the text gives none"),
                                         ("vi", "Năm do nhóm biên tập suy ra; văn bản không nêu năm")])
def test_year_marks_an_inferred_year_only(render, cat, lang, title):  # noqa: F811
    inferred, stated = figure(cat, LD, "t01"), figure(cat, LD, "t02")
    assert inferred.year_stated is False and stated.year_stated is True
    assert render(MARKS + "{{ year(row) }}", lang, row=inferred) == f'2025<abbr class="inferred" title="{title}">*</abbr>'
    assert render(MARKS + "{{ year(row) }}", lang, row=stated) == "2025"
    assert title in render(MARKS + "{{ year_legend(rows) }}", lang, rows=[stated, inferred])
    assert render(MARKS + "{{ year_legend(rows) }}", lang, rows=[stated]) == ""


@pytest.mark.parametrize("lang, period, year", [
    ("en", "compared with the period 2021–2025", "compared with 2022"),
    ("vi", "so với giai đoạn 2021–2025", "so với năm 2022"),
])
def test_baseline_says_a_period_or_a_year(render, cat, lang, period, year):  # noqa: F811
    assert words(render(MARKS + "{{ baseline(row) }}", lang, row=figure(cat, LP, "t22"))) == period
    assert words(render(MARKS + "{{ baseline(row) }}", lang, row=figure(cat, CM, "t16"))) == year
    assert render(MARKS + "{{ baseline(row) }}", lang, row=figure(cat, LD, "t01")) == ""


@pytest.mark.parametrize("lang, more_than", [("en", "more than"), ("vi", "trên")])
def test_comparator_shows_a_results_comparator_only_when_it_is_not_equals(render, cat, lang, more_than):  # noqa: F811
    assert render(MARKS + "{{ comparator(row) }}", lang, row=figure(cat, ST, "r02")) == \
        f'<span class="comparator">{more_than}</span>'  # "trên 65"
    exact = next(r for r in cat.results_of(ST) if r.comparator == "=")
    assert render(MARKS + "{{ comparator(row) }}", lang, row=exact) == ""


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_link_on_the_legal_pages_is_broken(site, cat, lang):  # noqa: F811
    pages = {p.parent.name for p in (site / PREFIX[lang] / "legal").glob("*/index.html")}
    assert pages == set(cat.legal_documents) and (site / PREFIX[lang] / "legal/index.html").is_file()  # every instrument, the list
    broken = [problem for problem in crawl(site, "/") if problem[0].startswith(f"{PREFIX[lang]}legal/")]
    assert broken == []


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/legal/", "/en/legal/nd-61-2018/", f"/documents/{CM}/", f"/en/documents/{LP}/"])
def test_legal_parts_load_cleanly_and_fit_a_phone(browser, base_url, path, width):  # noqa: F811
    page, hosts, problems = open_page(browser, base_url + path, width)
    assert hosts == {urlsplit(base_url).netloc} and problems == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_date_flag_is_visible_on_the_ca_mau_page(browser, base_url, width):  # noqa: F811
    page, _, _ = open_page(browser, base_url + f"/en/documents/{CM}/#ref-nd-61-2018", width)
    flag = page.locator("tr#ref-nd-61-2018 .flag")
    assert flag.count() == 1 and flag.is_visible()
    assert flag.inner_text() == FLAG["en"]
    page.close()
