"""`python build.py draft` on a small scratch project: a plan written for these tests (nobody
curated it) drafted for real; the proposed rows, the drafts files' format, a second run, rows the
review rejected, the command line's errors, and accepted proposals passing the build."""

from __future__ import annotations

import csv
import unicodedata
import shutil
from pathlib import Path

import pytest

from generator.curation.draft import TABLES
from generator.markup import render_markdown

from tests.conftest import ROOT, run


PLAN = """---
id: thu-nghiem-1-2024
number: "1/KH-UBND"
type: plan
title: "Kế hoạch cải cách hành chính thử nghiệm"
title_en: "A test administrative reform plan"
issuer: "Ủy ban nhân dân huyện Thử Nghiệm"
place: long-phu
date: 2024-01-15
period_start: 2023
period_end: 2026
signer: "Nguyễn Văn A"
author: null
source_note: "Văn bản viết cho kiểm thử"
source_note_en: "A text written for the tests"
---

## I. MỤC TIÊU

### 1. Cải cách thủ tục hành chính

Đến năm 2026:

- Tối thiểu 75% thủ tục hành chính có yêu cầu nghĩa vụ tài chính được triển khai thanh toán trực tuyến; trong đó, tỷ lệ giao dịch thanh toán trực tuyến đạt từ 40% trở lên.

- Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính của cấp huyện, cấp xã tương ứng là 65%, 45%.

### 2. Cải cách tài chính công

Ít nhất 25% đơn vị sự nghiệp công lập tự bảo đảm chi thường xuyên.

### 3. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số

Năm 2025, 85% hồ sơ công việc cấp huyện và 65% hồ sơ công việc cấp xã được xử lý trên môi trường mạng; đạt 95% vào năm 2026.

Kết quả năm 2023, huyện đã cấp 1.250 chữ ký số cho công chức.

## II. TỔ CHỨC THỰC HIỆN

### 1. Phòng Nội vụ

Tham mưu UBND huyện theo dõi việc thực hiện Kế hoạch. Báo cáo kết quả cải cách thủ tục hành chính trước ngày 15 hằng quý.
"""


def write_plan(root: Path, text: str = PLAN, name: str = "thu-nghiem-1-2024") -> None:
    (root / "content" / "documents" / f"{name}.md").write_text(text, encoding="utf-8")


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of the project's inputs, with the test plan."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("site.yaml", "content", "datasets", "templates"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    write_plan(root)
    return root


# --- the command line ---------------------------------------------------------------------------

def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_an_unknown_document_is_a_one_line_error(scratch):
    result = run(scratch, "draft", "khong-co-2024")
    assert result.exit_code == 1
    assert result.stderr == ("error: content/documents/khong-co-2024.md: no such document "
                             "(run `python build.py import FILE` first)\n")
    assert not (scratch / "drafts").exists()


def test_a_bad_id_and_a_broken_document_are_one_line_errors(scratch):
    result = run(scratch, "draft", "../site")
    assert result.exit_code == 1
    assert result.stderr == ('error: "../site" is not a document id (expected lower-case letters, digits and '
                             "hyphens, as in content/documents/<id>.md)\n")
    write_plan(scratch, "no front matter here\n", name="hong-2024")
    result = run(scratch, "draft", "hong-2024")
    assert result.exit_code == 1
    assert result.stderr == "error: content/documents/hong-2024.md:1: missing front matter (hint: start the file " \
                            "with a line '---', the YAML keys, then '---')\n"


# --- proposed rows (the test plan above, drafted for real) --------------------------------------

@pytest.fixture
def drafted(scratch) -> Path:
    result = run(scratch, "draft", "thu-nghiem-1-2024")
    assert result.exit_code == 0, result.stderr
    return scratch / "drafts" / "thu-nghiem-1-2024"


def _by_value(rows: list[dict], value: str) -> dict:
    (row,) = [r for r in rows if r["value"] == value]
    return row


