"""The foundation: atomic, reproducible builds; the CLI; sub-path hosting."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.cli import hosting_note, size
from generator.markup import Mark, place_marks, render_markdown, slugify
from tests.conftest import digest, run


def test_real_site_has_every_page_kind(site):
    for page in ["index.html", "en/index.html", "404.html", "documents/index.html",
                 "documents/lam-dong-2260-2021/index.html", "en/documents/long-phu-53-2022/index.html",
                 "indicators/tthc-thanh-toan-truc-tuyen/index.html", "places/soc-trang/index.html",
                 "areas/index.html", "datasets/cchc/index.html", "about/index.html", "en/about/index.html",
                 "data/cchc/datapackage.json", "data/cchc/targets.csv", "data/cchc.zip",
                 "sitemap.xml", "robots.txt"]:
        assert (site / page).is_file(), page


def test_two_builds_of_the_same_tree_are_byte_identical(small, tmp_path):
    """Binary formats included (this test and test_downloads' twin were one: merged). Any
    project will do: the small one."""
    first, second = tmp_path / "one", tmp_path / "two"
    assert run(small, "--quiet", "--output", str(first)).exit_code == 0
    assert run(small, "--quiet", "--output", str(second)).exit_code == 0
    a, b = digest(first), digest(second)
    binary = [p for p in a if p.endswith((".xlsx", ".sqlite", ".parquet", ".zip"))]
    tables = [p for p in a if p.startswith("data/cchc/") and p.endswith(".csv") and p.count("/") == 2]
    assert len(binary) == 2 * len(tables) + 2  # each table's XLSX and Parquet; the SQLite; the zip
    assert a == b
    assert a == digest(small / "_site")


def test_source_date_epoch_is_the_only_time_in_the_output(small, tmp_path, monkeypatch):
    # two different epochs: only the zip, which dates its entries with it, differs (any project: the small one)
    builds = {}
    for epoch in (1700000000, 1800000000):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        assert run(small, "--quiet", "--output", str(tmp_path / str(epoch))).exit_code == 0
        builds[epoch] = digest(tmp_path / str(epoch))
    first, second = builds.values()
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == ["data/cchc.zip"]
    for epoch, stamp in ((1700000000, (2023, 11, 14, 22, 13, 20)), (1800000000, (2027, 1, 15, 8, 0, 0))):
        with zipfile.ZipFile(tmp_path / str(epoch) / "data/cchc.zip") as archive:
            assert {info.date_time for info in archive.infolist()} == {stamp}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


def crawl(site: Path, base_path: str) -> list[tuple[str, str]]:
    """(page, problem) for every link that leaves base_path or points at nothing."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        here = base_path + rel
        parser = Links()
        parser.feed(page.read_text("utf-8"))
        for url in parser.urls:
            parts = urlsplit(urljoin("http://host" + here, url))
            if parts.netloc != "host":
                continue  # an external link (licence, sources): not ours to host
            if not parts.path.startswith(base_path):
                problems.append((rel, f"escapes {base_path}: {url}"))
                continue
            target = site / parts.path[len(base_path):]
            if parts.path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                problems.append((rel, f"broken: {url}"))
    return problems


def test_subpath_site_has_no_link_escaping_the_subpath(absolute_site, site):
    out = absolute_site  # built for https://example.org/cchc/
    assert crawl(out, "/cchc/") == []
    assert "https://example.org/cchc/documents/" in (out / "sitemap.xml").read_text()
    # the crawler can fail: the root-hosted site's links escape /cchc/
    assert crawl(site, "/cchc/")


def test_root_site_has_no_broken_internal_link(site):
    assert crawl(site, "/") == []


def test_validate_writes_nothing(project, tmp_path):
    before = digest(project)
    result = run(project, "validate")
    assert result.exit_code == 0
    assert "valid: 1 dataset" in result.stderr
    assert digest(project) == before


def test_no_stray_build_folders_are_left_behind(project):
    """Only the build cache and the site before (the spare the next build recycles) are kept."""
    assert run(project, "--quiet").exit_code == 0
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == ["._site.spare", ".cache"]


def test_summary_counts_pages_datasets_rows_and_the_site_s_size(project):
    """The closing line says what a host will be asked to publish: every file of the site and
    their bytes (a site this small fits every free host: no note)."""
    result = run(project)
    assert result.exit_code == 0
    assert re.search(r"built \d+ pages, 1 dataset, \d+ rows in [\d.]+s", result.stderr)
    files = [path for path in (project / "_site").rglob("*") if path.is_file()]
    published = size(sum(path.stat().st_size for path in files))
    assert f"→ {project / '_site'}, {published} in {len(files):,} files (" in result.stderr
    assert "note:" not in result.stderr


def test_a_site_larger_than_a_free_host_publishes_names_the_host_and_its_limit():
    assert hosting_note(2**30, 200_000) is None
    assert hosting_note(2**30 + 1, 25_906) == (
        "note: the site is 1.0 GB in 25,906 files: GitHub Pages (1 GB) and GitLab Pages (1 GB, 200,000 files)"
        " will not publish it; deploy it to an object store with a CDN (README, Deploy)")
    assert hosting_note(5 * 2**20, 200_001) == (
        "note: the site is 5.0 MB in 200,001 files: GitLab Pages (1 GB, 200,000 files) will not publish it;"
        " deploy it to an object store with a CDN (README, Deploy)")


def test_usage_error_exits_2(project):
    assert run(project, "--no-such-flag").exit_code == 2
    assert run(project, "validate", "--format", "yaml").exit_code == 2


def test_strict_fails_on_warnings(project):
    result = run(project, "--strict", "--base-url", "https://example.org/", "validate")
    assert result.exit_code == 1
    assert "warning: datasets/cchc/results.csv" in result.stderr


@pytest.mark.parametrize("heading, slug", [
    ("Mục tiêu cụ thể", "muc-tieu-cu-the"),
    ("Đường đến năm 2025", "duong-den-nam-2025"),
    ("II. MỤC TIÊU", "ii-muc-tieu"),
    ("Cải cách thủ tục hành chính", "cai-cach-thu-tuc-hanh-chinh"),
])
def test_heading_slugs_fold_vietnamese(heading, slug):
    assert slugify(heading) == slug
    assert f'id="{slug}"' in render_markdown(f"## {heading}\n").html


def test_paragraph_anchors_are_stable_when_text_is_added_elsewhere():
    one = render_markdown("Đoạn một.\n\nĐoạn hai.\n").blocks
    two = render_markdown("Đoạn mới.\n\nĐoạn một.\n\nĐoạn hai.\n").blocks
    assert {b.text: b.anchor for b in one}.items() <= {b.text: b.anchor for b in two}.items()


def test_a_quote_with_escaped_characters_is_found_and_marked():
    """The importer escapes Markdown's own characters ("1\\.", "\\*"); a quote is what the page
    shows, so it is found in a block's text and marked there, by both ways of marking."""
    source = "1\\. Tối thiểu 80% hồ sơ\\* được số hóa.\n"
    marks = [Mark("Tối thiểu 80% hồ sơ* được số hóa", "q-1", "#r1", "↩")]
    rendered = render_markdown(source, marks)
    assert [block.text for block in rendered.blocks] == ["1. Tối thiểu 80% hồ sơ* được số hóa."]
    assert '<mark id="q-1">Tối thiểu 80% hồ sơ* được số hóa<a class="cite-back"' in rendered.html
    assert place_marks(render_markdown(source), marks) == rendered.html


def test_a_blank_text_renders_empty_and_a_list_keeps_its_first_number():
    assert (render_markdown("").html, render_markdown(" \n\n").blocks) == ("", ())
    assert '<ol start="3">' in render_markdown("Đoạn.\n\n3. Mục ba.\n").html


def test_markdown_tables_and_toc_render():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n").html
    assert "<table>" in html and "<td" in html


def test_nfd_content_is_published_as_nfc(small):
    path = small / "content/pages/about.md"
    path.write_text(unicodedata.normalize("NFD", path.read_text("utf-8")), "utf-8")
    assert run(small, "--quiet").exit_code == 0
    html = (small / "_site/about/index.html").read_text("utf-8")
    assert unicodedata.is_normalized("NFC", html)
    assert "Giới thiệu" in html


def test_labels_of_one_kind_never_share_a_vietnamese_translation():
    # "Target" and "Indicator" once both read "Chỉ tiêu": a reader (and the search filter) could not tell them apart
    from babel.messages.pofile import read_po
    from generator.labels import LABELS
    root = Path(__file__).resolve().parent.parent
    with (root / "templates/locale/vi/LC_MESSAGES/messages.po").open("rb") as handle:
        vi = {m.id: m.string for m in read_po(handle) if m.id}
    for kind, labels in LABELS.items():
        texts = [vi.get(text, text) for text in labels.values() if text]
        assert len(texts) == len(set(texts)), (kind, sorted(texts))
