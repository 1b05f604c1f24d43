"""Accepting a row (generator/curation/review_accept.py) without a browser: the build's own
messages at the line the row would have, every byte of the file kept whatever its line ends,
byte-order mark or last line, and the build still valid afterwards."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from generator.curation.review_accept import Refused, accept_row
from tests.conftest import copy_project, run

TARGETS = "datasets/cchc/targets.csv"
NEW_ID = "long-phu-53-2022-t90"


@pytest.fixture
def root(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def curated(root: Path, row_id: str = "long-phu-53-2022-t04") -> dict[str, str]:
    with (root / TARGETS).open(encoding="utf-8-sig", newline="") as handle:
        return next(row for row in csv.DictReader(handle) if row["id"] == row_id)


def refused(root: Path, values: dict[str, str]) -> list[str]:
    before = (root / TARGETS).read_bytes()
    with pytest.raises(Refused) as caught:
        accept_row(root, "targets", values)
    assert (root / TARGETS).read_bytes() == before  # nothing written
    return [p.format() for p in caught.value.problems]


def validate_by_hand(root: Path, tmp_path: Path, values: dict[str, str], line: int) -> list[str]:
    """What `python build.py validate` says about the row at `line` when it is appended by hand."""
    copy = tmp_path / "by-hand"
    shutil.copytree(root, copy)
    data = (copy / TARGETS).read_bytes()
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values.values())
    (copy / TARGETS).write_bytes(data + out.getvalue().encode("utf-8"))
    result = run(copy, "validate")
    return [said for said in result.stderr.splitlines() if said.startswith(f"{TARGETS}:{line}:")]


def test_the_row_is_appended_and_the_build_stays_valid(root):
    before = (root / TARGETS).read_bytes()
    row = {**curated(root), "id": NEW_ID, "statement_en": "Dossiers passed on electronically, \"at least\" 80%"}
    accepted = accept_row(root, "targets", row)
    assert (accepted.id, accepted.file, accepted.line) == (NEW_ID, TARGETS, before.count(b"\n") + 1)
    added = (root / TARGETS).read_bytes()[len(before):].decode("utf-8")
    assert (root / TARGETS).read_bytes().startswith(before) and added.endswith("\n") and added.count("\n") == 1
    assert next(csv.DictReader(io.StringIO(added), fieldnames=list(row))) == row
    assert run(root, "validate").exit_code == 0


@pytest.mark.parametrize("shape", ["crlf", "bom", "no-last-newline"])
def test_every_byte_is_kept_and_the_files_line_ends_used(root, shape):
    data = (root / TARGETS).read_bytes()
    if shape == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif shape == "bom":
        data = b"\xef\xbb\xbf" + data
    else:
        data = data.rstrip(b"\n")
    (root / TARGETS).write_bytes(data)
    accepted = accept_row(root, "targets", {**curated(root), "id": NEW_ID})
    after = (root / TARGETS).read_bytes()
    assert after.startswith(data)
    added = after[len(data):]
    if shape == "crlf":
        assert added.endswith(b"\r\n") and added.count(b"\n") == 1 and accepted.line == data.count(b"\n") + 1
    elif shape == "no-last-newline":
        assert added.startswith(b"\n") and added.count(b"\n") == 2 and accepted.line == data.count(b"\n") + 2
    else:
        assert added.endswith(b"\n") and b"\r" not in added
    assert run(root, "validate").exit_code == 0


def test_problems_are_the_builds_own_lines(root, tmp_path):
    line = (root / TARGETS).read_bytes().count(b"\n") + 1
    cases = {
        "indicator": ({"indicator": "bogus"}, [
            f'{TARGETS}:{line}: indicator: "bogus" is not a known id in indicators '
            "(hint: add it to indicators or correct the spelling)"]),
        "id": ({"id": "long-phu-53-2022-t01"}, None),
        "quote": ({"source_quote": "Đến năm 2025, tối thiểu 81% hồ sơ"}, None),
        "year": ({"year": "2040"}, None),
        "document": ({"document": "no-such-document"}, [
            f'{TARGETS}:{line}: document: "no-such-document" is not a known id in documents '
            "(hint: no file in content/documents has this id)"]),
    }
    for field, (change, expected) in cases.items():
        values = {**curated(root), "id": NEW_ID, **change}
        said = refused(root, values)
        assert said and said == validate_by_hand(root, tmp_path / field, values, line), field
        if expected:
            assert said == expected, field
    year = f"{TARGETS}:{line}: year: 2040 is outside the period of long-phu-53-2022 (2021–2030) " \
           "(hint: check the year, or the document's period_start and period_end)"
    assert year in refused(root, {**curated(root), "id": NEW_ID, "year": "2040"})


def test_a_cell_with_a_line_break_is_reported_at_the_records_last_line(root, tmp_path):
    line = (root / TARGETS).read_bytes().count(b"\n") + 2  # the record takes two lines
    values = {**curated(root), "id": NEW_ID, "note": "dòng một\ndòng hai", "level": "cap-xa"}
    said = refused(root, values)
    assert said == [f'{TARGETS}:{line}: level: "cap-xa" is not one of tinh, huyen, xa, toan-dia-ban']
    assert said == validate_by_hand(root, tmp_path, values, line)


def test_text_is_stored_nfc_and_trimmed(root):
    decomposed = "Ho\u0302\u0300 so\u031b"  # "Hồ sơ" typed with combining marks
    accept_row(root, "targets", {**curated(root), "id": NEW_ID, "statement": f"  {decomposed} ",
                                 "statement_en": "Dossiers"})
    assert curated(root, NEW_ID)["statement"] == "Hồ sơ"
