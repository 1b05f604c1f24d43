"""Long lists split into pages of a fixed size, so no page grows with the corpus.

A list at `base` (e.g. `targets/place/lam-dong/`) is published as `base` (page 1) and
`base` + `page/<n>/` for the pages after it, like most static-site generators. The size is
the `page_size` setting. Lists that are only a preview of something larger (a place's
targets, an indicator's results) show their first `page_size` rows and say where the rest
are (see `Shown`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence


@dataclass(frozen=True)
class Pager:
    """Where one page sits in a paged list: what the page navigation needs."""

    base: str  # the list's language-neutral path, e.g. "targets/"
    number: int  # this page, from 1
    count: int  # pages in the list
    total: int  # rows in the whole list
    first: int  # position of this page's first row, from 1 (0 when the list is empty)
    last: int  # position of its last row

    def path(self, number: int) -> str:
        """The path of page `number` of this list."""
        return self.base if number == 1 else f"{self.base}page/{number}/"

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last, and those near this one; None for a gap."""
        wanted = {1, self.count, *range(self.number - around, self.number + around + 1)}
        numbers, previous = [], 0
        for n in sorted(n for n in wanted if 1 <= n <= self.count):
            if n > previous + 1:
                numbers.append(None)
            numbers.append(n)
            previous = n
        return numbers


def paged(rows: Sequence, base: str, size: int) -> Iterator[tuple[list, Pager]]:
    """(the rows of one page, its Pager) for each page of `rows`; one empty page when there are none."""
    count = max(1, -(-len(rows) // size))
    for number in range(1, count + 1):
        chunk = list(rows[(number - 1) * size:number * size])
        first = (number - 1) * size + 1 if chunk else 0
        yield chunk, Pager(base, number, count, len(rows), first, first + len(chunk) - 1 if chunk else 0)


@dataclass(frozen=True)
class Shown:
    """The first `size` rows of a longer list, and how many there are in all."""

    rows: list
    total: int

    @property
    def cut(self) -> bool:
        return self.total > len(self.rows)


def first_rows(rows: Sequence, size: int) -> Shown:
    return Shown(list(rows[:size]), len(rows))
