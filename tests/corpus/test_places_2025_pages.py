"""The 2025 reorganisation as readers see it on the curated site (issue 23): each former province and
district says until when and what it is part of today, with the instrument; each new unit lists its
former units; the tree nests them; the flat tables keep the place as issued beside the place today.
Sources: docs/curation/third-edition.md, section 1 (the facts), and the built site (`site` fixture)."""

from __future__ import annotations

import csv
import re
from html import unescape

import pytest

from tests.test_places_pages import _Tree

UNTIL = {"vi": "Đến 30/6/2025; nay thuộc {} (từ 1/7/2025).", "en": "Until 30 Jun 2025; now part of {} (since 1 Jul 2025)."}
TODAY = {  # former place → (the unit it is part of today: vi, en), the change's kind (vi, en) and instrument
    "soc-trang": (("thành phố Cần Thơ", "Can Tho city"), ("Hợp nhất", "Merged"), "nq-202-2025-qh15"),
    "hau-giang": (("thành phố Cần Thơ", "Can Tho city"), ("Hợp nhất", "Merged"), "nq-202-2025-qh15"),
    "long-phu": (("thành phố Cần Thơ", "Can Tho city"), ("Giải thể", "Abolished"), "luat-72-2025-qh15"),
    "ca-mau": (("tỉnh Cà Mau", "Ca Mau province"), ("Hợp nhất", "Merged"), "nq-202-2025-qh15"),
    "lam-dong": (("tỉnh Lâm Đồng", "Lam Dong province"), ("Hợp nhất", "Merged"), "nq-202-2025-qh15"),
}
INSTRUMENT = {"nq-202-2025-qh15": ("Nghị quyết 202/2025/QH15", "Resolution 202/2025/QH15"),
              "luat-72-2025-qh15": ("Luật 72/2025/QH15", "Law 72/2025/QH15")}
NEW = {"can-tho-2025": ["hau-giang", "soc-trang", "long-phu"], "ca-mau-2025": ["ca-mau"], "lam-dong-2025": ["lam-dong"]}


def page(site, path: str, lang: str) -> str:
    return (site / ("en/" if lang == "en" else "") / path / "index.html").read_text("utf-8")


def words(html: str) -> str:
    html = re.sub(r"<br>|</li>|</p>|<details[^>]*>|</summary>", " ", html)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("place", sorted(TODAY))
def test_a_former_unit_says_until_when_what_it_is_part_of_today_and_how(site, place, lang):
    html = page(site, f"places/{place}", lang)
    block = html[html.index('<div class="place-history ended"'):]
    block = words(block[:block.index("</div>")])
    (today, kind, instrument), i = TODAY[place], lang == "en"
    assert block.startswith(UNTIL[lang].format(today[i]) + f" {kind[i]}, ")
    assert f"{INSTRUMENT[instrument][i]} · " in block
    prefix = "/en" if i else ""
    assert f'<a href="{prefix}/legal/{instrument}/">' in html


@pytest.mark.parametrize("unit, formers", sorted(NEW.items()))
def test_a_new_unit_lists_its_former_units(site, unit, formers):
    html = page(site, f"places/{unit}", "en")
    assert words(html[html.index('<div class="place-history"'):]).startswith(
        f"Since 1 Jul 2025. Former units now part of it: {len(formers)}")
    section = html[html.index('<section aria-labelledby="former-units"'):]
    assert re.findall(r'<li><a href="/en/places/([a-z0-9-]+)/">', section[:section.index("</section>")]) == formers


def test_the_tree_nests_the_former_units_beneath_todays(site):
    tree = _Tree()
    html = page(site, "places", "vi")
    tree.feed(html[html.index('<ul class="tree">'):])
    assert tree.items == {
        "viet-nam": (None, False), "can-tho-2025": ("viet-nam", False), "ca-mau-2025": ("viet-nam", False),
        "lam-dong-2025": ("viet-nam", False), "hau-giang": ("can-tho-2025", True),
        "soc-trang": ("can-tho-2025", True), "long-phu": ("soc-trang", True),  # beneath its province, as it was
        "ca-mau": ("ca-mau-2025", True), "lam-dong": ("lam-dong-2025", True)}


def test_the_flat_tables_keep_the_place_as_issued_beside_the_place_today(site):
    names = {"can-tho-2025": "thành phố Cần Thơ", "ca-mau-2025": "tỉnh Cà Mau", "lam-dong-2025": "tỉnh Lâm Đồng"}
    unit = {"soc-trang": "can-tho-2025", "hau-giang": "can-tho-2025", "long-phu": "can-tho-2025",
            "ca-mau": "ca-mau-2025", "lam-dong": "lam-dong-2025"}
    for name in ("targets-flat", "results-flat"):
        with (site / "data/cchc" / f"{name}.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                today = unit[row["place"]]  # every figure's place is one of the former units
                assert (row["place_today"], row["place_today_name"], row["province_today"],
                        row["province_today_name"]) == (today, names[today], today, names[today]), row["id"]


def test_the_resolution_page_lists_the_provinces_it_merged(site):
    section = page(site, "legal/nq-202-2025-qh15", "vi")
    section = words(section[section.index('<section aria-labelledby="place-changes"'):].split("</section>")[0])
    assert section.startswith("Các thay đổi đơn vị hành chính do văn bản này quy định (4)")
    for former, (today, *_rest) in TODAY.items():
        if former != "long-phu":
            assert f"{today[0]} (từ 1/7/2025) Hợp nhất, từ 1/7/2025" in section


@pytest.mark.parametrize("path", ["/places/soc-trang/", "/en/places/can-tho-2025/", "/places/long-phu/"])
def test_on_a_phone_a_former_or_new_unit_says_what_happened_and_leads_with_its_summary(browser, base_url, path):
    phone = {"width": 390, "height": 844}
    page = browser.new_page(viewport=phone)
    page.goto(base_url + path, wait_until="load")
    for selector in (".place-history", ".summary"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] < 2 * phone["height"], (selector, box)
    if page.locator(".summary .summary-table").count():  # what it promised or reported, by area and year
        assert page.locator(".summary .summary-table").first.bounding_box()["y"] < 2 * phone["height"]
    assert page.evaluate("document.documentElement.scrollHeight") < 8 * phone["height"]  # Sóc Trăng was 41 screens
    assert page.evaluate("document.documentElement.scrollWidth") <= phone["width"]
    page.close()
