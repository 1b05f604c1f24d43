"""The benchmark's census of a site's output and its check of issue 22's targets."""

from __future__ import annotations

from benchmarks.census import census, kind
from benchmarks.report import verdicts


def test_every_file_has_the_kind_a_reader_would_name():
    assert [kind(path) for path in (
        "documents/x/index.html", "en/documents/x/index.html", "index.html", "en/index.html",
        "targets/year/2025/page/2/index.html", "en/targets/place/ca-mau/index.html",
        "pagefind/fragment/vi_1.pf_fragment", "pagefind/1/index/en_2.pf_index", "pagefind/pagefind.js",
        "api/v1/places/ca-mau.json", "api/v1/places.json", "data/cchc/by-place/ca-mau.csv",
        "data/cchc/targets.csv", "data/cchc.zip", "static/style.css",
    )] == [
        "pages documents (vi)", "pages documents (en)", "pages home and 404 (vi)", "pages home and 404 (en)",
        "pages targets/year (vi)", "pages targets/place (en)",
        "search fragments", "search index and loader", "search index and loader",
        "api places", "api lists", "data by-place (per-page CSV)",
        "data tables .csv", "data tables .zip", "other files",
    ]


def test_census_counts_files_and_bytes_largest_first(tmp_path):
    for path, size in (("documents/a/index.html", 10), ("documents/b/index.html", 5), ("data/cchc/t.csv", 40)):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x" * size)
    assert census(tmp_path) == {"data tables .csv": [1, 40], "pages documents (vi)": [2, 15]}


def test_targets_are_met_not_met_or_not_measured():
    summary = {"output_mb": 0.25, "files": 20, "ratio_ours_to_pelican": 2.5, "nothing_changed_pct_of_cold": 7.0,
               "one_edit_s": None, "peak_rss_mb": 900}
    assert [v[3] for v in verdicts(1, summary)] == [
        "met", "not met", "met", "not met", "not measured at this size", "not measured at this size"]
    assert verdicts(1, summary)[0][1] == "256 KB"
    assert verdicts(10_000, summary)[-1][1:] == ("900 MB", "≤ 1,024 MB at 10,000", "met")
    assert verdicts(10_000, {**summary, "peak_rss_mb": 1500})[-1][3] == "not met"
