"""Which indicator a clause measures: TF-IDF over folded Vietnamese words and word pairs,
cosine similarity between the clause and each indicator's name, definition and the
statements and quotes of the rows that already use it.

Simple and explainable: the score is a cosine (0..1), the words that matched can be listed,
and nothing is downloaded. Abbreviations (TTHC, VBQPPL, …) are read as their long forms from
content/search/abbreviations.yaml, so "TTHC" and "thủ tục hành chính" are the same words.
An indicator whose unit differs from the figure's (a count against a percentage) is never
proposed: an indicator measures one thing, over one base.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from .sections import folded

_WORD = re.compile(r"[a-z]+")
# Words that say nothing about what is counted (folded). Kept short: grammar, not topics.
_STOP = frozenset("""
va cua cac duoc la co cho trong tren voi theo den tu de khi nhung mot so ty le dat toi thieu
it nhat tro len phan dau nam nay do da se nay tong dong thoi tiep tuc duy tri
""".split())
# A best score under this proposes no indicator ("new indicator?"): the clause shares less than
# about 40% of its weighted words with the closest indicator's texts. (On the curated rows the
# right indicator scored 0.47 at the lowest, with the document's own rows left out.)
NEW_BELOW = 0.4


@dataclass(frozen=True)
class Candidate:
    id: str
    score: float


class Suggester:
    def __init__(self, indicators: list[dict], rows: list[dict], abbreviations: dict[str, str],
                 leave_out: str | None = None):
        """`rows`: target and result rows (their statement and source_quote describe their
        indicator); those of the document `leave_out` are not used."""
        self.abbreviations = abbreviations
        self.units = {row["id"]: row.get("unit", "") for row in indicators}
        self.areas = {row["id"]: row.get("area", "") for row in indicators}
        texts: dict[str, list[str]] = {
            row["id"]: [row.get("name_vi", ""), row.get("definition_vi", "")] for row in indicators}
        for row in rows:
            if row.get("indicator") in texts and row.get("document") != leave_out:
                texts[row["indicator"]] += [row.get("statement", ""), _without_numbers(row.get("source_quote", ""))]
        bags = {key: self._terms(" ".join(value)) for key, value in texts.items()}
        df = Counter(term for bag in bags.values() for term in set(bag))
        n = max(len(bags), 1)
        self.idf = {term: math.log((1 + n) / (1 + count)) + 1 for term, count in df.items()}
        self.vectors = {key: self._vector(bag) for key, bag in bags.items()}

    def rank(self, clause: str, unit: str | None = None, top: int = 3) -> list[Candidate]:
        query = self._vector(self._terms(_without_numbers(clause)))
        scored = []
        for key, vector in self.vectors.items():
            if unit and self.units.get(key) and self.units[key] != unit:
                continue
            score = sum(weight * vector.get(term, 0.0) for term, weight in query.items())
            if score > 0:
                scored.append(Candidate(key, round(score, 2)))
        scored.sort(key=lambda c: (-c.score, c.id))
        return scored[:top]

    def _terms(self, text: str) -> Counter:
        low = folded(text)
        for short, long in self.abbreviations.items():
            low = re.sub(rf"\b{short}\b", long, low)
        words = [w for w in _WORD.findall(low) if w not in _STOP]
        return Counter(words + [f"{a}_{b}" for a, b in zip(words, words[1:])])

    def _vector(self, bag: Counter) -> dict[str, float]:
        weights = {term: (1 + math.log(count)) * self.idf.get(term, 0.0) for term, count in bag.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items() if w}


def _without_numbers(text: str) -> str:
    return re.sub(r"\d+(?:[.,]\d+)*\s*%?", " ", text)


def load_abbreviations(root: Path) -> dict[str, str]:
    """Folded short form → folded long form, from content/search/abbreviations.yaml."""
    path = root / "content" / "search" / "abbreviations.yaml"
    if not path.is_file():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    found = {}
    for entry in entries:
        if isinstance(entry, dict) and entry.get("short") and entry.get("long"):
            found[folded(str(entry["short"]))] = folded(str(entry["long"][0])).replace(",", "")
    # longer short forms first, so VBQPPL is read before QPPL
    return dict(sorted(found.items(), key=lambda item: -len(item[0])))
