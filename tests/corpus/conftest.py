"""The curated data as the build reads it, loaded once from the project's own inputs (read only:
nothing is written, no cache is used)."""

from __future__ import annotations

import pytest

from generator.content import load_content
from generator.data import load_datasets
from generator.errors import Report
from generator.model import Catalogue, build_catalogue
from tests.corpus.corpusdata import ROOT


@pytest.fixture(scope="session")
def corpus() -> Catalogue:
    report = Report()
    content = load_content(ROOT, report)
    catalogue = build_catalogue(content, load_datasets(ROOT, content, report))
    assert not report.errors, report.format_text()
    return catalogue
