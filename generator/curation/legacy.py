"""Vietnamese text in the legacy 8-bit encodings of office files, back to Unicode.

Two encodings are still found in old `.doc`-derived files, PDFs and web pages:

- **TCVN3 (ABC)**, TCVN 5712:1993 table VN3, fonts `.VnTime`, `.VnArial`, …: one byte a letter.
  VN3 codes the lower-case letters and the capitals Ă Â Ê Ô Ơ Ư Đ only; a capital with a tone
  mark is the lower-case code shown in the upper-case twin of the font (`.VnTimeH`, `.VnArialH`).
- **VNI** (VNI-Windows, fonts `VNI-Times`, `VNI-Helve`, …): a base letter followed by one byte for
  its marks ("Vieät" is "Việt"); i, y-dot-below and đ with their marks are single bytes.

A legacy byte reaches us as the Windows-1252 character of that byte (how Word, PDF text layers
and old web pages hand it over), so the tables below map characters, not bytes.
"""

from __future__ import annotations

import re
import unicodedata

UNICODE, TCVN3, VNI = "unicode", "tcvn3", "vni"

# TCVN 5712:1993, table VN3: each Unicode letter and its one byte (as its cp1252 character).
_TCVN3_LETTERS = (
    "aàảãáạ" "ăằẳẵắặ" "âầẩẫấậ" "đ" "eèẻẽéẹ" "êềểễếệ" "iìỉĩíị" "oòỏõóọ" "ôồổỗốộ" "ơờởỡớợ"
    "uùủũúụ" "ưừửữứự" "yỳỷỹýỵ" "ĂÂĐÊÔƠƯ"
)
_TCVN3_BYTES = (
    [0x61, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9] + [0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6]
    + [0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB] + [0xAE] + [0x65, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1]
    + [0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6] + [0x69, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE]
    + [0x6F, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4] + [0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9]
    + [0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE] + [0x75, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4]
    + [0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9] + [0x79, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE]
    + [0xA1, 0xA2, 0xA7, 0xA3, 0xA4, 0xA5, 0xA6]
)
TCVN3_TO_UNICODE = {bytes([b]).decode("latin-1"): u for u, b in zip(_TCVN3_LETTERS, _TCVN3_BYTES) if b > 0x7F}

# VNI-Windows: the mark bytes that follow a base vowel, lower-case font letters / capitals.
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng
_VNI_MARKS = {  # (quality: "" plain, "^" circumflex, "(" breve) → the byte after the base, per tone
    "": ("", "ù", "ø", "û", "õ", "ï"),
    "^": ("â", "á", "à", "å", "ã", "ä"),
    "(": ("ê", "é", "è", "ú", "ü", "ë"),
}
_QUALITY = {"": "", "^": "\u0302", "(": "\u0306"}
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ", "ỵ": "î",
               "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò"}


def _vni_table() -> dict[str, str]:
    """Unicode letter → VNI characters, lower and upper case."""
    table: dict[str, str] = {}
    for base, qualities in (("a", "^("), ("e", "^"), ("o", "^"), ("u", ""), ("y", "")):
        for quality in ("",) + tuple(qualities):
            for tone, mark in zip(_TONES, _VNI_MARKS[quality]):
                letter = unicodedata.normalize("NFC", base + _QUALITY[quality] + tone)
                if letter != base:
                    table[letter] = base + mark
    for horn, code in (("ơ", "ô"), ("ư", "ö")):
        for tone, mark in zip(_TONES[1:], _VNI_MARKS[""][1:]):
            table[unicodedata.normalize("NFC", horn + tone)] = code + mark
    table.update(_VNI_SINGLE)
    for letter, code in list(table.items()):
        table[letter.upper()] = code.upper()
    return table


UNICODE_TO_VNI = _vni_table()
VNI_TO_UNICODE = {code: letter for letter, code in UNICODE_TO_VNI.items()}
UNICODE_TO_TCVN3 = {u: t for t, u in TCVN3_TO_UNICODE.items()}

_VIETNAMESE_ONLY = re.compile(r"[ăđơưĂĐƠƯĨĩŨũ\u1EA0-\u1EF9]")  # no cp1252 character


