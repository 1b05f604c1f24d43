"""The layout's registries (issue 22): one list of page types, one URL builder, one format
registry. Adding a page type or a download format touches one module: shown here by a test
page type and a test format, each given to a real build as one entry."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import run
from generator import config as settings
from generator.downloads import formats
from generator.downloads.tables import JOINED
from generator.pages import registry
from generator.pages.datasets import VI_FIELDS
from generator.pages.spec import PageSpec, PageType
from generator.pages.urls import Urls
from tests.support import make_project


def _tsv(names: list[str], rows: list) -> bytes:
    lines = ["\t".join(names)] + ["\t".join(str(row.get(n) if row.get(n) is not None else "") for n in names)
                                  for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


TSV = formats.Format(
    "tsv", "TSV", "text/tab-separated-values",
    table=lambda table, created, out: out.write(_tsv(table.names, table.rows)),
    page=lambda shared, rows, title: _tsv(shared.names, rows), zipped=True,
    readme="tab-separated, for quick looks", link="TSV", link_order=3)


def _glossary(site):
    yield PageSpec("glossary.html", "glossary/", values={"count": len(site.catalogue.indicators)})


GLOSSARY = PageType("glossary", _glossary)


@pytest.fixture(scope="module")
def extended(tmp_path_factory) -> Path:
    """The project built with one more page type and one more download format, each one entry."""
    root = make_project(tmp_path_factory.mktemp("extended") / "project", files={
        "templates/glossary.html":
            '{% extends "base.html" %}{% block content %}<h1 id="glossary">{{ num(count) }}</h1>{% endblock %}\n'})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(formats, "FORMATS", [*formats.FORMATS, TSV])
        patch.setattr(registry, "PAGE_TYPES", [*registry.PAGE_TYPES, GLOSSARY])
        result = run(root, "--quiet", "--no-cache")
    assert result.exit_code == 0, result.stderr
    return root / "_site"


def test_a_page_type_is_one_entry(extended):
    assert '<h1 id="glossary">' in (extended / "glossary" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="glossary">' in (extended / "en" / "glossary" / "index.html").read_text(encoding="utf-8")


def test_a_format_is_one_entry_written_for_every_table_and_page(extended):
    assert (extended / "data/cchc/targets.tsv").read_text(encoding="utf-8").startswith("id\tdocument\t")
    assert (extended / "data/cchc/by-document/long-phu-53-2022.tsv").read_text(encoding="utf-8").startswith("kind\t")
    document = json.loads((extended / "api/v1/documents/long-phu-53-2022.json").read_text(encoding="utf-8"))
    assert document["document"]["downloads"]["tsv"] == "/data/cchc/by-document/long-phu-53-2022.tsv"
    page = (extended / "documents/long-phu-53-2022/index.html").read_text(encoding="utf-8")
    assert '<a href="/data/cchc/by-document/long-phu-53-2022.tsv" download>TSV</a>' in page


def test_a_format_reaches_the_zip_the_readme_and_the_catalogues(extended):
    with zipfile.ZipFile(extended / "data/cchc.zip") as bundle:
        assert "cchc/targets.tsv" in bundle.namelist() and "cchc/targets.parquet" not in bundle.namelist()
        assert bundle.getinfo("cchc/targets.tsv").compress_type == zipfile.ZIP_DEFLATED
        readme = bundle.read("cchc/README.md").decode("utf-8")
    assert "This archive holds every table once, as CSV and TSV" in readme
    assert "Every table comes in 5 formats" in readme
    assert "`<table>.tsv` (tab-separated, for quick looks)" in readme
    catalogue = (extended / "data/catalog.jsonld").read_text(encoding="utf-8")
    assert 'media-types/text/tab-separated-values"' in catalogue
    assert "<td>TSV</td>" in (extended / "datasets/cchc/index.html").read_text(encoding="utf-8")


def test_the_navigation_items_are_the_page_types_that_have_one():
    assert set(registry.navigation()) == set(settings.PAGES)


def test_the_per_page_downloads_and_api_kinds_come_from_the_page_types():
    assert [(rows.folder, rows.collection) for rows in registry.own_rows()] == [
        ("by-document", "documents"), ("by-indicator", "indicators"), ("by-place", "places")]


def test_every_joined_column_has_a_vietnamese_description():
    assert {name for name, *_ in JOINED} <= set(VI_FIELDS)


def _config(base_url: str) -> SimpleNamespace:
    from urllib.parse import urlsplit
    return SimpleNamespace(languages=["vi", "en"], base_path=urlsplit(base_url).path or "/",
                           absolute_url=lambda path: base_url + path if urlsplit(base_url).scheme else None)


def test_urls_put_the_second_language_under_its_prefix_and_the_site_under_its_path():
    urls = Urls(_config("https://example.org/cchc/"))
    assert urls.document("x") == "/cchc/documents/x/"
    assert urls.at("en").document("x") == "/cchc/en/documents/x/"
    assert urls.at("en").site("data/cchc.zip") == "/cchc/data/cchc.zip"
    assert urls.targets("long-phu") == "/cchc/places/long-phu/#targets"  # targets/place/<id>/ moved there
    assert urls.targets(year=2025) == "/cchc/targets/year/2025/"
    assert urls.targets(area="thu-tuc") == "/cchc/targets/area/thu-tuc/"
    assert urls.file("documents/x/", "en") == "en/documents/x/index.html"
    assert urls.file("404.html") == "404.html"
    assert urls.public_page("documents/x/", "en") == "https://example.org/cchc/en/documents/x/"
    assert Urls(_config("https://example.org/cchc/"), absolute=True).download("by-place", "p", "csv") == \
        "https://example.org/cchc/data/cchc/by-place/p.csv"


def test_urls_without_a_public_url_are_root_relative():
    urls = Urls(_config("/"), absolute=True)
    assert urls.api("documents", "x") == "/api/v1/documents/x.json"
    assert urls.public_page("documents/x/") is None
