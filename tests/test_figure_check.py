"""The figure check: a row's value, comparator and stated year must be what its quote says,
with exact messages; each test breaks one row of a scratch copy of the project."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.conftest import copy_project, run

TARGETS = "datasets/cchc/targets.csv"
RESULTS = "datasets/cchc/results.csv"
LAM_DONG = "content/documents/lam-dong-2260-2021.md"


@pytest.fixture
def scratch(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def line_of(root: Path, rel: str, row_id: str) -> int:
    rows = list(csv.reader(io.StringIO((root / rel).read_text("utf-8"))))
    return next(n for n, row in enumerate(rows, start=1) if row[0] == row_id)


def set_cells(root: Path, rel: str, row_id: str, **cells: str) -> int:
    """Set cells of one row (by id), keeping every other row as it is; returns the row's line."""
    path = root / rel
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    line = line_of(root, rel, row_id)
    for name, value in cells.items():
        rows[line - 1][rows[0].index(name)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")
    return line


def problems(root: Path) -> list[str]:
    """The error lines `validate` prints (it must fail)."""
    result = run(root, "validate")
    assert result.exit_code == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warning:")]
    assert lines[-1].startswith(f"{len(lines) - 1} error{'s' if len(lines) != 2 else ''}, ")
    return lines[:-1]


def passes(root: Path) -> None:
    result = run(root, "validate")
    assert result.exit_code == 0, result.stderr


def test_the_curated_documents_pass(scratch):
    passes(scratch)


def test_a_value_the_quote_does_not_state(scratch):
    line = set_cells(scratch, TARGETS, "lam-dong-2260-2021-t02", value="85")
    assert problems(scratch) == [f'{TARGETS}:{line}: value: 85, but the quote states 80 ("Tối thiểu 80%")']


def test_a_value_among_several_names_them_all(scratch):
    line = set_cells(scratch, TARGETS, "lam-dong-2260-2021-t22", value="85")
    assert problems(scratch) == [
        f'{TARGETS}:{line}: value: 85, but the quote states 90 ("90%"), 80 ("80%") or 60 ("60%")']


def test_a_result_value_in_vietnamese_notation(scratch):
    line = set_cells(scratch, RESULTS, "soc-trang-ket-qua-2022-2023-r24", value="99.97")
    assert problems(scratch) == [
        f'{RESULTS}:{line}: value: 99.97, but the quote states 99.79 ("99,79%")']


def test_a_quote_that_states_no_figure(scratch):
    line = set_cells(scratch, TARGETS, "lam-dong-2260-2021-t02", source_quote="Đến năm 2025:")
    assert problems(scratch) == [f"{TARGETS}:{line}: value: 80, but the quote states no figure"]


def test_a_comparator_the_words_do_not_give(scratch):
    line = set_cells(scratch, TARGETS, "lam-dong-2260-2021-t33", comparator=">=")
    assert problems(scratch) == [f'{TARGETS}:{line}: comparator: ">=", but the quote states ">" ("trên 88%")']


def test_a_declared_reading_never_overrides_the_words(scratch):
    line = set_cells(scratch, TARGETS, "lam-dong-2260-2021-t33", comparator=">=", quote_reading="comparator")
    assert problems(scratch) == [f'{TARGETS}:{line}: comparator: ">=", but the quote states ">" ("trên 88%")']


def test_a_bare_figure_read_as_a_bound_must_be_declared(scratch):
    line = set_cells(scratch, TARGETS, "lam-dong-2260-2021-t16", quote_reading="")
    assert problems(scratch) == [f'{TARGETS}:{line}: comparator: ">=", but the quote states "=" ("90%")']


def test_a_result_comparator(scratch):
    line = set_cells(scratch, RESULTS, "soc-trang-ket-qua-2022-2023-r02", comparator="=")
    assert problems(scratch) == [f'{RESULTS}:{line}: comparator: "=", but the quote states ">" ("trên 65")']


def test_a_year_the_quote_does_not_state(scratch):
    line = set_cells(scratch, TARGETS, "long-phu-53-2022-t04", year="2024")
    assert problems(scratch) == [f'{TARGETS}:{line}: year: 2024, but the quote states 2025 ("Đến năm 2025")']


def test_a_year_from_the_lead_in_of_the_list(scratch):
    line = set_cells(scratch, TARGETS, "lam-dong-2260-2021-t02", year="2024")
    assert problems(scratch) == [
        f'{TARGETS}:{line}: year: 2024, but the lead-in states 2025 ("Đến năm 2025")']


def test_a_year_from_the_paragraph_opening(scratch):
    line = set_cells(scratch, RESULTS, "soc-trang-ket-qua-2022-2023-r22", year="2022")
    assert problems(scratch) == [
        f'{RESULTS}:{line}: year: 2022, but the paragraph opening states 2023 ("Năm 2023")']


def test_a_year_from_the_sentence_never_from_its_baseline(scratch):
    line = set_cells(scratch, RESULTS, "soc-trang-ket-qua-2022-2023-r59", year="2022")
    assert problems(scratch) == [f'{RESULTS}:{line}: year: 2022, but the sentence states 2023 ("Năm 2023")']


def test_a_stated_year_that_nothing_states(scratch):
    line = set_cells(scratch, RESULTS, "soc-trang-ket-qua-2022-2023-r06", year_stated="true")
    assert problems(scratch) == [
        f"{RESULTS}:{line}: year_stated: true, but neither the quote nor the sentence, paragraph opening, "
        "lead-in or heading that governs it states a year "
        "(hint: set year_stated: false and say in note how the year was inferred)"]


def test_an_inferred_year_is_not_checked(scratch):
    set_cells(scratch, RESULTS, "soc-trang-ket-qua-2022-2023-r06", year="2022")
    passes(scratch)


def words_row(scratch: Path, **cells: str) -> int:
    """Point a row at a sentence (added to the scratch document) that states 100% in words."""
    sentence = "Đến năm 2025, số hóa toàn bộ hồ sơ thủ tục hành chính còn hiệu lực."
    path = scratch / LAM_DONG
    path.write_text(path.read_text("utf-8") + f"\n{sentence}\n", "utf-8")
    return set_cells(scratch, TARGETS, "lam-dong-2260-2021-t02", source_quote=sentence, **{"value": "100", **cells})


def test_a_figure_in_words_is_accepted_where_declared(scratch):
    words_row(scratch, quote_reading="words comparator")
    passes(scratch)


def test_a_figure_in_words_is_not_a_number_unless_declared(scratch):
    line = words_row(scratch, quote_reading="")
    assert problems(scratch) == [f"{TARGETS}:{line}: value: 100, but the quote states no figure"]


def test_a_figure_in_words_with_a_comparator_it_does_not_state(scratch):
    line = words_row(scratch, quote_reading="words")
    assert problems(scratch) == [f'{TARGETS}:{line}: comparator: ">=", but the quote states "=" ("toàn bộ")']


def test_a_figure_in_words_with_another_value(scratch):
    line = words_row(scratch, quote_reading="words comparator", value="50")
    assert problems(scratch) == [f'{TARGETS}:{line}: value: 50, but the quote states in words 100 ("toàn bộ")']


def test_an_unknown_reading_is_refused(scratch):
    line = set_cells(scratch, TARGETS, "lam-dong-2260-2021-t16", quote_reading="guess")
    assert problems(scratch) == [
        f'{TARGETS}:{line}: quote_reading: "guess" is not one of comparator, words, words comparator']


def test_the_build_cache_keeps_the_check_and_forgets_it_when_a_row_changes(scratch):
    line = set_cells(scratch, TARGETS, "lam-dong-2260-2021-t02", value="85")
    expected = f'{TARGETS}:{line}: value: 85, but the quote states 80 ("Tối thiểu 80%")'
    for _ in range(2):  # the second build reads the check's outcome from .cache/
        result = run(scratch)
        assert result.exit_code == 1 and expected in result.stderr.splitlines()
    assert (scratch / ".cache/figures").is_dir() and (scratch / ".cache/figures-of").is_dir()
    set_cells(scratch, TARGETS, "lam-dong-2260-2021-t02", value="80")
    assert run(scratch, "--quiet").exit_code == 0