def test_each_figure_gets_its_shortest_whole_clause_and_its_fields(drafted):
    targets = _read(drafted / "targets.csv")
    payment = _by_value(targets, "75")
    assert payment["source_quote"] == ("Tối thiểu 75% thủ tục hành chính có yêu cầu nghĩa vụ tài chính được triển "
                                       "khai thanh toán trực tuyến")
    assert (payment["comparator"], payment["unit"], payment["year"], payment["year_stated"], payment["level"],
            payment["area"]) == (">=", "percent", "2026", "true", "toan-dia-ban", "thu-tuc-hanh-chinh")
    assert 'year: lead "Đến năm 2026"' in payment["why"] and 'comparator: "Tối thiểu"' in payment["why"]
    share = _by_value(targets, "40")
    assert share["source_quote"] == "trong đó, tỷ lệ giao dịch thanh toán trực tuyến đạt từ 40% trở lên."
    assert share["comparator"] == ">="


def test_several_figures_in_one_clause_give_one_row_each_with_its_level(drafted):
    targets = _read(drafted / "targets.csv")
    quote = "Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính của cấp huyện, cấp xã tương ứng là 65%, 45%."
    listed = [r for r in targets if r["source_quote"] == quote]
    assert [(r["value"], r["level"], r["comparator"]) for r in listed] == [("65", "huyen", ">="), ("45", "xa", ">=")]
    assert listed[0]["note"] == 'Con số không có "tối thiểu", đọc là mức tối thiểu (>=)'
    online = [r for r in targets if r["source_quote"].startswith("Năm 2025, 85%")]
    assert [(r["value"], r["level"], r["year"]) for r in online] == [("85", "huyen", "2025"), ("65", "xa", "2025")]
    later = _by_value(targets, "95")     # "đạt 95% vào năm 2026": the year right after the figure
    assert (later["year"], later["year_stated"], later["source_quote"]) == ("2026", "true", "đạt 95% vào năm 2026.")


def test_a_figure_without_a_year_takes_the_plan_s_last_year_and_says_so(drafted):
    finance = _by_value(_read(drafted / "targets.csv"), "25")
    assert (finance["year"], finance["year_stated"], finance["area"]) == ("2026", "false", "tai-chinh-cong")
    assert finance["note"] == "Không nêu năm; đọc là năm cuối kế hoạch 2026"
    assert finance["note_en"] == "No year stated; read as the plan's last year, 2026"


def test_reported_wording_makes_a_result_even_in_a_plan(drafted):
    (result,) = _read(drafted / "results.csv")
    assert (result["value"], result["unit"], result["comparator"], result["year"], result["year_stated"]) == (
        "1250", "count", "=", "2023", "true")
    assert result["source_quote"] == "Kết quả năm 2023, huyện đã cấp 1.250 chữ ký số cho công chức."
    assert 'kind: "đã"' in result["why"]
    assert all(row["value"] != "1250" for row in _read(drafted / "targets.csv"))


def test_duties_come_from_the_implementation_part_one_a_sentence(drafted):
    duties = _read(drafted / "assignments.csv")
    assert [(d["agency"], d["area"], d["source_quote"]) for d in duties] == [
        ("Phòng Nội vụ", "chi-dao-dieu-hanh", "Tham mưu UBND huyện theo dõi việc thực hiện Kế hoạch."),
        ("Phòng Nội vụ", "thu-tuc-hanh-chinh", "Báo cáo kết quả cải cách thủ tục hành chính trước ngày 15 hằng quý."),
    ]
    assert [d["id"] for d in duties] == ["thu-nghiem-1-2024-a01", "thu-nghiem-1-2024-a02"]


