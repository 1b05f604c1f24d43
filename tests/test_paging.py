"""Long lists are paged, and previews say where the rest is, so no page grows with the corpus
(the national-scale issue). The curated corpus fits on one page at the default size, so the
site is built here with `page_size: 10`."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from generator.content import load_content
from generator.data import load_datasets
from generator.errors import Report
from generator.model import COMMON_INSTRUMENT, RELATED_SHOWN, Citation, build_catalogue
from generator.paging import Pager, first_rows, paged
from tests.conftest import copy_project, run
from tests.test_errors import edit, fails

SIZE = 10


# --- the pager itself --------------------------------------------------------------------------

def test_paged_splits_rows_into_pages_of_the_size_with_their_positions():
    pages = list(paged(list(range(23)), "targets/", 10))
    assert [rows for rows, _ in pages] == [list(range(10)), list(range(10, 20)), [20, 21, 22]]
    assert [(p.number, p.count, p.total, p.first, p.last) for _, p in pages] == \
        [(1, 3, 23, 1, 10), (2, 3, 23, 11, 20), (3, 3, 23, 21, 23)]
    assert [p.path(p.number) for _, p in pages] == ["targets/", "targets/page/2/", "targets/page/3/"]


def test_an_empty_list_is_one_empty_page():
    (rows, pager), = paged([], "legal/x/", 10)
    assert rows == [] and (pager.count, pager.total, pager.first, pager.last) == (1, 0, 0, 0)


@pytest.mark.parametrize("number, window", [
    (1, [1, 2, 3, None, 40]),
    (6, [1, None, 4, 5, 6, 7, 8, None, 40]),
    (3, [1, 2, 3, 4, 5, None, 40]),
    (40, [1, None, 38, 39, 40]),
])
def test_the_page_links_are_the_ends_and_the_neighbours_with_gaps(number, window):
    assert Pager("targets/", number, 40, 400, 1, 10).window() == window


def test_first_rows_says_whether_the_list_was_cut():
    assert first_rows(list(range(5)), 10).cut is False
    shown = first_rows(list(range(25)), 10)
    assert shown.rows == list(range(10)) and shown.total == 25 and shown.cut


# --- a site built with small pages -------------------------------------------------------------

@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("paging") / "project")
    (root / "site.yaml").write_text((root / "site.yaml").read_text("utf-8") + f"page_size: {SIZE}\n", "utf-8")
    result = run(root, "--quiet", "--no-cache")
    assert result.exit_code == 0, result.stderr
    return root / "_site"


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def row_ids(page: str) -> list[str]:
    body = page.split('<table class="figures explorer"', 1)[1]
    body = re.sub(r'<span class="context small">.*?</span>', "", body, flags=re.S)  # results elsewhere, as context
    return re.findall(r'href="/documents/[^"#]+/#([^"]+)">', body)


def pages_of(site: Path, base: str) -> list[str]:
    """Every page of the paged list at `base`, following its rel=next links."""
    pages, path = [], base
    while path:
        page = read(site, path.strip("/"))
        pages.append(page)
        following = re.search(r'<a href="/([^"]+)" rel="next">', page)
        path = following.group(1) if following else None
        assert len(pages) < 100
    return pages


def test_the_explorer_is_paged_and_its_pages_hold_every_target_once(small, site):
    everything = row_ids(read(site, "targets"))  # the default size: one page
    assert len(everything) > 3 * SIZE
    pages = pages_of(small, "/targets/")
    assert len(pages) == -(-len(everything) // SIZE)
    ids = [i for page in pages for i in row_ids(page)]
    assert ids == everything  # the same rows in the same order, each once
    assert all(len(row_ids(page)) == SIZE for page in pages[:-1])


def test_each_explorer_page_counts_the_whole_list_and_links_its_neighbours(small, site):
    first, second = read(small, "targets"), read(small, "targets/page/2")
    total = len(row_ids(read(site, "targets")))
    for page in (first, second):
        assert f'<strong data-count="all">{total}</strong>' in page
        assert "data-paged" in page  # the script filters this page only and keeps the counts
    assert f"11–20 trong số {total} cam kết" in second
    assert '<a href="/targets/" rel="prev">' in second and '<a href="/targets/page/3/" rel="next">' in second
    assert '<a href="/targets/page/2/" aria-current="page">2</a>' in second
    assert "trang 2/" in second.split("<title>")[1].split("</title>")[0]  # page titles differ


def test_explorer_pages_offer_only_the_places_on_them(small):
    page = read(small, "targets/page/2")
    offered = set(re.findall(r'<option value="([a-z0-9-]+)"', page.split('name="place"')[1].split("</select>")[0]))
    scopes = {p for value in re.findall(r'data-place="([^"]+)"', page) for p in value.split()}
    assert offered == scopes  # each place on the page and the places above it, nothing else


def test_a_place_page_shows_its_first_targets_and_links_to_the_rest(small):
    page = read(small, "places/lam-dong")
    # the rest are in the page's own download (targets/place/<id>/ moved onto this page)
    assert '<a href="#page-downloads">Tất cả cam kết, trong tệp tải về của trang này →</a>' in page
    assert 'href="/targets/?place=lam-dong"' in page  # the explorer, filtered to this place
    assert len(re.findall(r'<tr id="lam-dong-2260-2021-t\d+"', page)) == SIZE


def test_an_unpaged_list_has_no_page_navigation(site):
    for path in ("targets", "documents", "legal/nq-76-2021-cp"):
        assert 'class="pager"' not in read(site, path)


def test_page_size_must_be_a_sensible_number(project):
    edit(project, "site.yaml", "output: _site", "output: _site\npage_size: 3")
    fails(project, "site.yaml: page_size: expected a whole number of rows from 10 to 10000, such as 200")


def test_search_part_size_must_be_a_sensible_number(project):
    edit(project, "site.yaml", "output: _site", "output: _site\nsearch_part_size: 0")
    fails(project, "site.yaml: search_part_size: expected a whole number of documents from 1 to 100000, such as 1000")


# --- related documents stay bounded --------------------------------------------------------------

def test_related_documents_skip_common_instruments_and_are_capped(built_project):
    report = Report()
    content = load_content(built_project, report)
    cat = build_catalogue(content, load_datasets(built_project, content, report))
    lam_dong, hau_giang = "lam-dong-2260-2021", "hau-giang-217-2022"
    assert {r.document for r in cat.related_of(lam_dong)} == {hau_giang}

    def citing(document: str, instrument: str) -> Citation:
        return Citation(document, instrument, "cites", None, None, None, "")

    shared = cat.references_of(lam_dong)[0].legal_document
    many = [citing(f"copy-{i:03}", "common") for i in range(COMMON_INSTRUMENT + 1)]
    near = [citing(f"near-{i:02}", shared) for i in range(RELATED_SHOWN + 5)]
    extra = [citing(lam_dong, "common"), *many, *near, citing("near-14", "common"), citing("near-14", "other"),
             citing(lam_dong, "other")]
    bigger = dataclasses.replace(cat, citations=[*cat.citations, *extra])
    related = bigger.related_of(lam_dong)
    documents = list(dict.fromkeys(r.document for r in related))
    assert len(documents) == RELATED_SHOWN
    assert not any(d.startswith("copy-") for d in documents)  # the common instrument relates nothing
    assert "near-14" in documents  # it shares two instruments: the closest
    assert {r.legal_document for r in related if r.document == "near-14"} == {shared, "other"}
