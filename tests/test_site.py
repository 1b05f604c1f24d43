"""The public site's pages, read as HTML: explorer, facets, charts, navigation aids,
language, trust lines, crawler files and the 404 answer of `serve`."""

from __future__ import annotations

import csv
import io
import re
import threading
import urllib.error
import urllib.request
from functools import partial
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.pages.targets import moved
from generator.server import Handler, State
from tests.conftest import ROOT, run


def html(site: Path, path: str) -> str:
    return (site / path.strip("/") / "index.html").read_text("utf-8")


class Text(HTMLParser):
    """Visible interface text of a page: leaves out every element marked with a `lang`
    (document texts, quotes, names, one-language notes) and, when asked, elements with one
    of `skip_classes`."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col", "base"}

    def __init__(self, lang: str, skip_classes=()):
        super().__init__()
        self.lang, self.skip_classes = lang, set(skip_classes)
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, is it skipped?)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        other = "lang" in attrs
        skipped = (other or tag in ("script", "style", "title", "desc")
                   or bool(self.skip_classes & set((attrs.get("class") or "").split())))
        self.stack.append((tag, skipped or (bool(self.stack) and self.stack[-1][1])))

    def handle_endtag(self, tag):
        if tag in self.VOID or tag not in [t for t, _ in self.stack]:
            return
        while self.stack and self.stack.pop()[0] != tag:  # close what HTML closes implicitly
            pass

    def handle_data(self, data):
        if not (self.stack and self.stack[-1][1]):
            self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def visible_text(page: str, lang: str, skip_classes=()) -> str:
    parser = Text(lang, skip_classes)
    body = page.split("<body>", 1)[1]
    parser.feed(body)
    return parser.text()


def rows_of(page: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'data-(place|year|area|status|indicator)="([^"]*)"', row))
            for row in re.findall(r"<tr data-place[^>]*>", page)]


# --- the targets explorer and its facet pages ---------------------------------

def test_explorer_lists_every_target_with_counts_per_status(site):
    page = html(site, "targets")
    rows = rows_of(page)
    targets = (ROOT / "datasets/cchc/targets.csv").read_text("utf-8").count("\n") - 1
    assert len(rows) == targets
    counts = dict(re.findall(r'data-count="([a-z-]+)">(\d+)<', page))
    assert int(counts["all"]) == targets
    assert sum(int(counts[s]) for s in ("met", "not-met-yet", "no-data")) == targets
    assert 'src="/static/explorer.' in page and "<script>" not in page  # no inline script (CSP)


@pytest.mark.parametrize("path", ["targets/area/thu-tuc-hanh-chinh", "targets/year/2025", "en/targets/year/2030"])
def test_area_and_year_facets_exist_and_are_linked(site, path):
    rows = rows_of(html(site, path))
    assert rows
    key, value = ("area", path.split("/")[-1]) if "/area/" in path else ("year", path.split("/")[-1])
    assert all(row[key] == value for row in rows)
    explorer = html(site, "en/targets" if path.startswith("en/") else "targets")
    assert f'href="/{path}/"' in explorer


# --- compare views and charts ---------------------------------------------------

def test_indicator_page_has_an_accessible_chart_and_its_numbers(site):
    page = html(site, "en/indicators/ho-so-cong-viec-tren-mang")
    svg = re.search(r"<svg class=\"chart\"[^>]*>", page).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="' in svg and 'viewBox="0 0 ' in svg and 'width="100%"' in svg
    title = re.search(r'<title id="[^"]+-title">([^<]+)</title>', page).group(1)
    assert title == "Targets and results over the years: Share of work records processed online"
    assert re.search(r'<desc id="[^"]+-desc">\d+ series, 20\d\d–20\d\d: ', page)
    table = page.split('class="compare"', 1)[1].split("</table>", 1)[0]
    assert "Long Phu district" in table and "90%" in table
    # colours alone never tell series apart: every series has its own colour+shape pair
    looks = re.findall(r'<g class="series" data-series="[^"]+">(<[a-z]+) [^>]*?(?:fill|stroke)="(#[0-9A-F]{6})"', page)
    assert len(set(looks)) == len(looks)


def test_compare_page_groups_indicators_of_an_area_by_unit(site):
    page = html(site, "en/compare/thu-tuc-hanh-chinh")
    assert '<h2 id="unit-percent">Indicators in percent' in page
    assert page.count('role="img"') >= 2
    assert 'href="/en/compare/chinh-quyen-so/"' in html(site, "en/indicators/ho-so-cong-viec-tren-mang")


def test_place_with_results_shows_them_as_charts(site):
    page = html(site, "en/places/soc-trang")
    assert page.count('role="img"') >= 1 and 'class="compare"' in page


# --- long pages, places tree, empty pages ---------------------------------------

def test_document_page_has_a_table_of_contents_and_collapsible_figures(site):
    page = html(site, "documents/lam-dong-2260-2021")
    toc = page.split('<details class="toc">', 1)[1].split("</details>", 1)[0]
    for anchor in ("#source-note", "#targets", "#assignments", "#text", "#i-quan-diem"):
        assert f'href="{anchor}"' in toc
    assert '<section aria-labelledby="targets" class="figure-group">' in page and "<details open>" in page
    assert 'href="#main">↑ Lên đầu trang' in page


def test_places_page_is_a_tree_and_place_pages_have_breadcrumbs(site):
    page = html(site, "en/places")
    soc_trang = page.split('href="/en/places/soc-trang/"', 1)[1]
    assert soc_trang.index('href="/en/places/long-phu/"') < soc_trang.index("</ul>")  # nested under it
    long_phu = html(site, "en/places/long-phu")
    crumbs = long_phu.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert crumbs.index("Viet Nam") < crumbs.index("Soc Trang province")


def test_viet_nam_page_lists_its_provinces(site):
    page = html(site, "en/places/viet-nam")
    for province in ("lam-dong", "ca-mau", "hau-giang", "soc-trang"):
        assert f'href="/en/places/{province}/"' in page
    assert "No document on this site is about this place itself yet." in page
    instruments = page.split('<h2 id="instruments">', 1)[1].split("</section>", 1)[0]
    assert "Law on the Organisation of Local Government" in instruments
    assert 'href="/en/documents/lam-dong-2260-2021/"' in instruments


def test_a_document_without_figures_says_why(site):
    page = html(site, "en/documents/hau-giang-217-2022")
    assert "No target or result is recorded from this document (press report)" in page
    home = html(site, "en")
    card = home.split('href="/en/documents/hau-giang-217-2022/"', 1)[1].split("</li>", 1)[0]
    assert "0 targets" not in card and "No numeric target or result: this press report" in card


# --- language ---------------------------------------------------------------------

def _catalogue():
    with (ROOT / "templates/locale/vi/LC_MESSAGES/messages.po").open("rb") as handle:
        return [(m.id, m.string) for m in read_po(handle) if m.id and m.string and m.id != m.string]


def _pages(site: Path, lang: str) -> list[Path]:
    # the dataset pages (templates/dataset*.html) belong to the downloads branch, which makes
    # their descriptions bilingual; every other page is checked
    every = sorted(p for p in site.rglob("*.html") if "datasets" not in p.parts)
    return [p for p in every if (p.relative_to(site).parts[0] == "en") == (lang == "en")]


def test_no_english_interface_sentence_on_a_vietnamese_page(site):
    english = [msgid for msgid, _ in _catalogue() if " " in msgid and len(msgid) > 12 and "%(" not in msgid
               and "{n}" not in msgid]
    for path in _pages(site, "vi"):
        text = visible_text(path.read_text("utf-8"), "vi", skip_classes={"note"})
        assert not [m for m in english if m in text], path
        # common English words outside text marked with a language (curation notes may quote
        # the English term they explain, so they are left out here)
        text = visible_text(path.read_text("utf-8"), "vi", skip_classes={"note"})
        assert not re.search(r"\b(the|and|of|with|from|this)\b", text), (path, re.search(
            r".{40}\b(the|and|of|with|from|this)\b.{40}", text))


def test_no_vietnamese_interface_string_on_an_english_page(site):
    vietnamese = [msgstr for _, msgstr in _catalogue() if " " in msgstr and len(msgstr) > 8 and "%(" not in msgstr
                  and "{n}" not in msgstr]
    for path in _pages(site, "en"):
        # curation notes may quote the Vietnamese words they explain ("tối thiểu" (at least))
        text = visible_text(path.read_text("utf-8"), "en", skip_classes={"note"})
        assert not [m for m in vietnamese if m in text], path
        assert not re.search(r"\b(của|được|những|các|và|năm)\b", text), (path, re.search(
            r".{40}\b(của|được|những|các|và|năm)\b.{40}", text))


def test_numbers_and_dates_are_formatted_per_language(site):
    vi = html(site, "documents/soc-trang-ket-qua-2022-2023")
    en = html(site, "en/documents/soc-trang-ket-qua-2022-2023")
    assert '<span class="value">26,21%</span>' in vi and '<span class="value">26.21%</span>' in en
    assert "8/9/2021" in html(site, "documents/lam-dong-2260-2021")
    assert "8 Sep 2021" in html(site, "en/documents/lam-dong-2260-2021")


def test_a_note_in_one_language_only_is_marked(project):
    path = project / "datasets/cchc/targets.csv"
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    row = next(r for r in rows if r[0] == "lam-dong-2260-2021-t01")
    row[rows[0].index("note_en")] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")
    assert run(project, "--quiet").exit_code == 0
    page = (project / "_site/en/documents/lam-dong-2260-2021/index.html").read_text("utf-8")
    note = page.split('id="lam-dong-2260-2021-t01"', 1)[1].split('class="small note"', 1)[1].split("</p>", 1)[0]
    assert '<span lang="vi">Hằng năm' in note and "(Vietnamese only)" in note


# --- trust and freshness ------------------------------------------------------------

def test_every_page_says_when_its_data_last_changed(site):
    for path in site.rglob("*.html"):
        if moved(path.relative_to(site).as_posix()):
            continue  # a page that only sends the reader on (targets/place/<id>/)
        page = path.read_text("utf-8")
        english = path.relative_to(site).parts[0] == "en"
        line = "Data last changed: <time datetime=\"2026-12-02\">2 Dec 2026</time>" if english else \
            "Dữ liệu cập nhật lần cuối: <time datetime=\"2026-12-02\">2/12/2026</time>"
        assert line in page, path


def test_every_figure_has_a_cite_line(site):
    page = html(site, "en/documents/long-phu-53-2022")
    rows = len(re.findall(r'<tr id="long-phu-53-2022-[tr]\d+"', page))
    assert rows and page.count(' data-doc="long-phu-53-2022" data-figure="') == rows  # cite.js builds each box
    document = page.split('<template class="cite-doc" data-doc="long-phu-53-2022"', 1)[1].split("</template>", 1)[0]
    assert document.startswith(' data-url="/en/documents/long-phu-53-2022/">')
    assert "Ủy ban nhân dân huyện Long Phú, Plan 53/KH-UBND, 31 May 2022" in document


def test_absolute_site_url_gives_absolute_canonical_hreflang_and_sitemap(absolute_site):
    out = absolute_site  # built for https://example.org/cchc/
    page = (out / "en/places/long-phu/index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://example.org/cchc/en/places/long-phu/">' in page
    assert '<link rel="alternate" hreflang="vi" href="https://example.org/cchc/places/long-phu/">' in page
    assert '<link rel="alternate" hreflang="x-default" href="https://example.org/cchc/places/long-phu/">' in page
    locs = re.findall(r"<loc>([^<]*)</loc>", (out / "sitemap.xml").read_text("utf-8"))
    assert locs and all(loc.startswith("https://example.org/cchc/") for loc in locs)
    assert "Sitemap: https://example.org/cchc/sitemap.xml" in (out / "robots.txt").read_text("utf-8")


def test_without_a_site_url_nothing_relative_is_written_where_absolute_is_required(site):
    assert "<loc>" not in (site / "sitemap.xml").read_text("utf-8")
    assert "Sitemap:" not in (site / "robots.txt").read_text("utf-8")
    page = html(site, "places/long-phu")
    assert 'rel="canonical"' not in page and "hreflang=" not in page.split("</head>")[0]


# --- structure ----------------------------------------------------------------------

def test_heading_levels_never_skip(site):
    for path in site.rglob("*.html"):
        levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", path.read_text("utf-8"))]
        assert levels and levels[0] == 1 and levels.count(1) == 1, path
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        assert not jumps, (path, jumps)


def test_ratio_warning_wraps_instead_of_widening_its_column():
    css = (ROOT / "templates/static/style.css").read_text("utf-8")
    assert re.search(r"\.flag \{[^}]*white-space: normal", css)
    assert not re.search(r"td\.num, th\.num \{[^}]*nowrap", css)
    assert "@media print" in css


def test_serve_answers_a_missing_page_with_the_site_404(site):
    handler = type("H", (Handler,), {"state": State()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        for path, words in (("/no/such/page/", "Không tìm thấy trang"), ("/en/nothing-here", "Page not found")):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(base + path)
            assert error.value.code == 404
            assert words in error.value.read().decode("utf-8")
        assert urllib.request.urlopen(base + "/").status == 200
    finally:
        server.shutdown()


def test_inferred_years_are_marked_and_notes_follow_the_page_language(site):
    en = html(site, "en/documents/lam-dong-2260-2021")
    vi = html(site, "documents/lam-dong-2260-2021")
    row_en = en.split('<tr id="lam-dong-2260-2021-t01"', 1)[1].split("</tr>", 1)[0]
    row_vi = vi.split('<tr id="lam-dong-2260-2021-t01"', 1)[1].split("</tr>", 1)[0]
    assert "Note: Every year (each year of 2021–2025)" in row_en and "(Vietnamese only)" not in row_en
    assert "Ghi chú: Hằng năm (mỗi năm trong giai đoạn 2021–2025)" in row_vi and "Every year" not in row_vi
    assert '2025<abbr class="inferred" title="Year inferred: the source does not state it">*</abbr>' in row_en
    assert '2025<abbr class="inferred" title="Năm được suy ra: nguồn không nêu rõ">*</abbr>' in row_vi
