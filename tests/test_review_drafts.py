"""The drafts files as the review page reads and marks them (generator/curation/review_drafts.py)."""

from __future__ import annotations

import html

import pytest

from generator.curation.review_drafts import DraftError, Proposal, mark, next_id, read_proposals
from generator.curation.review_page import render_review
from tests.conftest import copy_project

HEADER = "id,document,agency,area,task,source_quote,why,existing,status\n"
ROWS = ('x-a01,x,Sở Nội vụ,,"Theo dõi, đôn đốc",Sở Nội vụ theo dõi,"agency: ""Sở Nội vụ""",,new\n'
        "x-a02,x,UBND huyện,,Báo cáo,UBND huyện báo cáo,,,new\n"
        "x-a02,x,UBND huyện,,Báo cáo,UBND huyện báo cáo,,,rejected\n")


def test_indicator_candidates_best_first_with_their_scores():
    proposal = Proposal("targets", {"indicator_candidates": "tthc-truc-tuyen:0.82; ho-so-dien-tu:0.40; ho-so:"})
    assert proposal.candidates == [("tthc-truc-tuyen", "0.82"), ("ho-so-dien-tu", "0.40"), ("ho-so", "")]
    assert Proposal("targets", {"indicator_candidates": ":0.80"}).candidates == []
    assert Proposal("targets", {}).status == "new"


def test_next_free_id_follows_the_corpus_scheme():
    taken = ["x-t01", "x-t09", "x-t10", "y-t40", "x-r55", "x-t3a"]
    assert next_id("x", "targets", taken) == "x-t11"
    assert next_id("x", "results", taken) == "x-r56"
    assert next_id("x", "assignments", taken) == "x-a01"


def test_marking_changes_only_that_proposal(tmp_path):
    path = tmp_path / "drafts" / "x" / "assignments.csv"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + ROWS, "utf-8")
    mark(tmp_path, "x", "assignments", "x-a02", "accepted", "x-a02")
    assert path.read_text("utf-8") == HEADER + ROWS.replace("báo cáo,,,new", "báo cáo,,x-a02,accepted")
    assert [p.status for p in read_proposals(tmp_path, "x")] == ["new", "accepted", "rejected"]
    with pytest.raises(DraftError, match="^drafts/x/assignments.csv: no proposal x-a02 waiting for review$"):
        mark(tmp_path, "x", "assignments", "x-a02", "rejected")
    with pytest.raises(DraftError, match="^drafts/x/results.csv: no such drafts file$"):
        mark(tmp_path, "x", "results", "x-r01", "rejected")


def test_the_page_says_what_stops_a_review(tmp_path):
    root = copy_project(tmp_path / "project")
    assert render_review(root, "no-such-document", "token") is None
    drafts = root / "drafts" / "long-phu-53-2022" / "targets.csv"
    drafts.parent.mkdir(parents=True)
    drafts.write_text("id,document\nlong-phu-53-2022-t90,long-phu-53-2022\n", "utf-8")
    page = html.unescape(render_review(root, "long-phu-53-2022", "token"))
    assert "<code>drafts/long-phu-53-2022/targets.csv: no status column (expected the drafts format)</code>" in page
    source = root / "content" / "documents" / "long-phu-53-2022.md"
    source.write_text(source.read_text("utf-8").replace("period_end: 2030", "period_end: soon"), "utf-8")
    page = html.unescape(render_review(root, "long-phu-53-2022", "token"))
    assert '<code>content/documents/long-phu-53-2022.md:11: period_end: "soon" is not valid ' \
           "(expected a year such as 2025)</code>" in page