def test_the_drafts_files_keep_the_contract_format(drafted, scratch):
    body = (scratch / "content" / "documents" / "thu-nghiem-1-2024.md").read_text(encoding="utf-8")
    rendered = render_markdown(body.split("---", 2)[2])
    for name in TABLES:
        raw = (drafted / f"{name}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
        header = (scratch / "datasets" / "cchc" / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        extra = "why,existing,status" if name == "assignments" else \
            "indicator_score,indicator_candidates,why,existing,status"
        assert raw.decode("utf-8").splitlines()[0] == f"{header},{extra}"
        for row in _read(drafted / f"{name}.csv"):
            assert rendered.find(row["source_quote"]), row["source_quote"]   # the build's own quote check
            assert row["status"] == "new" and row["existing"] == "" and row["id"].startswith("thu-nghiem-1-2024-")
    payment = _by_value(_read(drafted / "targets.csv"), "75")
    candidates = payment["indicator_candidates"].split("; ")
    assert payment["indicator"] == "tthc-thanh-toan-truc-tuyen" and candidates[0].startswith("tthc-thanh-toan-truc-tuyen:")
    assert payment["indicator_score"] == candidates[0].split(":")[1] and len(candidates) == 3


def _accept(scratch: Path, name: str, row: dict, **changes) -> None:
    """What the review page does on accept: the row's contract columns appended to datasets/."""
    path = scratch / "datasets" / "cchc" / f"{name}.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=header, lineterminator="\n", extrasaction="ignore").writerow(
            {**row, **changes})


def test_a_second_run_marks_accepted_rows_same_and_changed_ones_different(drafted, scratch):
    targets = _read(drafted / "targets.csv")
    _accept(scratch, "targets", _by_value(targets, "75"))
    _accept(scratch, "targets", _by_value(targets, "25"), level="huyen")
    assert run(scratch, "draft", "thu-nghiem-1-2024").exit_code == 0
    again = _read(drafted / "targets.csv")
    same, different = _by_value(again, "75"), _by_value(again, "25")
    assert (same["status"], same["existing"], same["id"]) == ("same", "thu-nghiem-1-2024-t01", "thu-nghiem-1-2024-t01")
    assert (different["status"], different["existing"]) == ("different", different["id"])
    assert different["why"].endswith(f'differs from {different["id"]}: level ("toan-dia-ban" here, "huyen" there)')
    assert [r["status"] for r in again].count("new") == len(again) - 2


def test_rows_the_review_rejected_are_kept_and_not_proposed_again(drafted, scratch):
    path = drafted / "targets.csv"
    rows = _read(path)
    rows[0]["status"] = "rejected"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert run(scratch, "draft", "thu-nghiem-1-2024").exit_code == 0
    again = _read(path)
    assert len(again) == len(rows)
    assert [r for r in again if r["status"] == "rejected"] == [rows[0]]


def test_accepted_proposals_pass_the_build_s_validation_and_figure_check(drafted, scratch):
    """Every proposal, accepted as it is (the reviewer writes only what the draft cannot: the
    English statement of a new indicator), is a valid row: types, keys, quotes, figures."""
    for name in TABLES:
        for row in _read(drafted / f"{name}.csv"):
            if name != "assignments":
                assert row["area"], row
                row["statement_en"] = row["statement_en"] or "Written by the reviewer"
            _accept(scratch, name, row)
    result = run(scratch, "validate", "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert '"errors": 0' in result.stdout


def test_drafts_are_never_written_through_a_symbolic_link(scratch, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (scratch / "drafts").symlink_to(outside, target_is_directory=True)
    result = run(scratch, "draft", "thu-nghiem-1-2024")
    assert result.exit_code == 1
    assert result.stderr == "error: drafts: is a symbolic link (drafts are written only inside the project)\n"
    assert list(outside.iterdir()) == []


def test_a_document_is_read_as_the_build_reads_it(scratch):
    """A BOM, Windows line ends and decomposed Vietnamese are read as the build reads them;
    text that is not UTF-8 is the build's own one-line error."""
    path = scratch / "content" / "documents" / "thu-nghiem-1-2024.md"
    path.write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", PLAN).replace("\n", "\r\n").encode("utf-8"))
    assert run(scratch, "draft", "thu-nghiem-1-2024").exit_code == 0
    payment = _by_value(_read(scratch / "drafts" / "thu-nghiem-1-2024" / "targets.csv"), "75")
    assert payment["source_quote"] == unicodedata.normalize("NFC", payment["source_quote"])
    assert payment["source_quote"].startswith("Tối thiểu 75% thủ tục hành chính")
    path.write_bytes("Số 1".encode("utf-16"))
    result = run(scratch, "draft", "thu-nghiem-1-2024")
    assert result.exit_code == 1
    assert result.stderr == ("error: content/documents/thu-nghiem-1-2024.md: not UTF-8 text (it looks like UTF-16) "
                             "(hint: save the file as UTF-8)\n")