def encode(text: str, encoding: str) -> str:
    """Unicode text written in a legacy encoding (each byte as its cp1252 character).

    TCVN3 has no code for a capital with a tone mark: it is written as its lower-case code, which
    the upper-case font shows as a capital (so plain text loses that capital; see `decode`).
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        out = []
        for char in text:
            code = UNICODE_TO_TCVN3.get(char)
            if code is None and char.lower() != char:
                code = UNICODE_TO_TCVN3.get(char.lower())
            out.append(code if code is not None else char)
        return "".join(out)
    if encoding == VNI:
        return "".join(UNICODE_TO_VNI.get(char, char) for char in text)
    raise ValueError(f"unknown encoding {encoding!r}")


def decode(text: str, encoding: str, upper_font: bool | None = None) -> str:
    """Legacy text back to Unicode (NFC). `upper_font`: the text is set in an upper-case font
    (`.VnTimeH`: every letter a capital), in a lower-case one (False), or the font is unknown
    (None: then a word whose other letters are all capitals is made all capitals)."""
    if encoding == UNICODE:
        return unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        out = "".join(TCVN3_TO_UNICODE.get(char, char) for char in text)
        out = out.upper() if upper_font else _capital_words(out) if upper_font is None else out
    elif encoding == VNI:
        chars, i, parts = text, 0, []
        while i < len(chars):
            pair = VNI_TO_UNICODE.get(chars[i:i + 2]) if i + 1 < len(chars) else None
            if pair:
                parts.append(pair)
                i += 2
                continue
            parts.append(VNI_TO_UNICODE.get(chars[i], chars[i]))
            i += 1
        out = "".join(parts)
    else:
        raise ValueError(f"unknown encoding {encoding!r}")
    return unicodedata.normalize("NFC", out)


_WORD = re.compile(r"\w+")


def _capital_words(text: str) -> str:
    """`QUYếT ĐịNH` → `QUYẾT ĐỊNH`: in TCVN3 a capital with a tone mark has only a lower-case code,
    shown as a capital by the upper-case font, which plain text does not name."""
    parts = _WORD.split(text)
    words = _WORD.findall(text)

    def capitals(word: str) -> bool:
        letters = [c for c in word if c.isascii() and c.isalpha()]
        # "ñY" (ỦY) or "QUYÕT" (QUYẾT), but not "Uû" (Uỷ) or "Sè" (Số): one capital starts many words
        return bool(letters) and all(c.isupper() for c in letters) and len(word) > 1 \
            and (len(letters) >= 2 or not word[0].isascii())

    upper = [capitals(word) for word in words]
    changed = True
    while changed:  # "Kế" beside "HOạCH" is "KẾ": a short word in a line of capitals
        changed = False
        for i, word in enumerate(words):
            if upper[i] or not (word[:1].isupper() and not word.isascii()):
                continue
            if any(0 <= j < len(words) and upper[j] and not words[j].isascii()
                   and parts[min(i, j) + 1].strip() == "" for j in (i - 1, i + 1)):
                upper[i] = changed = True
    out = [parts[0]]
    for word, up, between in zip(words, upper, parts[1:]):
        out += [word.upper() if up else word, between]
    return "".join(out)


def font_encoding(font: str | None) -> tuple[str, bool]:
    """(encoding, upper-case font) that a font name implies: `.VnTimeH` → (tcvn3, True)."""
    name = (font or "").strip().lstrip("+")
    name = name.split("+", 1)[-1] if re.match(r"^[A-Z]{6}\+", name) else name  # PDF subset prefix
    bare = re.sub(r"[,-](bold|italic|bolditalic|regular)$", "", name, flags=re.I)
    if bare.startswith(".Vn") or bare.startswith("Vn") and bare[2:3].isupper():
        return TCVN3, bare.rstrip().endswith("H")
    if bare.upper().startswith("VNI-") or bare.upper().startswith("VNI "):
        return VNI, False
    return UNICODE, False


# A Vietnamese syllable: onset, a vowel group that exists, a coda; at most one tone mark.
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
_NUCLEI = ("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ "
           "uy ưa ưi ươ ưu yê iêu yêu oai oay oeo uây uôi ươi ươu uya uyê uyu")
_SYLLABLE = re.compile(rf"{_ONSET}(?:{'|'.join(sorted(_NUCLEI.split(), key=len, reverse=True))})"
                       r"(?:ch|ng|nh|[cmnpt])?")
_TONE_MARKS = set(_TONES[1:])


def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return bool(_SYLLABLE.fullmatch(base))


def score(text: str) -> int:
    """How many words of `text` are Vietnamese syllables (with a diacritic: plain ASCII words count
    the same in every encoding, so they decide nothing)."""
    return sum(1 for word in _WORD.findall(text)
               if not word.isascii() and not word.isdigit() and _is_syllable(word))


def detect(text: str) -> str:
    """The encoding `text` is in: unicode, tcvn3 or vni (by which reading gives Vietnamese words)."""
    sample = text[:200_000]
    if len(_VIETNAMESE_ONLY.findall(sample)) >= 3:
        return UNICODE  # letters no cp1252 character decodes to: it is Unicode already
    best, best_score = UNICODE, score(sample)
    for encoding in (TCVN3, VNI):
        candidate = score(decode(sample, encoding))
        if candidate > best_score + 2:
            best, best_score = encoding, candidate
    return best
