"""Sources anyone can check (issue 23): every recorded address was found somewhere we name, is well
formed and recorded once; what has no address says so; 68/NQ-CP's title is its official heading.
Sources: docs/curation/third-edition.md, section 2, and the audit it cites."""

from __future__ import annotations

from generator.errors import Report
from generator.sourcelinks import check_source_urls, malformed
from tests.corpus.corpusdata import recorded_addresses, rows

WITH_URL = {  # id → url_kind (the audit's table A: a page showing the text or heading; else a report on it)
    "luat-77-2015-qh13": "legal-database", "luat-47-2019-qh14": "legal-database", "nq-76-2021-cp": "legal-database",
    "nq-68-2020-cp": "legal-database", "qd-06-2022-ttg": "legal-database", "nd-61-2018": "legal-database",
    "nd-107-2021": "legal-database", "nd-42-2022": "legal-database", "nd-108-2014": "legal-database",
    "nd-130-2005": "legal-database", "nd-60-2021": "press", "nq-202-2025-qh15": "press",
    "luat-72-2025-qh15": "portal",
}
HG = "hau-giang-217-2022"


def test_each_url_was_recorded_with_where_it_was_found(corpus):
    """Replaces the second edition's "no URL anywhere": each address now in the data is in the
    curation record with its kind and where it was found, and the record lists nothing else."""
    recorded = recorded_addresses()
    in_data = {f"legal_documents: {r['id']}": (r["url_kind"], r["url"]) for r in rows("legal_documents").values()
               if r["url"]}
    in_data |= {f"documents: {d.id}": ("portal", d.source_url) for d in corpus.documents.values() if d.source_url}
    assert {record: (kind, url) for record, (kind, url, _) in recorded.items()} == in_data
    for record, (_, _, where) in recorded.items():
        assert where.startswith(("legal-instruments.md, table A", "legal-instruments.md, table B",
                                 "search tool")), record


def test_which_instruments_have_an_address():
    legal = rows("legal_documents")
    assert {i: r["url_kind"] for i, r in legal.items() if r["url"]} == WITH_URL
    assert all(r["url_kind"] == "" for r in legal.values() if not r["url"])
    # only pages citing them were found: not their own text, so no address
    for cited_only in ("qd-468-2021-ttg", "nd-117-2013", "nq-18-2017-tw", "nq-19-2017-tw", "ct-05-2016-tw",
                       "ct-07-2021-lam-dong"):
        assert legal[cited_only]["url"] == "", cited_only


def test_addresses_are_well_formed_and_recorded_once(corpus):
    urls = [r["url"] for r in rows("legal_documents").values() if r["url"]] + \
        [d.source_url for d in corpus.documents.values() if d.source_url]
    assert [u for u in urls if malformed(u)] == [] and len(set(urls)) == len(urls) == 14
    report = Report()
    check_source_urls(corpus, report)
    assert report.problems == []


def test_only_the_hau_giang_article_has_its_original_recorded(corpus):
    documents = corpus.documents
    hau_giang = documents[HG]
    assert hau_giang.source_url == ("https://haugiang.gov.vn/web/ubnd-tp-vi-thanh/xem-chi-tiet-tin/-/tin-tuc/"
                                    "Ke-hoach-thuc-hien-cong-tac-cai-cach-hanh-chinh-nam-202335934")
    assert hau_giang.source_publisher.startswith("haugiang.gov.vn")
    assert (hau_giang.source_published, hau_giang.retrieved) == (None, None)  # the page shows no date
    assert [d.id for d in documents.values() if d.source_url] == [HG]


def test_68_nq_cp_has_its_official_title_and_lam_dong_keeps_its_wording(corpus):
    title = rows("legal_documents")["nq-68-2020-cp"]["title"]
    assert title == ("Ban hành Chương trình cắt giảm, đơn giản hóa quy định liên quan đến hoạt động kinh doanh "
                     "giai đoạn 2020 - 2025")
    reference = next(r for r in corpus.documents["lam-dong-2260-2021"].references if r.legal == "nq-68-2020-cp")
    assert "đơn giản hóa các quy định liên quan đến hoạt động kinh doanh giai đoạn 2020 - 2025" in reference.quote
