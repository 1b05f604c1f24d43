"""Issue 22, "publish each byte once": what was published twice is published once, and every
address that existed still answers. A small project (one document) built once for the module."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests.conftest import run
from tests.support import make_project
from tests.test_site3_cite import Under, served

BASE = "https://example.org/cchc/"


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """The one-document project (long-phu-53-2022: Long Phu district, Soc Trang province) built
    with a public URL, so the sitemap is written."""
    root = make_project(tmp_path_factory.mktemp("bytes") / "project")
    out = root / "out"
    result = run(root, "--quiet", "--no-cache", "--base-url", BASE, "--output", str(out))
    assert result.exit_code == 0, result.stderr
    return out


class StaticHost(Under):
    """Like a static host (GitHub Pages, GitLab Pages, Netlify): its 404.html for an address
    that has no file."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def host(small):
    with served(small, "/cchc/", StaticHost) as base:
        yield base + "/cchc/"


@pytest.mark.parametrize("prefix, name", [("", "huyện Long Phú"), ("en/", "Long Phu district")])
def test_a_place_facet_address_answers_with_one_small_redirect_to_the_place_page(small, prefix, name):
    html = (small / prefix / "targets/place/long-phu/index.html").read_text("utf-8")
    target = f"/cchc/{prefix}places/long-phu/#targets"
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in html
    assert f'<link rel="canonical" href="{BASE}{prefix}places/long-phu/">' in html
    assert re.search(rf'<a href="{re.escape(target)}">[^<]*: {name} →</a>', html)
    assert '<meta name="robots" content="noindex">' in html and len(html.encode("utf-8")) < 1500
    assert not (small / prefix / "targets/place/long-phu/year").exists()  # one page, not one per year or page
    assert not (small / prefix / "targets/place/long-phu/page").exists()


def test_the_sitemap_lists_the_place_page_not_the_redirect(small):
    sitemap = (small / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{BASE}places/long-phu/</loc>" in sitemap
    assert "targets/place/" not in sitemap


@pytest.mark.parametrize("old", ["targets/place/soc-trang/", "en/targets/place/long-phu/year/2025/",
                                 "targets/place/long-phu/page/2/"])
def test_every_old_facet_address_leads_a_reader_to_the_place_page(browser, host, old):
    page = browser.new_page()
    page.goto(host + old)
    place = re.search(r"targets/place/([^/]+)/", old).group(1)
    page.wait_for_url(f"{host}{'en/' if old.startswith('en/') else ''}places/{place}/#targets")
    assert page.locator("h1").count() == 1
    page.close()


def test_a_page_links_its_rows_as_csv_for_excel_and_its_api_object_as_json(small):
    html = (small / "documents/long-phu-53-2022/index.html").read_text("utf-8")
    foot = html.split('id="page-downloads"')[1].split("</aside>")[0]
    assert re.findall(r'href="([^"]+)"', foot) == ["/cchc/data/cchc/by-document/long-phu-53-2022.csv",
                                                   "/cchc/api/v1/documents/long-phu-53-2022.json",
                                                   "/cchc/datasets/cchc/"]
    for folder in ("by-document", "by-place", "by-indicator"):
        assert {p.suffix for p in (small / "data/cchc" / folder).iterdir()} == {".csv"}


def test_a_figure_row_holds_no_citation_text(small):
    html = (small / "en/documents/long-phu-53-2022/index.html").read_text("utf-8")
    rows = re.findall(r'<tr id="long-phu-53-2022-[tr]\d+".*?</tr>', html, re.S)
    assert rows and not any("cite-text" in row or "report-error" in row or "APA" in row for row in rows)
    assert html.count("Cite this figure") == 1  # once, in the page's template#cite-box


def test_the_explorer_download_reads_each_field_from_what_the_row_shows(browser, host, small):
    with open(small / "data/cchc/targets-flat.csv", encoding="utf-8", newline="") as f:
        published = {r["id"]: r for r in csv.DictReader(f)}
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(host + "en/targets/", wait_until="load")
    with page.expect_download() as info:
        page.locator('.explorer-download button[data-format="csv"]').click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))
    context.close()
    assert sorted(r["id"] for r in rows) == sorted(published)
    for row in rows:
        want = published[row["id"]]
        assert row["source_url"] == f"{BASE}en/documents/{want['document']}/#q-{row['id']}"  # the public address
        assert (row["place"], row["place_name"], row["statement"], row["indicator"], row["level"], row["comparator"],
                row["unit"], row["year"]) == (want["place"], want["place_name_en"], want["statement_en"] or
                                              want["statement"], want["indicator"], want["level"], want["comparator"],
                                              want["unit"], want["year"])
        assert float(row["value"]) == float(want["value"])
        assert row["progress"] in {"Met", "Not met yet", "No data"}


def test_context_results_are_shown_where_the_page_does_not_list_them_already(site):
    def pages(pattern: str) -> list[str]:
        return [p.read_text("utf-8") for p in site.glob(pattern)]
    context = '<span class="context small">'
    assert any(context in html for html in pages("places/*/index.html") + pages("documents/*/index.html"))
    listed_already = pages("indicators/*/index.html") + pages("topics/*/index.html") + pages("targets/**/index.html")
    assert len(listed_already) > 20 and not any(context in html for html in listed_already)
