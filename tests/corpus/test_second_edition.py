"""The corpus, second edition (issue 11): comparators on results, baseline periods, inferred
years, one measure per indicator, cited instruments with their own dates, and the documents
that cite the same instrument. Facts are read back from the published downloads and from
the catalogue the pages are rendered from."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from generator.content import load_content
from generator.data import load_datasets
from generator.errors import Report
from generator.model import MET, NO_DATA, NOT_MET_YET, Catalogue, Result, Target, build_catalogue, meets
from tests.corpus.test_figures import SEEDS, find, one, table

ST, LP, LD, CM, HG = ("soc-trang-ket-qua-2022-2023", "long-phu-53-2022", "lam-dong-2260-2021",
                      "ca-mau-cchc-2023", "hau-giang-217-2022")
SEED_OF = {LD: "004_9a38d09136b2a054.txt", LP: "003_dad5fdeea82cee8c.txt", CM: "000_6770d77497d80e44.txt",
           HG: "001_884e22039b5ae0fe.txt", ST: "002_e72c679ada054508.txt"}


@pytest.fixture(scope="module")
def cat(built_project) -> Catalogue:
    report = Report()
    content = load_content(built_project, report)
    catalogue = build_catalogue(content, load_datasets(built_project, content, report))
    assert not report.errors
    return catalogue


# --- 1. results have a comparator ----------------------------------------------------------------

def test_the_two_tren_results_carry_more_than(site):
    results = table(site, "results")
    more_than = {r["id"]: (r["value"], r["comparator"]) for r in results.values() if r["comparator"] != "="}
    assert more_than == {f"{ST}-r02": ("65", ">"), f"{ST}-r04": ("25", ">")}
    assert "trên 65 văn bản" in results[f"{ST}-r02"]["source_quote"]
    assert "trên 25 mô hình" in results[f"{ST}-r04"]["source_quote"]


@pytest.mark.parametrize("result, target, met", [
    ((">", 65), (">=", 60), True),   # every value above 65 is at least 60
    ((">", 65), (">", 65), True),
    ((">", 65), (">=", 80), False),  # 66 would not be 80: cannot be shown met
    ((">", 65), ("=", 66), False),
    ((">=", 65), (">", 65), False),  # 65 itself is allowed and is not above 65
    (("=", 80), (">=", 80), True),
    (("=", 79.9), (">=", 80), False),
    (("<", 10), ("<=", 10), True),
    (("<", 10), (">=", 5), False),
    (("=", 20), ("<=", 20), True),
])
def test_progress_honours_the_results_comparator(result, target, met):
    assert meets(result[0], Decimal(str(result[1])), target[0], Decimal(str(target[1]))) is met


def _figure(cls, **values):
    base = dict(id="x", document="d", place="p", area="a", indicator="i", level="tinh", statement="s",
                statement_en="s", value=Decimal(0), unit="count", year=2025, baseline_year=None,
                source_quote="q", note=None)
    return cls(**{**base, **values})


def test_progress_of_a_target_against_a_more_than_result():
    result = _figure(Result, id="r", value=Decimal(65), comparator=">", year=2023)
    at_least_60 = _figure(Target, id="t1", value=Decimal(60), comparator=">=")
    at_least_80 = _figure(Target, id="t2", value=Decimal(80), comparator=">=")
    change = _figure(Result, id="c", value=Decimal(99), comparator="=", year=2024,
                     baseline_period_start=2021, baseline_period_end=2022)
    catalogue = Catalogue(documents={}, pages=[], areas={}, places={}, indicators={}, targets=[at_least_60, at_least_80],
                          results=[result, change], assignments=[], dataset=None)
    assert catalogue.progress_of(at_least_60).status == MET
    assert catalogue.progress_of(at_least_80).status == NOT_MET_YET
    assert catalogue.progress_of(at_least_80).result == result  # a change figure is never used
    assert catalogue.progress_of(_figure(Target, id="t3", indicator="other", value=Decimal(1))).status == NO_DATA


# --- 2. baselines may be periods -----------------------------------------------------------------

def test_long_phu_t22_compares_with_the_period_2021_2025(site, cat):
    row = table(site, "targets")[f"{LP}-t22"]
    assert (row["baseline_year"], row["baseline_period_start"], row["baseline_period_end"]) == ("", "2021", "2025")
    assert "so với giai đoạn 2021 - 2025" in row["source_quote"]
    target = next(t for t in cat.targets if t.id == f"{LP}-t22")
    assert target.is_change and target.baseline_period == (2021, 2025)


def test_only_t22_has_a_baseline_period(site):
    rows = [*table(site, "targets").values(), *table(site, "results").values()]
    assert [r["id"] for r in rows if r["baseline_period_start"] or r["baseline_period_end"]] == [f"{LP}-t22"]


# --- 3. inferred years are marked ----------------------------------------------------------------

def test_every_inferred_year_is_marked(site):
    targets, results = table(site, "targets"), table(site, "results")
    inferred_targets = {r["id"] for r in targets.values() if r["year_stated"] == "False"}
    assert inferred_targets == {f"{LD}-t01", *(f"{LD}-t{n}" for n in range(33, 38)),
                                *(f"{CM}-t{n:02d}" for n in range(1, 28) if not 2 <= n <= 5)}
    assert len(inferred_targets) == 29
    inferred_results = {r["id"] for r in results.values() if r["year_stated"] == "False"}
    assert len(inferred_results) == 43
    assert {f"{ST}-r{n:02d}" for n in (5, 14, 20, 21, 24, 30, 45, 47, 57, 59)}.isdisjoint(inferred_results)
    assert {f"{ST}-r{n:02d}" for n in (1, 2, 4, 6, 8, 19, 31, 40, 48, 54, 62)} <= inferred_results
    assert {r["year_stated"] for r in [*targets.values(), *results.values()]} == {"True", "False"}


def test_stated_years_are_in_the_quote_or_its_paragraph(site):
    """Spot check: where year_stated is true for Cà Mau, the sentence says 'trong năm 2023'."""
    for row in find(table(site, "targets"), document=CM, year_stated="True"):
        assert "trong năm 2023" in row["source_quote"], row["id"]


# --- 4. one measure per indicator ----------------------------------------------------------------

def test_retired_indicators_that_grouped_different_measures_are_gone(site):
    indicators = table(site, "indicators")
    assert "ho-so-giai-quyet-truc-tuyen" not in indicators and "he-thong-thong-tin-ket-noi" not in indicators


@pytest.mark.parametrize("indicator, rows", [
    ("ho-so-truc-tuyen-muc-do-3-4", {f"{LD}-t13", f"{LP}-t15", f"{LP}-t18"}),
    ("ho-so-truc-tuyen-tru-nganh-doc", {f"{CM}-t10"}),
    ("ho-so-truc-tuyen-toan-trinh", {f"{ST}-r57"}),
    ("httt-co-yeu-cau-ket-noi-lgsp", {f"{LD}-t36"}),
    ("httt-nguoi-dan-doanh-nghiep-ket-noi-lgsp", {f"{CM}-t26"}),
    ("httt-nguoi-dan-doanh-nghiep-ket-noi-truc-va-nen-tang", {f"{LP}-t25"}),
    ("hai-long-tthc-dat-dai-xay-dung", {f"{LP}-t35"}),
    ("hai-long-tthc-dat-dai-xay-dung-dau-tu", {f"{LD}-t15", f"{LP}-t37"}),
    ("so-hoa-ket-qua-tthc", {f"{CM}-t13", f"{CM}-t14", f"{CM}-t15"}),
    ("ho-so-cong-viec-hoan-toan-tren-mang", {f"{LD}-t22", f"{LD}-t23", f"{LD}-t24"}),
    ("tthc-thanh-toan-truc-tuyen-cong-dvc-quoc-gia", {f"{CM}-t11"}),
    ("giao-dich-thanh-toan-truc-tuyen", {f"{LD}-t04", f"{LP}-t06", f"{LP}-t08"}),
    ("tthc-dvc-toan-trinh-mot-phan", {f"{CM}-t08"}),
    ("dvc-tich-hop-cong-dvc-quoc-gia", {f"{ST}-r19"}),
    ("giam-don-vi-su-nghiep-so-luong", {f"{CM}-t19"}),
])
def test_split_indicators(site, indicator, rows):
    used = {r["id"] for name in ("targets", "results") for r in find(table(site, name), indicator=indicator)}
    assert used == rows


def test_long_phu_t35_is_land_and_construction_only(site):
    row = table(site, "targets")[f"{LP}-t35"]
    indicator = table(site, "indicators")[row["indicator"]]
    assert "lĩnh vực đất đai, xây dựng đạt" in row["source_quote"] and "đầu tư" not in indicator["name_vi"]


def test_every_indicator_is_defined_and_its_rows_share_its_unit_and_area(site):
    indicators = table(site, "indicators")
    for indicator in indicators.values():
        assert indicator["definition_vi"] and indicator["definition_en"], indicator["id"]
    for name in ("targets", "results"):
        for row in table(site, name).values():
            if row["indicator"]:
                indicator = indicators[row["indicator"]]
                assert (row["unit"], row["area"]) == (indicator["unit"], indicator["area"]), row["id"]


# --- notes in both languages -----------------------------------------------------------------------

def test_every_note_has_its_english_translation(site):
    for name in ("targets", "results", "legal_documents"):
        for row in table(site, name).values():
            assert bool(row["note"]) == bool(row["note_en"]), row["id"]
            if row["note"]:
                assert row["note"] != row["note_en"], row["id"]
    assert table(site, "targets")[f"{LD}-t16"]["note"] == "Con số không có \"tối thiểu\", đọc là mức tối thiểu (>=)."


# --- 5. cited instruments and their own dates ------------------------------------------------------

def test_instruments_carry_their_own_dates(site):
    legal = table(site, "legal_documents")
    assert (legal["nd-61-2018"]["number"], legal["nd-61-2018"]["date"]) == ("61/2018/NĐ-CP", "2018-04-23")
    assert legal["nq-76-2021-cp"]["date"] == "2021-07-15"
    assert (legal["nq-10-2021-tu-soc-trang"]["date"], legal["nq-10-2021-tu-soc-trang"]["date_source"]) == \
        ("2021-12-29", "citing-text")
    assert legal["nq-06-2021-tu-soc-trang"]["date"] == ""  # only a press article gives one
    # third edition: addresses are recorded with where they were found (tests/corpus/test_sources.py)


def references(site: Path) -> list[dict]:
    """The published references resource (it has no id column: one row per document and instrument)."""
    with open(site / "data/cchc/references.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_61_2018_date_disagreement_is_published_and_the_only_one(site):
    rows = references(site)
    disagree = [(r["document"], r["legal_document"], r["date"]) for r in rows if r["date_check"] == "disagrees"]
    assert disagree == [(CM, "nd-61-2018", "2018-03-24")]
    cited = next(r for r in rows if r["legal_document"] == "nd-61-2018")
    assert cited["wording"] == "Nghị định số 61 /2018/NĐ-CP ngày 24/3/2018"  # as the article writes it
    assert {r["date_check"] for r in rows} == {"ok", "disagrees", ""}


def test_every_reference_quote_is_in_its_seed_text(site):
    texts = {doc: " ".join((SEEDS / name).read_text("utf-8").split()) for doc, name in SEED_OF.items()}
    rows = references(site)
    assert len(rows) == 29
    for row in rows:
        quote = " ".join(row["quote"].split())
        assert quote in texts[row["document"]], (row["document"], row["legal_document"])
        assert " ".join(row["wording"].split()) in quote


def test_relations(site):
    relations = {(r["document"], r["legal_document"]): r["relation"] for r in references(site)}
    assert relations[(LP, "nq-10-2021-tu-soc-trang")] == "implements"
    assert relations[(LP, "kh-61-2022-soc-trang")] == "implements"
    assert relations[(ST, "nq-10-2021-tu-soc-trang")] == "reports-on"
    assert relations[(ST, "kh-61-2022-soc-trang")] == "reports-on"
    assert relations[(LD, "nq-76-2021-cp")] == relations[(HG, "nq-76-2021-cp")] == "implements"
    assert {r for (d, _), r in relations.items() if d == CM} == {"cites"}


# --- 6. related documents, both ways -----------------------------------------------------------------

def test_long_phu_and_soc_trang_are_related_through_10_nq_tu_both_ways(cat):
    long_phu = {(r.document, r.legal_document, r.relation, r.own_relation) for r in cat.related_of(LP)}
    soc_trang = {(r.document, r.legal_document, r.relation, r.own_relation) for r in cat.related_of(ST)}
    assert (ST, "nq-10-2021-tu-soc-trang", "reports-on", "implements") in long_phu
    assert (LP, "nq-10-2021-tu-soc-trang", "implements", "reports-on") in soc_trang
    assert {d for d, *_ in long_phu} == {ST} and {d for d, *_ in soc_trang} == {LP}


def test_lam_dong_and_hau_giang_both_implement_the_master_programme(cat):
    assert [(r.document, r.legal_document, r.relation) for r in cat.related_of(LD)] == \
        [(HG, "nq-76-2021-cp", "implements")]
    assert [(r.document, r.relation) for r in cat.related_of(HG)] == [(LD, "implements")]
    assert cat.related_of(CM) == []


def test_each_instrument_lists_the_documents_citing_it(cat):
    assert [c.document for c in cat.citing("nq-10-2021-tu-soc-trang")] == [LP, ST]
    assert [c.document for c in cat.citing("nd-61-2018")] == [CM]
    assert cat.citing("nd-61-2018")[0].date_check == "disagrees"
    assert cat.citing("no-such-instrument") == []
    assert [c.legal_document for c in cat.references_of(HG)] == \
        ["kh-tong-the-cchc-hau-giang-2021-2030", "nq-18-2017-tw", "nq-19-2017-tw", "nq-76-2021-cp"]


def test_front_matter_references_point_at_their_instruments(cat):
    reference = cat.documents[CM].references[0]
    assert (reference.legal, reference.relation, str(reference.date)) == ("nd-61-2018", "cites", "2018-03-24")
    assert reference.instrument is cat.legal_documents["nd-61-2018"]
    assert (reference.number, reference.issuer) == ("61/2018/NĐ-CP", "Chính phủ")  # what the page shows today
    assert reference.date_check == "disagrees" and str(reference.instrument.date) == "2018-04-23"
    assert [r.date_check for r in cat.documents[ST].references if r.legal == "nq-10-2021-tu-soc-trang"] == [""]
    assert {c.date_check for c in cat.citations} == {"ok", "disagrees", ""}


# --- 7. provenance ------------------------------------------------------------------------------------

def test_provenance_only_where_the_seed_shows_it(site):
    documents = table(site, "documents")
    assert (SEEDS / SEED_OF[LD]).read_text("utf-8").splitlines()[0] == "Hệ thống pháp luật"
    assert documents[LD]["source_publisher"] == "Hệ thống pháp luật"
    for document in documents.values():
        assert document["source_published"] == document["retrieved"] == ""
        if document["id"] not in (LD, HG):  # third edition: the Hậu Giang article's original was found
            assert document["source_publisher"] == document["source_url"] == ""


def test_published_package_describes_the_new_resources(site):
    package = json.loads((site / "data/cchc/datapackage.json").read_text("utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    fields = {name: [f["name"] for f in r["schema"]["fields"]] for name, r in resources.items()}
    assert fields["references"] == ["document", "legal_document", "relation", "date", "wording", "quote",
                                    "date_check"]
    assert {"comparator", "baseline_period_start", "baseline_period_end", "year_stated", "note_en"} <= \
        set(fields["results"])
    assert Path(site / "data/cchc/legal_documents.csv").is_file()
    assert one(table(site, "legal_documents"), number="10-NQ/TU")["place"] == "soc-trang"
