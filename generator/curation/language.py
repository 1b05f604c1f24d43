"""Rules of the Vietnamese language for figures: numbers, comparators, units, levels, years.

Pure functions, no project imports; every offset is into the text as given, which callers
normalise to NFC first (`nfc`). The API (stable: later versions only add fields and kinds):

    parse_number(text) -> float         "99,79" → 99.79, "1.250" → 1250, "1,250.5" → 1250.5
    find_figures(text, levels=True) -> list[Figure]  every figure the text states, in order
                                        (levels=False skips the levels: faster)
    find_years(text)   -> list[YearMention]   "đến năm 2025", "năm 2021", "giai đoạn 2021 - 2025",
                                              "so với năm 2022", "hằng năm", dates
    find_level(text)   -> list[LevelMention]  "cấp tỉnh", "UBND cấp huyện", "xã, phường, thị trấn"

Figure: value (float; "4 tỷ đồng" is 4e9), text (as written: "80%", "1.250", "41/103",
"toàn bộ"), start, end, comparator (">=", ">", "=", "<", "<="), comparator_words (the words
that gave it, "" for "="), unit ("percent", "count", "vnd", "rank", "rank_change", "times" or
None when the language gives none), unit_words, numerator/denominator ("41/103"), in_words
(True for a figure written in words: "toàn bộ", "tất cả" = 100%, "một nửa" = 50%, "gấp đôi"),
level ("tinh", "huyen", "xa" or None: the level that governs it in its clause), phrase (the
figure with its own comparator words, exactly as written: "Tối thiểu 80%", "từ 30% trở lên";
the figure's text when it has none of its own).

Numbers (`parse_number`): "," is the Vietnamese decimal mark and "." groups thousands;
international notation is read where it cannot be Vietnamese. Both marks: the last is the
decimal mark ("1.250,5", "1,250.5"). One mark repeated: groups of thousands ("1.250.000",
"1,250,000"). One "," alone: decimal ("99,79", and "1,250" is 1.25 as a Vietnamese writer means).
One "." alone: thousands when 1-3 digits (not a lone 0) are followed by exactly 3 ("1.250" is 1250,
"605.859" is 605859); otherwise decimal ("1.25", "99.5", "0.125").

A minus sign written against the number makes it negative ("-2,5%", "−3 bậc"); a dash between
numbers does not ("2021 - 2025", "20-30%").

Not figures: years ("năm 2025", a bare 4-digit 1900-2100 with no "%" or "lần" after it), dates
("31/5/2022", "tháng 12/2023", "ngày 31"), document numbers ("53/KH-UBND", "17-CTr/HU",
"Nghị định 61/2018", "Kế hoạch số 53"), standard codes ("ISO 9001:2015"), numbered parts ("Điều 5",
"mục 2", "mức độ 3", a list marker "1." opening a line), ordinals ("lần thứ 4", "Trung ương 4
khóa XII") and numbers glued to letters ("COVID-19", "5G").

Units: "%", "phần trăm" percent; "đồng", "tỷ đồng" vnd; "lần" times; "bậc" rank_change; "xếp
thứ", "hạng thứ", "top", "nhóm N … dẫn đầu" rank; a number before a noun is a count ("1.303 thủ
tục"); a number of days, months or years, or of points ("điểm"), has unit None.

Levels (`find_level`, and each Figure's level): "cấp tỉnh/huyện/xã" and lists after "cấp" ("3 cấp
tỉnh, huyện, xã"), "UBND/HĐND (cấp) tỉnh/huyện/xã", "xã, phường, thị trấn" (xa), "huyện, thị xã,
thành phố" (huyen), "sở, ban, ngành" (tinh), "cấp cơ sở" (xa), "mỗi cấp hành chính" ("each"); a
bare "của huyện" only where a clause contrasts it with another "cấp …", never a place's name.

Comparators: the words directly before the number (after at most three fillers such as "đạt",
"tỷ lệ", "là", "tương ứng là") or "trở lên"/"trở xuống" after it. A figure with no words of its
own takes its neighbour's comparator only in a bare list ("tối thiểu 30%, 20%, 15%") or an
ellipsis naming a level ("tối thiểu 80%, cấp huyện 70%"); anything else is the curators' reading.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from .language_levels import LevelMention, YearMention, assign_levels, find_level, find_years

__all__ = ["Figure", "LevelMention", "YearMention", "find_figures", "find_level", "find_years",
           "nfc", "parse_number"]


@dataclass(frozen=True)
class Figure:
    value: float
    text: str
    start: int
    end: int
    comparator: str = "="
    comparator_words: str = ""
    unit: str | None = None
    unit_words: str = ""
    numerator: float | None = None
    denominator: float | None = None
    in_words: bool = False
    level: str | None = None
    phrase: str = ""


def nfc(text: str) -> str:
    """The text in Unicode NFC, the form every offset here refers to."""
    return unicodedata.normalize("NFC", text)


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*\Z")


def _grouped(part: str) -> bool:
    groups = part.split(".") if "." in part else part.split(",")
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def parse_number(text: str) -> float:
    """The number a Vietnamese (or unambiguous international) numeral states; ValueError if none."""
    s = nfc(text).strip()
    if not _NUMBER.match(s):
        raise ValueError(f'not a number: "{text}"')
    if "." in s and "," in s:
        decimal = "." if s.rfind(".") > s.rfind(",") else ","
        whole, _, fraction = s.rpartition(decimal)
        if decimal in whole or not _grouped(whole):
            raise ValueError(f'not a number: "{text}" (thousands must be grouped by three)')
        return float(re.sub(r"\D", "", whole) + "." + fraction)
    mark = "." if "." in s else "," if "," in s else ""
    if not mark:
        return float(s)
    parts = s.split(mark)
    if len(parts) > 2:
        if not _grouped(s):
            raise ValueError(f'not a number: "{text}" (thousands must be grouped by three)')
        return float("".join(parts))
    whole, fraction = parts
    if mark == "." and len(fraction) == 3 and whole != "0" and _grouped(s):
        return float(whole + fraction)
    return float(whole + "." + fraction)


# --- words --------------------------------------------------------------------------------------
_W = r"(?<![^\W\d_])"  # no letter just before (a word start)
_E = r"(?![^\W\d_])"   # no letter just after (a word end)
_COMPARATORS = [  # longest first: alternation tries them in this order at each position
    (r"không\s+vượt\s+quá", "<="), (r"không\s+quá", "<="), (r"tối\s+đa", "<="),
    (r"nhiều\s+nhất", "<="), (r"không\s+(?:cao|lớn|nhiều)\s+hơn", "<="),
    (r"không\s+(?:dưới|thấp\s+hơn|ít\s+hơn|nhỏ\s+hơn)", ">="), (r"tối\s+thiểu", ">="),
    (r"ít\s+nhất", ">="), (r"đạt\s+và\s+vượt", ">="), (r"bằng\s+hoặc\s+(?:cao|lớn)\s+hơn", ">="),
    (r"(?:cao|lớn|nhiều)\s+hơn", ">"), (r"vượt(?:\s+quá)?", ">"), (r"trên", ">"), (r"hơn", ">"),
    (r"chưa\s+(?:đến|tới)", "<"), (r"(?:thấp|ít|nhỏ)\s+hơn", "<"), (r"dưới", "<"),
]
_COMPARATOR_BEFORE = re.compile(
    _W + "(?:" + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_COMPARATORS)) + r")\s*\Z",
    re.IGNORECASE)
_FILLER = re.compile(_W + r"(?:tương\s+ứng\s+là|tương\s+ứng|ở\s+mức|mức|tỷ\s+lệ|tỉ\s+lệ|đạt|là|"
                     r"được|bằng)\s*\Z", re.IGNORECASE)
_AFTER = re.compile(r"\s*(?:%|phần\s+trăm)?(?P<words>(?:\s*[^\W\d_][\w-]*){0,3}?)\s*"
                    r"trở\s+(?P<dir>lên|xuống|lại)" + _E, re.IGNORECASE)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:/\d+(?:[.,]\d+)*)*")
_CLAUSE_END = re.compile(r"[;!?()]|[.:](?=\s|\Z)|\n")
_DOC_WORDS = (r"luật|nghị\s+quyết|nghị\s+định|quyết\s+định|chỉ\s+thị|thông\s+tư|kế\s+hoạch|"
              r"công\s+văn|văn\s+bản|chương\s+trình|đề\s+án|thông\s+báo|báo\s+cáo|tờ\s+trình|"
              r"hướng\s+dẫn|pháp\s+lệnh|hiến\s+pháp")
_NOT_BEFORE = re.compile(
    _W + r"(?:(?:" + _DOC_WORDS + r")(?:\s+số)?\s*:?|số\s*:|ngày|tháng|năm|quý|tuần|điều|khoản|"
    r"điểm|mục|tiểu\s+mục|chương|phần|phụ\s+lục|biểu(?:\s+số)?|mẫu(?:\s+số)?|mức\s+độ|thứ|kỳ|"
    r"khóa|khoá|lần|giai\s+đoạn|iso|tcvn|qcvn|iec|công\s+nghiệp|phiên\s+bản|đợt|tầng|phòng|"
    r"km|quốc\s+lộ|tỉnh\s+lộ)\s*\Z", re.IGNORECASE)
# "mục 2 và 3", "mức độ 3, 4": the later numbers of a list opened by a numbered part
_LISTED = re.compile(r"(?:(?<![\d.,])\d{1,3}(?:[.,]\d+)*\s*(?:,|và|hoặc|đến|-)\s*)+\Z", re.IGNORECASE)
_PART = re.compile(_W + r"(?:điều|khoản|điểm|mục|tiểu\s+mục|chương|phần|phụ\s+lục|mức\s+độ|mức)\s*\Z",
                   re.IGNORECASE)
# "thăng hạng 32 công chức" counts people: a rank needs "xếp", "thứ" or "top"
_RANK_BEFORE = re.compile(_W + r"(?:xếp\s+(?:hạng\s+)?(?:thứ\s+)?|(?:đứng|hạng|vị\s+trí)\s+thứ\s+|top\s+)\Z",
                          re.IGNORECASE)
_GROUP_LEADING = re.compile(r"\s*(?:[^\W\d_]+,?\s+){0,5}?(?:dẫn\s+đầu|đứng\s+đầu|cao\s+nhất|tốt\s+nhất)"
                            + _E, re.IGNORECASE)
_SCALE = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
_UNIT_AFTER = [
    (re.compile(r"\s?%|\s+(?:điểm\s+)?phần\s+trăm" + _E, re.IGNORECASE), "percent"),
    (re.compile(r"\s+(?:(?:nghìn|ngàn|triệu|tỷ|tỉ)\s+)?(?:đồng|vnđ|vnd)" + _E, re.IGNORECASE), "vnd"),
    (re.compile(r"\s+lần" + _E, re.IGNORECASE), "times"),
    (re.compile(r"\s+bậc" + _E, re.IGNORECASE), "rank_change"),
    (re.compile(r"\s+(?:điểm|năm|tháng|quý|tuần|ngày|giờ|phút)" + _E, re.IGNORECASE), None),
]
# Words that follow a number without being what it counts.
_NOT_NOUN = {"và", "của", "so", "trở", "đến", "tới", "trong", "là", "với", "cho", "tại", "trên",
             "ở", "đã", "được", "vào", "theo", "hoặc", "hay", "để", "thì", "mà", "nhưng", "khi",
             "từ", "về", "bị", "do", "như", "nên", "sau", "trước", "đạt", "còn", "lên", "xuống"}
_NEXT_WORDS = re.compile(r"\s+((?:(?:nghìn|ngàn|triệu|tỷ|tỉ)\s+)?[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?)",
                         re.IGNORECASE)
_IN_WORDS = re.compile(_W + r"(?P<w>toàn\s+bộ|tất\s+cả|một\s+nửa|gấp\s+đôi|gấp\s+ba)" + _E +
                       r"(?!\s*(?:các\s+)?\d)", re.IGNORECASE)
_IN_WORDS_HINTS = ("toàn", "tất", "nửa", "gấp")
_IN_WORDS_VALUE = {"toàn bộ": (100, "percent"), "tất cả": (100, "percent"),
                   "một nửa": (50, "percent"), "gấp đôi": (2, "times"), "gấp ba": (3, "times")}
_LIST_GAP = re.compile(r"\s*(?:,|và|hoặc)\s*\Z|\s*,?\s*(?:và\s+)?(?:(?:tại|của|ở)\s+)?"
                       r"c[ấâ]p\s+(?:tỉnh|huyện|xã)(?:\s+(?:đạt|là))?\s*\Z", re.IGNORECASE)
_LIST_BREAK = re.compile(r"trong\s+đó|trong\s+số\s+đó|đồng\s+thời|riêng|còn\s+lại", re.IGNORECASE)


_PERCENT_SIGN = re.compile(r"\s?%")
_TERM_AFTER = re.compile(r"\s+kh[oó]a" + _E, re.IGNORECASE)  # "Hội nghị Trung ương 4 khóa XII": which plenum
_YEAR_FOLLOW = re.compile(r"\s?%|\s+lần" + _E)
_GLUED_BEFORE = re.compile(r"[^\W\d_]-\Z")
_GLUED_AFTER = re.compile(r"[^\W\d_]|[/-][^\W\d_]|:\d|[.,]\d")
_LINE_OPENING = re.compile(r"[ \t>]*(?:#+[ \t]*)?")
_MARKER_AFTER = re.compile(r"[.)]\s")
_RATIO_BEFORE = re.compile(r"\d\s*%?\s*\Z")
_DIGIT = re.compile(r"\d")
# "vượt 10% kế hoạch", "vượt 3 biên chế so với số được giao": the excess over a plan or a quota
_MARGIN = re.compile(r"\s*%?(?:\s+[^\W\d_]+){0,3}?\s+(?:so\s+với|kế\s+hoạch|chỉ\s+tiêu|dự\s+toán|"
                     r"số\s+(?:được\s+)?giao)" + _E, re.IGNORECASE)
_FROM = re.compile(_W + r"từ\s*\Z", re.IGNORECASE)
_GROUP_BEFORE = re.compile(_W + r"(?:nhóm|top)\s+\Z", re.IGNORECASE)
_MINUS = re.compile(r"(?:\A|[\s(])[-−]\Z")


def _clause_start(text: str, at: int, reach: int = 80) -> int:
    """Where the clause holding `at` starts, looking back at most `reach` characters (enough for
    the words that bind a figure, and it keeps a long text linear)."""
    start = max(0, at - reach)
    for match in _CLAUSE_END.finditer(text, start, at):
        start = match.end()
    return start


def _clause_end(text: str, at: int) -> int:
    match = _CLAUSE_END.search(text, at)
    return match.start() if match else len(text)


def _is_year(token: str, after: str) -> bool:
    return (len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2100
            and not _YEAR_FOLLOW.match(after))


def _not_a_figure(text: str, start: int, end: int, token: str) -> bool:
    """A year, a date, a document number, a code, a numbered part or a number inside a word."""
    before, after = text[max(0, start - 40):start], text[end:end + 12]
    if before[-1:].isalnum() or before[-1:] == "_" or _GLUED_BEFORE.search(before):
        return True
    if _GLUED_AFTER.match(after) or _TERM_AFTER.match(after):
        return True
    parts = token.split("/")
    if len(parts) >= 3 or (len(parts) == 2 and _is_year(parts[1], "")):
        return True  # a date (31/5/2022, 12/2023) or a document's number and year (61/2018)
    if len(parts) == 1 and _is_year(token, after):
        return True
    if _LINE_OPENING.fullmatch(text[text.rfind("\n", 0, start) + 1:start]) and \
            _MARKER_AFTER.match(after):
        return True  # a list marker opening a line: "1. ", "2) "
    listed = _LISTED.sub("", before) if before.rstrip().endswith((",", "và", "hoặc", "đến", "-")) else before
    blocked = _PART.search(listed) if listed != before else _NOT_BEFORE.search(before)
    if blocked and blocked.group(0).lower().startswith(("mức", "lần", "thứ", "số")) and \
            _PERCENT_SIGN.match(after):
        return False  # "đạt mức 90%", "chính quyền số: 70%" are figures; "mức độ 3" is a grade of service
    return bool(blocked) and not _RANK_BEFORE.search(before)


def _comparator(text: str, start: int, end: int, floor: int) -> tuple[str, str, int, int]:
    """The comparator the words around the number at [start, end) give, those words, and the
    span of the phrase they make with the number ("tối thiểu 80", "từ 30% trở lên")."""
    floor = max(floor, start - 60)  # a comparator and three fillers fit in 60 characters
    window = text[floor:start]
    for _ in range(4):
        found = _COMPARATOR_BEFORE.search(window)
        if found:
            index = int(next(k for k, v in found.groupdict().items() if v)[1:])
            words = found.group(0).strip()
            ratio = _RATIO_BEFORE.search(text[max(0, floor + found.start() - 8):floor + found.start()])
            if words.lower().startswith("vượt") and _MARGIN.match(text, end):
                return "=", "", start, end  # "vượt 10% kế hoạch": by how much, not more than what
            if not (words.lower() == "trên" and ratio):
                return _COMPARATORS[index][1], words, floor + found.start(), end
            break
        filler = _FILLER.search(window)
        if not filler:
            break
        window = window[:filler.start()]
    after = _AFTER.match(text, end, _clause_end(text, end))
    if after and not _DIGIT.search(after.group("words")):
        opener = _FROM.search(text, floor, start)
        way = after.group("dir").lower()
        return (">=" if way == "lên" else "<="), ("từ … " if opener else "") + f"trở {way}", \
            opener.start() if opener else start, after.end()
    return "=", "", start, end


def _unit(text: str, start: int, end: int) -> tuple[str | None, str, float]:
    """The unit code after the number, the words that gave it, and the scale ("tỷ" = 1e9)."""
    before = text[max(0, start - 30):start]
    if _RANK_BEFORE.search(before):
        return "rank", _RANK_BEFORE.search(before).group(0).strip(), 1.0
    if _GROUP_BEFORE.search(before) and _GROUP_LEADING.match(text, end):
        return "rank", _GROUP_LEADING.match(text, end).group(0).strip(), 1.0
    for pattern, unit in _UNIT_AFTER:
        match = pattern.match(text, end)
        if match:
            words = match.group(0).strip()
            scale = next((v for k, v in _SCALE.items() if words.lower().startswith(k)), 1.0)
            return unit, words, scale
    nxt = _NEXT_WORDS.match(text, end)
    if nxt and nxt.group(1).split()[0].lower() not in _NOT_NOUN:
        words = nxt.group(1)
        scale = next((v for k, v in _SCALE.items() if words.lower().startswith(k + " ")), 1.0)
        return "count", words, scale
    return None, "", 1.0


def _numeral_figures(text: str) -> list[Figure]:
    figures: list[Figure] = []
    for match in _TOKEN.finditer(text):
        token, start, end = match.group(0), match.start(), match.end()
        if _not_a_figure(text, start, end, token):
            continue
        parts = [parse_number(p) for p in token.split("/")]
        unit, unit_words, scale = _unit(text, start, end)
        if _MINUS.search(text[max(0, start - 2):start]) and len(parts) == 1:
            start, token, parts = start - 1, text[start - 1] + token, [-parts[0]]  # "-2,5%": negative
        sign = _PERCENT_SIGN.match(text, end) if unit == "percent" else None
        shown = token + (sign.group(0) if sign else "")
        floor = max(_clause_start(text, start), figures[-1].end if figures else 0)
        comparator, words, low, high = _comparator(text, start, start + len(shown), floor)
        group = _GROUP_BEFORE.search(text[max(0, start - 12):start])
        if unit == "rank" and group:  # "nhóm 20 địa phương dẫn đầu": among the first 20
            comparator, words = "<=", group.group(0).strip() + " … " + unit_words
            leading = _GROUP_LEADING.match(text, end)
            low, high = max(0, start - 12) + group.start(), leading.end() if leading else start + len(shown)
        fraction = len(parts) == 2
        figures.append(Figure(
            value=parts[0] * scale, text=shown, start=start, end=start + len(shown),
            comparator=comparator, comparator_words=words, unit=unit, unit_words=unit_words,
            numerator=parts[0] if fraction else None, denominator=parts[1] if fraction else None,
            phrase=text[low:high]))
    return figures


def _word_figures(text: str) -> list[Figure]:
    figures: list[Figure] = []
    lowered = text.lower()
    if not any(word in lowered for word in _IN_WORDS_HINTS):
        return figures
    for match in _IN_WORDS.finditer(text):
        value, unit = _IN_WORDS_VALUE[re.sub(r"\s+", " ", match.group("w").lower())]
        figures.append(Figure(value=float(value), text=match.group(0), start=match.start(),
                              end=match.end(), unit=unit, unit_words="", in_words=True,
                              phrase=match.group(0)))
    return figures


def _carry_comparators(text: str, figures: list[Figure]) -> list[Figure]:
    """A bare figure in a list, or in an ellipsis naming a level, binds like the one before it."""
    out: list[Figure] = []
    for figure in figures:
        previous = out[-1] if out else None
        if previous and not figure.comparator_words and previous.comparator_words and \
                not figure.in_words:
            gap = text[previous.end:figure.start]
            unit_gap = gap[len(previous.unit_words) + 1:] if previous.unit_words and \
                gap.strip().startswith(previous.unit_words) else gap
            if (_LIST_GAP.match(gap) or _LIST_GAP.match(unit_gap)) and not _LIST_BREAK.search(gap) \
                    and not _CLAUSE_END.search(gap):
                figure = replace(figure, comparator=previous.comparator,
                                 comparator_words=previous.comparator_words)
        out.append(figure)
    return out


def find_figures(text: str, levels: bool = True) -> list[Figure]:
    """Every figure `text` states, in order, with its comparator, unit and (unless `levels` is
    False, which is faster) the level that governs it."""
    figures = sorted(_numeral_figures(text) + _word_figures(text), key=lambda f: f.start)
    figures = _carry_comparators(text, figures)
    return assign_levels(text, figures, find_level(text)) if levels else figures
