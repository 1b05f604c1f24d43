"""TCVN3 (TCVN 5712:1993, VN3) and VNI text converted to Unicode and back, on the seed texts, and
detected in files that do not say which encoding they use."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from generator.curation import formats_samples as samples
from generator.curation import legacy
from generator.curation.importer import import_file

from tests.conftest import ROOT

SEEDS = sorted((Path(__file__).resolve().parent / "seeds").glob("*.txt"))


@pytest.mark.parametrize("known, expected", [
    # TCVN3 bytes as Windows-1252 shows them, read off the standard's table
    (("QuyÕt ®Þnh", legacy.TCVN3), "Quyết định"), (("ViÖt Nam", legacy.TCVN3), "Việt Nam"),
    (("Uû ban nh©n d©n tØnh L©m §ång", legacy.TCVN3), "Uỷ ban nhân dân tỉnh Lâm Đồng"),
    (("¡ ¢ £ ¤ ¥ ¦ §", legacy.TCVN3), "Ă Â Ê Ô Ơ Ư Đ"),
    (("µ ¸ ¶ · ¹ \u00ad õ ø ö ÷ ù ú ý û ü þ", legacy.TCVN3), "à á ả ã ạ ư ừ ứ ử ữ ự ỳ ý ỷ ỹ ỵ"),
    # VNI-Windows: the base letter, then the byte of its marks
    (("Vieät Nam", legacy.VNI), "Việt Nam"), (("Quyeát ñònh", legacy.VNI), "Quyết định"),
    (("Thaønh phoá Hoà Chí Minh", legacy.VNI), "Thành phố Hồ Chí Minh"),
    (("ÑOÀNG BAÈNG SOÂNG CÖÛU LONG", legacy.VNI), "ĐỒNG BẰNG SÔNG CỬU LONG"),
    (("möôøi hai, thöïc hieän, ñöôïc", legacy.VNI), "mười hai, thực hiện, được"),
])
def test_conversion_tables(known, expected):
    assert legacy.decode(*known) == expected


def test_tcvn3_codes_every_lower_case_letter_once():
    assert len(legacy.TCVN3_TO_UNICODE) == 67 + 7  # 67 letters with marks (and đ), 7 capitals
    assert len(set(legacy.TCVN3_TO_UNICODE.values())) == len(legacy.TCVN3_TO_UNICODE)
    assert len(set(legacy.UNICODE_TO_VNI.values())) == len(legacy.UNICODE_TO_VNI) == 134


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_to_vni_and_back(seed):
    text = unicodedata.normalize("NFC", seed.read_text("utf-8"))
    encoded = legacy.encode(text, legacy.VNI)
    assert encoded != text and legacy.detect(encoded) == legacy.VNI
    assert legacy.decode(encoded, legacy.VNI) == text


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_to_tcvn3_and_back(seed):
    """Plain TCVN3 text loses a capital with a tone mark (VN3 has no code for it: fonts like
    .VnTimeH show it): words in capitals come back whole, other words in the right letters."""
    text = unicodedata.normalize("NFC", seed.read_text("utf-8"))
    encoded = legacy.encode(text, legacy.TCVN3)
    assert legacy.detect(encoded) == legacy.TCVN3
    decoded = legacy.decode(encoded, legacy.TCVN3)
    assert decoded.lower() == text.lower()
    pairs = zip(re.findall(r"\w+", text), re.findall(r"\w+", decoded))
    assert [(w, back) for w, back in pairs if w.isupper() and len(w) > 1 and back != w] == []


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_unicode_seed_is_left_alone(seed):
    assert legacy.detect(seed.read_text("utf-8")) == legacy.UNICODE


@pytest.mark.parametrize("font, expected", [
    (".VnTime", (legacy.TCVN3, False)), (".VnTimeH", (legacy.TCVN3, True)), (".VnArialH", (legacy.TCVN3, True)),
    ("ABCDEF+.VnTime", (legacy.TCVN3, False)), ("VNI-Times", (legacy.VNI, False)), ("VNI-Helve", (legacy.VNI, False)),
    ("Times New Roman", (legacy.UNICODE, False)), (None, (legacy.UNICODE, False)),
])
def test_font_names(font, expected):
    assert legacy.font_encoding(font) == expected


SEED = Path(__file__).resolve().parent / "seeds/003_dad5fdeea82cee8c.txt"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("*", ""))


@pytest.mark.parametrize("encoding", [legacy.TCVN3, legacy.VNI])
def test_a_legacy_word_file_imports_as_unicode(tmp_path, encoding):
    """Runs in .VnTime / .VnTimeH / VNI-Times come back exactly, capitals included."""
    text = SEED.read_text("utf-8")
    path = samples.write_docx(text, tmp_path / "plan.docx", encoding)
    front, body, notes = import_file(path, ROOT)
    assert _words(body) == _words(text)
    assert front["issuer"] == "Ủy ban nhân dân huyện Long Phú" and front["number"] == "53/KH-UBND"
    assert not any("legacy" in note for note in notes)  # the fonts said so: nothing was guessed


@pytest.mark.parametrize("kind", ["txt", "html"])
@pytest.mark.parametrize("encoding", [legacy.TCVN3, legacy.VNI])
def test_a_legacy_file_without_fonts_is_detected(tmp_path, kind, encoding):
    text = SEED.read_text("utf-8")
    writer = samples.write_txt if kind == "txt" else samples.write_html
    front, body, notes = import_file(writer(text, tmp_path / f"plan.{kind}", encoding), ROOT)
    same = (lambda w: w) if encoding == legacy.VNI else str.lower  # plain TCVN3: see above
    assert [same(w) for w in _words(body)] == [same(w) for w in _words(text)]
    assert (front["number"], front["date"], front["place"]) == ("53/KH-UBND", "2022-05-31", "long-phu")
    if kind == "txt":
        assert f"converted from the legacy {encoding.upper()} encoding: check the text" in notes
