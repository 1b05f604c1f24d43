"""The dataset page's citations: CSL-JSON written with its letters (not \\uXXXX escapes), still
valid JSON as a reader copies it from the page, and one word per concept in the title."""

from __future__ import annotations

import html
import json
import re

import pytest


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_csl_json_has_real_letters_and_is_valid_json(site, prefix):
    page = (site / prefix / "datasets" / "cchc" / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.search(r'<pre class="cite-text" id="cite-dataset-csl">(.*?)</pre>', page, re.S).group(1))
    assert "\\u" not in text
    item, = json.loads(text)
    # the title as datapackage.yaml writes it: a promise is "Cam kết" everywhere, never "Chỉ tiêu"
    assert item["title"] == "Cam kết và kết quả cải cách hành chính / Administrative-reform targets and results"
    assert item["type"] == "dataset" and item["URL"].endswith("/datasets/cchc/")


def test_no_page_calls_a_promise_chi_tieu(site):
    # "Chỉ tiêu" was the data set's word for what every menu, heading and filter calls "Cam kết"
    for path in ("datasets/cchc/index.html", "datasets/index.html", "index.html", "en/datasets/cchc/index.html"):
        assert "Chỉ tiêu" not in (site / path).read_text(encoding="utf-8"), path
