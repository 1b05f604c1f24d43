"""Issue 21, findings 1 and 7: a citation quotes the document's own sentence with its figure,
issuer, number, date and the sentence's absolute address; "Báo lỗi" opens the configured
contact with the figure filled in; the contact is a required, checked setting."""

from __future__ import annotations

import csv
import json
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from html import unescape
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.conftest import ROOT, Quiet, run
from tests.test_errors import edit, fails

BASE = "https://example.org/cchc/"


def row(table: str, key: str) -> dict:
    with (ROOT / "datasets/cchc" / f"{table}.csv").open(encoding="utf-8") as handle:
        return next(r for r in csv.DictReader(handle) if r["id"] == key)


def text_of(html: str, element_id: str) -> str:
    """The text of the element with `element_id` (tags dropped, spaces collapsed)."""
    match = re.search(rf'<(p|pre) class="cite-text" id="{element_id}">(.*?)</\1>', html, re.S)
    assert match, element_id
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", match.group(2)))).strip()


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


class Under(Quiet):
    """Serves the site under its base path (`/cchc/…` for a site whose base_url ends in /cchc/)."""

    base_path = "/"

    def translate_path(self, path):
        return super().translate_path("/" + path.removeprefix(self.base_path))


@contextmanager
def served(site: Path, base_path: str = "/", host: type = Under):
    """`site` over HTTP on a free port, as a static host (`host`) serves it at `base_path`: yields its address."""
    handler = type("Handler", (host,), {"base_path": base_path})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@dataclass
class Figure:
    """What a reader's browser shows for one figure: its citation box opened, and its report link."""

    cite: str  # the plain sentence, spaces collapsed
    apa: str
    report: str  # the href of "Report an error"
    today: str  # the access date cite.js writes, as the page's language writes today


def figure(browser, site: Path, path: str, row_id: str, base_path: str = "/") -> Figure:
    """Open `path` of `site` in Chromium, open the row's "Cite this figure" box, read it."""
    with served(site, base_path) as base:
        page = browser.new_page()
        page.goto(f"{base}{base_path}{path}/", wait_until="load")
        row = page.locator(f"tr#{row_id}")
        row.locator("details.cite summary").evaluate("summary => summary.click()")
        page.wait_for_selector(f"#cite-{row_id}", state="attached")
        text = {name: " ".join(page.locator(f"#{name}-{row_id}").text_content().split()) for name in ("cite", "apa")}
        lang = page.evaluate("document.documentElement.lang")
        today = page.evaluate("(lang => { const d = new Date(); return lang === 'vi' ? d.getDate() + '/' + "
                              "(d.getMonth() + 1) + '/' + d.getFullYear() : d.toLocaleDateString('en-GB', "
                              "{day: 'numeric', month: 'short', year: 'numeric'}); })", lang)
        report = unescape(row.locator("a.report-error").get_attribute("href"))
        page.close()
    return Figure(text["cite"].replace(base, "<site>"), text["apa"].replace(base, "<site>"),
                  report.replace(base, "<site>"), today)


def test_citation_quotes_the_sentence_never_the_paraphrase(browser, site):
    target = row("targets", "lam-dong-2260-2021-t02")
    vi = figure(browser, site, "documents/lam-dong-2260-2021", "lam-dong-2260-2021-t02")
    assert vi.cite == (f"“{target['source_quote']}” — Cam kết: tối thiểu 80% đến năm 2025 (toàn địa bàn). "
                       "Ủy ban nhân dân tỉnh Lâm Đồng, Quyết định 2260/QĐ-UBND, 8/9/2021. "
                       "Cam kết cải cách hành chính (Nhóm dữ liệu mở CCHC / CCHC open-data team), "
                       f"<site>/documents/lam-dong-2260-2021/#q-lam-dong-2260-2021-t02, truy cập ngày {vi.today}.")
    assert target["statement"] not in vi.cite


def test_english_citation_adds_the_curators_summary_as_theirs(browser, site):
    target = row("targets", "lam-dong-2260-2021-t02")
    en = figure(browser, site, "en/documents/lam-dong-2260-2021", "lam-dong-2260-2021-t02")
    assert en.cite.startswith(f"“{target['source_quote']}” [curators' English summary, not a translation: "
                              f"{target['statement_en']}] — Promise: at least 80% by 2025 (whole area). "
                              "Ủy ban nhân dân tỉnh Lâm Đồng, Decision 2260/QĐ-UBND, 8 Sep 2021.")


