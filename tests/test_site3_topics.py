"""Issue 21, finding 3: indicators grouped into topics in the data contract (a `topics` resource,
a `topic` field at the end of `indicators`), and a page per topic listing every promise and
result on it across places, levels and years, with its charts."""

from __future__ import annotations

import csv
import re

from tests.conftest import ROOT, run
from tests.test_errors import edit, fails


def rows(table: str) -> list[dict]:
    with (ROOT / "datasets/cchc" / f"{table}.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def page(site, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def test_topic_is_the_last_field_of_indicators_and_every_indicator_has_one_or_none():
    header = (ROOT / "datasets/cchc/indicators.csv").read_text("utf-8").splitlines()[0].split(",")
    assert header[-1] == "topic"
    topics = {t["id"] for t in rows("topics")}
    assert len(topics) >= 10 and {"thanh-toan-truc-tuyen", "so-hoa", "dich-vu-cong-truc-tuyen", "mot-cua",
                                  "chi-so-xep-hang"} <= topics
    assert all(i["topic"] in topics or i["topic"] == "" for i in rows("indicators"))
    package = (ROOT / "datasets/cchc/datapackage.yaml").read_text("utf-8")
    fields = re.findall(r"\{name: (\w+),", package.split("  - name: indicators\n", 1)[1].split("\n  - name:", 1)[0])
    assert fields[-1] == "topic"


def test_the_topics_list_links_every_topic_in_both_languages(site):
    for prefix, name in (("", "name_vi"), ("en/", "name_en")):
        html = page(site, prefix + "topics")
        for topic in rows("topics"):
            assert f'<a href="/{prefix}topics/{topic["id"]}/">{topic[name]}</a>' in html.replace("&#39;", "'")
    assert '<a href="/topics/">Chủ đề</a>' in page(site, "")  # the menu


def test_a_topic_page_lists_every_promise_and_result_on_it_once(site):
    for topic in rows("topics"):
        indicators = {i["id"] for i in rows("indicators") if i["topic"] == topic["id"]}
        html = page(site, f"en/topics/{topic['id']}")
        for table in ("targets", "results"):
            expected = sorted(r["id"] for r in rows(table) if r["indicator"] in indicators)
            section = html.split(f'<section aria-labelledby="{table}">', 1)[1].split("</section>", 1)[0]
            assert sorted(re.findall(r'<tr id="([^"]+)"', section)) == expected, (topic["id"], table)
        for indicator in indicators:
            assert f'href="/en/indicators/{indicator}/"' in html


def test_long_phu_online_payment_promise_is_on_the_online_payment_topic(site):
    html = page(site, "topics/thanh-toan-truc-tuyen")
    target = next(t for t in rows("targets") if t["id"] == "long-phu-53-2022-t08")
    assert target["indicator"] == "giao-dich-thanh-toan-truc-tuyen" and target["value"] == "50"
    assert '<tr id="long-phu-53-2022-t08">' in html
    assert 'id="chart-giao-dich-thanh-toan-truc-tuyen"' in html  # the compare chart, reused


def test_an_unknown_topic_is_an_error_at_its_row(project):
    line = next(n for n, text in enumerate((ROOT / "datasets/cchc/indicators.csv").read_text("utf-8").splitlines(), 1)
                if text.endswith(",thanh-toan-truc-tuyen"))
    edit(project, "datasets/cchc/indicators.csv", ",thanh-toan-truc-tuyen\n", ",thanh-toan\n")
    fails(project, f'datasets/cchc/indicators.csv:{line}: topic: "thanh-toan" is not a known id in topics '
                   "(hint: add it to topics or correct the spelling)")
