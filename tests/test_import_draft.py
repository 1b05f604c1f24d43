"""The build refuses a document whose draft keys are not reviewed, naming them at the file and line."""

from __future__ import annotations

from pathlib import Path

from generator.content import load_content
from generator.curation import formats_samples as samples
from generator.errors import Report

from tests.conftest import copy_project, run

SEED = Path(__file__).resolve().parent / "seeds/003_dad5fdeea82cee8c.txt"
FRONT = """---
id: x
draft: [number, date]
number: "53/KH-UBND"
type: plan
title: "Kế hoạch"
title_en: "Plan"
issuer: null
place: long-phu
date: 2022-05-31
period_start: 2021
period_end: 2030
signer: null
author: null
source_note: "Văn bản."
source_note_en: "Text."
{extra}---

Văn bản.
"""


def _problems(tmp_path: Path, extra: str = "", draft: str = "draft: [number, date]") -> tuple[list[str], object]:
    folder = tmp_path / "content/documents"
    folder.mkdir(parents=True)
    (folder / "x.md").write_text(FRONT.format(extra=extra).replace("draft: [number, date]", draft), "utf-8")
    report = Report()
    content = load_content(tmp_path, report)
    return [p.format() for p in report.problems], content


def test_unreviewed_draft_keys_are_refused_by_name(tmp_path):
    problems, content = _problems(tmp_path)
    assert problems == ["content/documents/x.md:3: draft: number, date not yet reviewed "
                        "(hint: check each against the text, then remove it from draft:)"]
    assert content.documents == () and "x" in content.invalid_ids


def test_unknown_instruments_are_refused_until_added(tmp_path):
    extra = 'draft_unknown:\n  - proposed_id: kh-1-2020\n    wording: "Kế hoạch số 1/KH-UBND"\n'
    problems, _ = _problems(tmp_path, extra, draft="draft: []")
    assert problems == ["content/documents/x.md:17: draft_unknown: 1 cited instrument not yet in "
                        "datasets/cchc/legal_documents.csv (hint: add each to legal_documents.csv, move its entry "
                        "to references: with legal: its id, then delete draft_unknown:)"]


def test_a_reviewed_document_builds_like_a_hand_written_one(tmp_path):
    for i, draft in enumerate(("draft: []", "")):
        problems, content = _problems(tmp_path / str(i), draft=draft)
        assert problems == [] and [d.id for d in content.documents] == ["x"]


def test_an_imported_document_fails_the_build_until_reviewed(tmp_path):
    """End to end: import, the build lists what is still to review and leaves _site alone."""
    project = copy_project(tmp_path / "project")
    path = samples.write_docx(SEED.read_text("utf-8"), tmp_path / "kh.docx")
    assert run(project, "import", str(path), "--id", "kh-moi").exit_code == 0
    result = run(project, "validate")
    assert result.exit_code == 1
    assert ("content/documents/kh-moi.md:3: draft: number, type, title, title_en, issuer, place, date, period_start, "
            "period_end, signer, author, source_note, source_note_en, references, implements, reports_on not yet "
            "reviewed (hint: check each against the text, then remove it from draft:)") in result.stderr