def test_a_press_report_is_cited_by_author_and_says_what_is_not_recorded(browser, site):
    result = row("results", "soc-trang-ket-qua-2022-2023-r01")
    vi = figure(browser, site, "documents/soc-trang-ket-qua-2022-2023", "soc-trang-ket-qua-2022-2023-r01")
    assert vi.cite.startswith(f"“{result['source_quote']}” — Kết quả báo cáo: 7 năm 2023 (năm do người biên tập "
                              "suy ra; văn bản không nêu) (cấp tỉnh). Bài báo: Hồng Nhi, không ghi tên báo, "
                              "không ghi ngày.")
    assert vi.apa.startswith("Hồng Nhi. (không ngày). ")


def test_the_outlet_of_a_press_report_is_named(browser, project):
    edit(project, "content/documents/ca-mau-cchc-2023.md", "source_publisher: null", 'source_publisher: "Báo Cà Mau"')
    assert run(project, "--quiet").exit_code == 0
    en = figure(browser, project / "_site", "en/documents/ca-mau-cchc-2023", "ca-mau-cchc-2023-t01")
    assert "Press report: Thanh Tòng, Báo Cà Mau, date not stated." in en.cite
    assert en.apa.startswith("Thanh Tòng. (n.d.). ")


def test_a_figure_row_carries_its_quote_and_link_and_the_page_its_box_once(site):
    html = page(site, "documents/lam-dong-2260-2021")
    target = row("targets", "lam-dong-2260-2021-t02")
    cell = re.search(r'<tr id="lam-dong-2260-2021-t02">.*?<td class="source"([^>]*)>(.*?)</td>', html, re.S)
    assert cell.group(1).endswith(' data-doc="lam-dong-2260-2021" '
                                  'data-figure="Cam kết: tối thiểu 80% đến năm 2025 (toàn địa bàn)"')
    assert f'<q lang="vi">{target["source_quote"]}</q> <a class="small" href="#q-lam-dong-2260-2021-t02">' \
           "Xem trong văn bản</a>" == re.sub(r"\s+", " ", unescape(cell.group(2))).strip()
    assert html.count('<template id="cite-box">') == 1 and html.count('<template class="cite-doc"') == 1


def test_without_a_public_url_the_citation_says_its_link_is_relative(site):
    html = page(site, "documents/lam-dong-2260-2021")
    assert "so the link above is relative" not in html  # Vietnamese page: the Vietnamese sentence
    assert "nên liên kết trên là đường dẫn trong trang này" in html


@pytest.fixture(scope="module")
def absolute(absolute_site) -> Path:
    return absolute_site  # the session's build for conftest.BASE


def test_with_a_public_url_the_citation_links_the_sentence_absolutely(browser, absolute):
    en = figure(browser, absolute, "en/documents/lam-dong-2260-2021", "lam-dong-2260-2021-t02", "/cchc/")
    url = f"{BASE}en/documents/lam-dong-2260-2021/#q-lam-dong-2260-2021-t02"
    assert f"(Nhóm dữ liệu mở CCHC / CCHC open-data team), {url}, accessed {en.today}." in en.cite
    assert en.apa.endswith(f"Administrative-reform promises. {url}")
    assert "cite-relative" not in page(absolute, "en/documents/lam-dong-2260-2021")


def test_report_an_error_opens_an_email_with_the_figure_filled_in(browser, absolute):
    href = figure(browser, absolute, "documents/long-phu-53-2022", "long-phu-53-2022-t01", "/cchc/").report
    parts = urlsplit(href)
    assert (parts.scheme, parts.path) == ("mailto", "du-lieu-cchc@example.org")
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert query == {"subject": "Lỗi ở số liệu long-phu-53-2022-t01",
                     "body": f"Số liệu: long-phu-53-2022-t01\n{BASE}documents/long-phu-53-2022/"
                             "#q-long-phu-53-2022-t01\n\nSai ở đâu:\n"}


def test_report_an_error_opens_a_new_issue_on_a_tracker(browser, small):
    edit(small, "site.yaml", "  email: du-lieu-cchc@example.org", "  issues: https://github.com/example/cchc/")
    assert run(small, "--quiet").exit_code == 0
    href = figure(browser, small / "_site", "en/documents/long-phu-53-2022", "long-phu-53-2022-t01").report
    assert href.startswith("https://github.com/example/cchc/issues/new?title=")
    assert unquote(href).split("?", 1)[1] == (
        "title=Error in figure long-phu-53-2022-t01&body=Figure: long-phu-53-2022-t01\n"
        "/en/documents/long-phu-53-2022/#q-long-phu-53-2022-t01\n\nWhat is wrong:\n")


