"""The curated corpus: the facts most likely to be got wrong, pinned against the sources,
read back from the published downloads (so the publishing is checked too)."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1] / "seeds"  # the five source texts, as received


def table(site: Path, name: str) -> dict[str, dict]:
    with open(site / f"data/cchc/{name}.csv", encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f)}


def find(rows: dict[str, dict], **where) -> list[dict]:
    return [r for r in rows.values() if all(r[k] == v for k, v in where.items())]


def one(rows, **where) -> dict:
    found = find(rows, **where)
    assert len(found) == 1, (where, [r["id"] for r in found])
    return found[0]


def test_vietnamese_number_formats_are_numbers(site):
    results = table(site, "results")
    received = one(results, document="soc-trang-ket-qua-2022-2023", value="605859")
    assert received["unit"] == "count" and received["year"] == "2023" and "605.859" in received["source_quote"]
    on_time = one(results, indicator="ho-so-dung-han")
    assert (on_time["value"], on_time["unit"], on_time["numerator"], on_time["denominator"]) == \
        ("99.79", "percent", "595634", "596864")
    assert on_time["ratio_check"] == "ok"
    assert one(results, value="4141711500")["unit"] == "vnd"
    assert one(results, value="92.38")["level"] == "toan-dia-ban"


def test_the_stated_ratio_that_disagrees_is_flagged_and_published(site):
    results = table(site, "results")
    flagged = [r for r in results.values() if r["ratio_check"] == "disagrees"]
    assert [(r["value"], r["numerator"], r["denominator"], r["ratio_computed"], r["level"]) for r in flagged] == \
        [("26.21", "41", "103", "39.81", "tinh")]
    page = (site / "documents/soc-trang-ket-qua-2022-2023/index.html").read_text("utf-8")
    assert "41/103 = 39,81%" in page and 'class="flagged"' in page


def test_change_figures_carry_their_baseline_year(site):
    results = table(site, "results")
    assert one(results, value="32.27")["baseline_year"] == "2022"
    assert one(results, value="1.94")["unit"] == "times"


@pytest.mark.parametrize("document, levels", [
    ("lam-dong-2260-2021", {"tinh": "30", "huyen": "20", "xa": "15"}),
    ("long-phu-53-2022", {"huyen": "20", "xa": "15"}),
])
def test_digitisation_2021_targets_by_level(site, document, levels):
    # second edition: these plans count still-valid results only (so-hoa-ket-qua-tthc-con-hieu-luc)
    rows = find(table(site, "targets"), document=document, indicator="so-hoa-ket-qua-tthc-con-hieu-luc", year="2021")
    assert {r["level"]: r["value"] for r in rows} == levels


def test_ca_mau_digitisation_and_work_records_by_level(site):
    targets = table(site, "targets")
    digitised = find(targets, document="ca-mau-cchc-2023", indicator="so-hoa-ket-qua-tthc")
    assert {(r["level"], r["value"], r["year"]) for r in digitised} == \
        {("tinh", "70", "2023"), ("huyen", "60", "2023"), ("xa", "55", "2023")}
    records = find(targets, document="ca-mau-cchc-2023", indicator="ho-so-cong-viec-tren-mang")
    assert {(r["level"], r["value"]) for r in records} == {("tinh", "100"), ("huyen", "95"), ("xa", "80")}


def test_provincial_plan_sets_commune_level_targets(site):
    # second edition: Lâm Đồng's records are "managed, processed and circulated entirely online"
    records = find(table(site, "targets"), document="lam-dong-2260-2021", indicator="ho-so-cong-viec-hoan-toan-tren-mang")
    assert {(r["level"], r["value"], r["year"]) for r in records} == \
        {("tinh", "90", "2025"), ("huyen", "80", "2025"), ("xa", "60", "2025")}


def test_long_phu_sets_2025_and_2030_targets(site):
    targets = table(site, "targets")
    records = find(targets, document="long-phu-53-2022", indicator="ho-so-cong-viec-tren-mang")
    assert {(r["level"], r["value"], r["year"]) for r in records} == \
        {("huyen", "80", "2025"), ("xa", "60", "2025"), ("huyen", "90", "2030"), ("xa", "70", "2030")}
    payment = find(targets, document="long-phu-53-2022", indicator="tthc-thanh-toan-truc-tuyen")
    assert {(r["value"], r["year"]) for r in payment} == {("80", "2025"), ("100", "2030")}


def test_staffing_cuts_are_measured_against_2022(site):
    # second edition: the percentage and the number of posts are two indicators
    targets = table(site, "targets")
    rows = find(targets, document="ca-mau-cchc-2023", indicator="giam-bien-che-cong-chuc") + \
        find(targets, document="ca-mau-cchc-2023", indicator="giam-bien-che-cong-chuc-so-luong")
    assert {(r["indicator"], r["value"], r["unit"], r["baseline_year"]) for r in rows} == \
        {("giam-bien-che-cong-chuc", "1.25", "percent", "2022"), ("giam-bien-che-cong-chuc-so-luong", "25", "count", "2022")}


def test_comparators(site):
    targets = table(site, "targets")
    assert one(targets, indicator="chi-so-chi-dao-dieu-hanh")["comparator"] == ">"
    rank = one(targets, indicator="xep-hang-chuyen-doi-so")
    assert (rank["comparator"], rank["value"], rank["unit"]) == ("<=", "20", "rank")


def test_hau_giang_report_has_no_numeric_promise(site):
    assert find(table(site, "targets"), document="hau-giang-217-2022") == []


def test_documents_resource_is_generated_from_front_matter(site):
    documents = table(site, "documents")
    assert set(documents) == {"lam-dong-2260-2021", "long-phu-53-2022", "ca-mau-cchc-2023",
                              "hau-giang-217-2022", "soc-trang-ket-qua-2022-2023"}
    lam_dong = documents["lam-dong-2260-2021"]
    assert (lam_dong["number"], lam_dong["type"], lam_dong["date"], lam_dong["signer"]) == \
        ("2260/QĐ-UBND", "decision", "2021-09-08", "Trần Văn Hiệp")
    assert documents["long-phu-53-2022"]["date"] == "2022-05-31"
    assert documents["hau-giang-217-2022"]["type"] == "press-report"
    assert not (Path(__file__).parents[2] / "datasets/cchc/documents.csv").exists()


def test_every_quote_is_in_its_seed_text(site):
    """Curated texts are verbatim: each quote occurs in the original seed, white space aside."""
    seeds = {
        "lam-dong-2260-2021": "004_9a38d09136b2a054.txt", "long-phu-53-2022": "003_dad5fdeea82cee8c.txt",
        "ca-mau-cchc-2023": "000_6770d77497d80e44.txt", "hau-giang-217-2022": "001_884e22039b5ae0fe.txt",
        "soc-trang-ket-qua-2022-2023": "002_e72c679ada054508.txt",
    }
    texts = {doc: " ".join((SEEDS / name).read_text("utf-8").split()) for doc, name in seeds.items()}
    for name in ("targets", "results", "assignments"):
        for row in table(site, name).values():
            assert " ".join(row["source_quote"].split()) in texts[row["document"]], row["id"]


def test_each_figure_links_to_its_sentence_and_back(site):
    page = (site / "documents/lam-dong-2260-2021/index.html").read_text("utf-8")
    targets = find(table(site, "targets"), document="lam-dong-2260-2021")
    for row in targets:
        assert f'id="q-{row["id"]}"' in page, row["id"]
        assert f'href="#{row["id"]}"' in page and f'<tr id="{row["id"]}"' in page
    assert targets[0]["source_url"] == f"/documents/lam-dong-2260-2021/#q-{targets[0]['id']}"


def test_downloads_describe_themselves(site):
    package = json.loads((site / "data/cchc/datapackage.json").read_text("utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert [n for n in names if not n.endswith("-flat")] == [
        "areas", "places", "indicators", "topics", "documents", "targets", "results", "assignments",
        "legal_documents", "references", "place_changes"]
    results = next(r for r in package["resources"] if r["name"] == "results")
    assert "ratio_check" in [f["name"] for f in results["schema"]["fields"]]
    with zipfile.ZipFile(site / "data/cchc.zip") as archive:
        assert "cchc/README.md" in archive.namelist() and "cchc/targets.csv" in archive.namelist()


def test_published_package_passes_frictionless(site):
    from frictionless import Package
    report = Package(str(site / "data/cchc/datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
