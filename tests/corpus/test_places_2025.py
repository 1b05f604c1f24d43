"""The 2025 reorganisation in the curated data (issue 23): places with their dates, each change
with its instrument, the unit each place is part of today, and figures kept as issued.
Sources: docs/curation/third-edition.md, section 1."""

from __future__ import annotations

from generator.errors import Report
from generator.places import check_places, place_history, place_today
from tests.corpus.corpusdata import rows

OLD = ["lam-dong", "ca-mau", "hau-giang", "soc-trang", "long-phu"]
NEW = {"can-tho-2025": ("thành phố Cần Thơ", "Can Tho city"), "ca-mau-2025": ("tỉnh Cà Mau", "Ca Mau province"),
       "lam-dong-2025": ("tỉnh Lâm Đồng", "Lam Dong province")}


def test_the_old_units_end_on_30_june_2025_and_the_new_begin_on_1_july():
    places = rows("places")
    assert {p: (places[p]["valid_from"], places[p]["valid_until"]) for p in OLD} == \
        {p: ("", "2025-06-30") for p in OLD}
    assert {p: (r["name"], r["name_en"], r["type"], r["parent"], r["valid_from"], r["valid_until"])
            for p, r in places.items() if p in NEW} == \
        {p: (*names, "tinh", "viet-nam", "2025-07-01", "") for p, names in NEW.items()}
    assert (places["viet-nam"]["valid_from"], places["viet-nam"]["valid_until"]) == ("", "")
    assert set(places) == {"viet-nam", *OLD, *NEW}


def test_each_change_and_its_instrument():
    changes = {(r["from_place"], r["to_place"], r["date"], r["kind"], r["legal_document"])
               for r in rows("place_changes").values()}
    assert changes == {
        ("soc-trang", "can-tho-2025", "2025-07-01", "merged", "nq-202-2025-qh15"),
        ("hau-giang", "can-tho-2025", "2025-07-01", "merged", "nq-202-2025-qh15"),
        ("ca-mau", "ca-mau-2025", "2025-07-01", "merged", "nq-202-2025-qh15"),
        ("lam-dong", "lam-dong-2025", "2025-07-01", "merged", "nq-202-2025-qh15"),
        ("long-phu", "can-tho-2025", "2025-07-01", "abolished", "luat-72-2025-qh15"),
    }
    for row in rows("place_changes").values():
        assert row["note"] and row["note_en"] and row["note"] != row["note_en"], row["id"]
    assert "1668/NQ-UBTVQH15" in rows("place_changes")["long-phu-can-tho-2025"]["note"]


def test_the_instruments_of_the_changes():
    legal = rows("legal_documents")
    nq202, law72 = legal["nq-202-2025-qh15"], legal["luat-72-2025-qh15"]
    assert (nq202["number"], nq202["type"], nq202["issuer"], nq202["place"], nq202["date"], nq202["url_kind"]) == \
        ("202/2025/QH15", "nghi-quyet", "Quốc hội", "viet-nam", "2025-06-12", "press")
    assert (law72["number"], law72["type"], law72["issuer"], law72["date"], law72["date_source"],
            law72["url_kind"]) == ("72/2025/QH15", "luat", "Quốc hội", "2025-06-16", "instrument", "portal")
    assert nq202["url"].startswith("https://www.vietnamplus.vn/") and law72["url"].startswith(
        "https://xaydungchinhsach.chinhphu.vn/toan-van-luat-so-72-2025-qh15-")


def test_the_unit_each_place_is_part_of_today(corpus):
    assert {p: place_today(corpus, p) for p in corpus.places} == {
        "viet-nam": "viet-nam", "soc-trang": "can-tho-2025", "hau-giang": "can-tho-2025",
        "long-phu": "can-tho-2025", "ca-mau": "ca-mau-2025", "lam-dong": "lam-dong-2025",
        "can-tho-2025": "can-tho-2025", "ca-mau-2025": "ca-mau-2025", "lam-dong-2025": "lam-dong-2025"}
    history = place_history(corpus)
    assert sorted(c.source for c in history.predecessors("can-tho-2025")) == ["hau-giang", "long-phu", "soc-trang"]


def test_the_data_passes_the_place_checks(corpus):
    report = Report()
    check_places(corpus, report)
    assert report.problems == []


def test_figures_keep_the_place_as_issued(corpus):
    # every document predates 1 July 2025: no figure, document or duty points at a 2025 unit
    assert {t.place for t in corpus.targets} == {"lam-dong", "long-phu", "ca-mau"}
    assert {r.place for r in corpus.results} == {"soc-trang"}
    assert {d.id: d.place for d in corpus.documents.values()} == {
        "lam-dong-2260-2021": "lam-dong", "long-phu-53-2022": "long-phu", "ca-mau-cchc-2023": "ca-mau",
        "hau-giang-217-2022": "hau-giang", "soc-trang-ket-qua-2022-2023": "soc-trang"}
    assert [d.id for d in corpus.documents.values() if not (d.date or d.period_end < 2025)] == []
    assert all(d.date.year < 2025 for d in corpus.documents.values() if d.date)