def test_a_form_gets_the_figure_id_and_url_in_its_address(browser, small):
    edit(small, "site.yaml", "  email: du-lieu-cchc@example.org", "  form: https://forms.example.org/f?id={id}&u={url}")
    assert run(small, "--quiet").exit_code == 0
    href = figure(browser, small / "_site", "documents/long-phu-53-2022", "long-phu-53-2022-t01").report
    assert href == ("https://forms.example.org/f?id=long-phu-53-2022-t01"
                    "&u=%2Fdocuments%2Flong-phu-53-2022%2F%23q-long-phu-53-2022-t01")


def test_the_contact_is_required(project):
    edit(project, "site.yaml", "contact:\n  email: du-lieu-cchc@example.org\n", "")
    fails(project, "site.yaml: contact: missing (Where readers report an error, one of: email: an address; issues: a "
                   "GitHub-style tracker's https URL (a new issue opens with the figure's id and URL as its title and "
                   "body); form: a form's https URL, where {id} and {url} are replaced by the figure's id and URL.)")


def test_a_malformed_contact_is_an_error_at_its_key(project):
    edit(project, "site.yaml", "  email: du-lieu-cchc@example.org", "  email: du-lieu-cchc")
    fails(project, "site.yaml: contact.email: expected an e-mail address such as du-lieu@example.org")
    edit(project, "site.yaml", "  email: du-lieu-cchc", "  issues: http://github.com/x/y")
    fails(project, "site.yaml: contact.issues: expected an https URL")
    edit(project, "site.yaml", "  issues: http://github.com/x/y", "  phone: 0123")
    fails(project, "site.yaml: contact: expected one of email: an address, issues: a tracker's https URL, "
                   "form: a form's https URL")


def test_the_data_set_is_cited_in_apa_bibtex_and_csl_json(absolute):
    html = page(absolute, "datasets/cchc")
    created = re.search(r"^created: (\S+)", (ROOT / "datasets/cchc/datapackage.yaml").read_text("utf-8"), re.M).group(1)
    version = re.search(r"^version: (\S+)", (ROOT / "datasets/cchc/datapackage.yaml").read_text("utf-8"), re.M).group(1)
    csl = json.loads(text_of(html, "cite-dataset-csl"))
    assert csl[0]["type"] == "dataset" and csl[0]["version"] == version and csl[0]["URL"] == BASE + "datasets/cchc/"
    assert csl[0]["issued"] == {"date-parts": [[int(part) for part in created.split("-")]]}
    bibtex = text_of(html, "cite-dataset-bibtex")
    assert bibtex.startswith(f"@misc{{cchc_{version.replace('.', '_')}, author = {{{{Nhóm dữ liệu mở CCHC")
    assert f"url = {{{BASE}datasets/cchc/}}" in bibtex and f"date = {{{created}}}" in bibtex
    assert text_of(html, "cite-dataset-apa").startswith(f"Nhóm dữ liệu mở CCHC / CCHC open-data team. ({created[:4]}).")


def test_the_footer_says_where_its_date_comes_from(site):
    footer = (site / "index.html").read_text("utf-8")
    assert "(ngày ghi cùng bản phát hành dữ liệu; khi dữ liệu đổi sau đó, bản dựng sẽ cảnh báo)" in footer


def test_a_data_change_without_a_new_release_is_never_silent(project):
    quiet = run(project, "validate")
    assert "x-data-fingerprint" not in quiet.stderr  # as recorded: the data is the release's
    edit(project, "datasets/cchc/targets.csv", "Rà soát 100% văn bản QPPL", "Rà soát toàn bộ văn bản QPPL")
    result = run(project, "validate")
    lines = [line for line in result.stderr.splitlines() if "x-data-fingerprint" in line]
    package = (ROOT / "datasets/cchc/datapackage.yaml").read_text("utf-8")
    version = re.search(r"^version: (\S+)", package, re.M).group(1)
    created = re.search(r"^created: (\S+)", package, re.M).group(1)
    assert len(lines) == 1 and lines[0].startswith(
        f"warning: datasets/cchc/datapackage.yaml: x-data-fingerprint: the data changed since release {version} of "
        f"{created} (pages still say the data last changed then) (hint: bump version, set created to the day the "
        "data changed, and x-data-fingerprint: sha256:")
    fingerprint = lines[0].rsplit("x-data-fingerprint: ", 1)[1].rstrip(")")
    edit(project, "datasets/cchc/datapackage.yaml", re.search(r"^x-data-fingerprint: \S+", package, re.M).group(0),
         f"x-data-fingerprint: {fingerprint}")
    assert "x-data-fingerprint" not in run(project, "validate").stderr  # recorded: silent again
