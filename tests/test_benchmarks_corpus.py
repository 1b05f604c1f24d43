"""The benchmark's corpus generator keeps producing a corpus the build accepts.

Only the generator is tested here (a few seconds); the benchmark itself never runs in
the test suite. If this fails after a change to the data contract, extend the one
column table in benchmarks/contract.py.
"""

from __future__ import annotations

import csv
from pathlib import Path

from benchmarks.corpus import generate
from generator.build import build

from tests.conftest import ROOT, digest


def test_generated_corpus_validates(tmp_path: Path):
    info = generate(tmp_path / "corpus", 5, seed=7)
    summary = build(tmp_path / "corpus", write=False)  # raises BuildError on any problem
    assert summary.report.errors == []
    assert len(list((tmp_path / "corpus/content/documents").glob("*.md"))) == 5
    assert info.rows["targets"] > 5 * 10 and info.rows["results"] > 5 * 5 and info.rows["assignments"] > 5 * 5


def test_generated_csvs_have_the_real_headers(tmp_path: Path):
    generate(tmp_path / "corpus", 5, seed=7)
    for real in sorted((ROOT / "datasets/cchc").glob("*.csv")):
        with real.open(encoding="utf-8-sig") as a, (tmp_path / "corpus/datasets/cchc" / real.name).open() as b:
            assert next(csv.reader(b)) == next(csv.reader(a)), real.name


def test_generation_is_deterministic(tmp_path: Path):
    generate(tmp_path / "a", 5, seed=3)
    generate(tmp_path / "b", 5, seed=3)
    generate(tmp_path / "c", 5, seed=4)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")
