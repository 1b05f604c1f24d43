"""Typed rows: read from the validated cells by frictionless' own field readers, kept as
compact tuple-backed rows; they must equal what frictionless' `read_rows` gives."""

from __future__ import annotations

import codecs
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

from frictionless import Resource

from generator import data, validate
from generator.incremental.cache import Cache, using
from generator.content import load_content
from generator.errors import Report

ROOT = Path(__file__).resolve().parent.parent


def test_typed_rows_equal_frictionless_read_rows(monkeypatch):
    seen = {}
    typed = validate._typed

    def recording(table, *args):
        seen[table.name] = (table.descriptor, list(table.header), [list(cells) for cells in table.raw])
        return typed(table, *args)

    monkeypatch.setattr(validate, "_typed", recording)
    report = Report()
    with using(Cache(ROOT, enabled=False)):
        content = load_content(ROOT, report)
        [dataset] = data.load_datasets(ROOT, content, report)
    assert not report.errors
    assert set(seen) == set(dataset.tables) and "targets" in seen and "documents" in seen
    kinds = set()
    for name, table in dataset.tables.items():
        descriptor, header, raw = seen[name]
        schema = {k: v for k, v in descriptor["schema"].items() if k != "foreignKeys"}
        expected = [row.to_dict() for row in Resource({"name": name, "schema": schema,
                                                        "data": [header, *raw]}).read_rows()]
        assert [dict(row) for row in table.rows] == expected, name
        assert table.raw == [] and len(table.hash) == 64  # the cells are let go, their hash kept
        kinds |= {type(value) for row in table.rows for value in row.values}
    assert {str, int, Decimal, date, bool, type(None)} <= kinds  # every type was compared


def test_a_row_reads_like_a_dict():
    row = data.Row({"id": 0, "value": 1}, ("a", Decimal("5")))
    assert row["value"] == Decimal("5") and row.get("missing") is None and row.get("missing", 1) == 1
    assert dict(row) == {"id": "a", "value": Decimal("5")} and list(row) == ["id", "value"]
    assert {**row, "kind": "target"} == {"id": "a", "value": Decimal("5"), "kind": "target"}
    assert row == {"id": "a", "value": Decimal("5")} and "id" in row and "x" not in row


def test_a_table_is_read_line_by_line_as_the_whole_text_reads(tmp_path):
    """`read_lines` (tables, streamed) gives the lines `read_text` gives (every other file):
    the BOM dropped, Windows and old Mac line ends read as \\n, decomposed Vietnamese composed,
    a quoted cell's own line break kept; so a table reads the same however it was saved."""
    from generator.yamlfile import read_lines, read_text
    text = 'id,name\r\nhg,"Hậu\r\nGiang"\rx,' + unicodedata.normalize("NFD", "Sóc Trăng") + "\n" * 3 + "y,z" * 5000
    path = tmp_path / "t.csv"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    report = Report()
    whole = read_text(path, "t.csv", report)
    assert "".join(read_lines(path, "t.csv", report)) == whole and "Sóc Trăng" in whole and "\r" not in whole
    assert not report.problems


def _load(root: Path, monkeypatch) -> tuple[dict, list[str], Report]:
    """The tables of `root`'s data package, loaded as a build loads them (with its cache), and
    which CSV files were read again rather than taken from the cache."""
    parsed, parse = [], data._parse_table

    def recording(table, path, report):
        parsed.append(table.file)
        return parse(table, path, report)

    monkeypatch.setattr(data, "_parse_table", recording)
    report = Report()
    with using(Cache(root)):
        content = load_content(root, report)
        datasets = data.load_datasets(root, content, report)
    tables = {name: ([dict(row) for row in table.rows], table.lines, table.hash)
              for dataset in datasets for name, table in dataset.tables.items()}
    return tables, sorted(parsed), report


def test_a_csv_table_whose_bytes_are_unchanged_is_not_read_again(tmp_path, monkeypatch):
    from support import make_project
    root = make_project(tmp_path / "p")
    first, parsed, report = _load(root, monkeypatch)
    assert not report.errors and "datasets/cchc/targets.csv" in parsed and len(parsed) >= 8
    again, parsed_again, _ = _load(root, monkeypatch)
    assert parsed_again == [] and again == first  # the same rows, lines and hashes, from the cache

    targets = root / "datasets/cchc/targets.csv"
    lines = targets.read_text(encoding="utf-8").splitlines(keepends=True)
    targets.write_text("".join([lines[0], lines[2], lines[1], *lines[3:]]), encoding="utf-8")  # two rows swapped
    edited, parsed_edited, _ = _load(root, monkeypatch)
    assert parsed_edited == ["datasets/cchc/targets.csv"]
    assert edited["targets"][0][:2] == first["targets"][0][1::-1] and edited["targets"][1] == [2, 3] + first["targets"][1][2:]
    assert edited["targets"][2] != first["targets"][2]
    assert {k: v for k, v in edited.items() if k not in ("targets", "references")} == \
        {k: v for k, v in first.items() if k not in ("targets", "references")}


def test_a_csv_table_that_cannot_be_read_is_reported_by_every_build(tmp_path, monkeypatch):
    from support import make_project
    root = make_project(tmp_path / "p", files={"datasets/cchc/areas.csv": "code,name\nx,y\n"})
    for _ in range(2):
        _tables, parsed, report = _load(root, monkeypatch)
        assert "datasets/cchc/areas.csv" in parsed
        assert [(p.file, p.code) for p in report.errors if p.file.endswith("areas.csv")] == \
            [("datasets/cchc/areas.csv", "header")]


def test_an_edited_table_is_validated_again_with_the_tables_whose_keys_name_it(tmp_path, monkeypatch):
    """Validation's outcome is kept a table at a time (its cells, and the cells of the tables its
    foreign keys name): one edited table is validated again, with those naming it, not every table."""
    from support import make_project
    root = make_project(tmp_path / "p")
    validated, check = [], validate._frictionless
    monkeypatch.setattr(validate, "_frictionless", lambda descriptor, tables, rel, name: validated.append(name)
                        or check(descriptor, tables, rel, name))
    _, _, report = _load(root, monkeypatch)
    assert not report.problems and len(validated) >= 10
    validated.clear()
    _load(root, monkeypatch)
    assert validated == []  # nothing changed: every outcome from the cache

    targets = root / "datasets/cchc/targets.csv"
    lines = targets.read_text(encoding="utf-8").splitlines(keepends=True)
    targets.write_text("".join([lines[0], lines[2], lines[1], *lines[3:]]), encoding="utf-8")
    _load(root, monkeypatch)
    assert validated == ["targets"]  # no table's keys name the targets

    validated.clear()
    places = root / "datasets/cchc/places.csv"
    kept = [line for line in places.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("long-phu,")]
    places.write_text("".join(kept), encoding="utf-8")  # a place the targets name, gone
    _, _, report = _load(root, monkeypatch)
    assert validated == ["places", "documents", "targets", "results", "legal_documents", "place_changes"]
    assert {(p.file, p.field, p.message) for p in report.errors if p.file.endswith("targets.csv")} == \
        {("datasets/cchc/targets.csv", "place", '"long-phu" is not a known id in places')}
