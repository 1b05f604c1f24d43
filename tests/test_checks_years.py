"""Which years a figure may have: a promise falls in its document's period; a reported result
may also come from the period before it, of the same length (a plan's "last year's results")."""

from __future__ import annotations

import csv

import pytest

from tests.conftest import run
from tests.support import DATA, make_project

REPORT = "soc-trang-ket-qua-2022-2023"  # period 2022–2023: results may be from 2020–2023


def _set_first_year(root, table: str, year: int) -> int:
    path = root / DATA / table
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index("year")] = str(year)
    rows[1][rows[0].index("year_stated")] = "false"  # the quote then need not state it
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return 2  # the row's line


@pytest.mark.parametrize("year, problem", [
    (2020, None),
    (2019, "datasets/cchc/results.csv:2: year: 2019 is outside the years soc-trang-ket-qua-2022-2023 can report "
           "(2020–2023: its period 2022–2023 and as many years before it)"),
    (2024, "datasets/cchc/results.csv:2: year: 2024 is outside the years soc-trang-ket-qua-2022-2023 can report "
           "(2020–2023: its period 2022–2023 and as many years before it)"),
])
def test_a_result_may_come_from_the_period_before_its_document_s(tmp_path, year, problem):
    root = make_project(tmp_path / "p", documents=(REPORT,))
    _set_first_year(root, "results.csv", year)
    result = run(root, "validate")
    errors = [line for line in result.stderr.splitlines() if "outside" in line]
    assert errors == ([problem + " (hint: check the year, or the document's period_start and period_end)"]
                      if problem else [])
