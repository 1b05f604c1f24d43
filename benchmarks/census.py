"""Where a built site's files and bytes go, by kind: `python -m benchmarks.census SITE --documents N`.

A kind is what a reader would call it: the pages of one page type in one language (the
explorer's facet lists apart), the search index's fragments (Pagefind writes one a page) and
the rest of it, the API's objects by kind, the per-page CSVs by kind, the whole tables by
format. The benchmark's worker records it for every cold build (issue 22's output targets are
a document's share of the bytes and files: this says which kinds they are spent on).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.config import LANGUAGES

PREFIXED = LANGUAGES[1:]  # every language but the first is served under its own folder (/en/)


def kind(path: str) -> str:
    """The kind of the file at site path `path` (posix, relative to the site's root)."""
    parts = path.split("/")
    language = LANGUAGES[0]
    if parts[0] in PREFIXED and len(parts) > 1:
        language, parts = parts[0], parts[1:]
    top = parts[0]
    if top == "pagefind":
        return "search fragments" if "fragment" in parts[:-1] else "search index and loader"
    if top == "api":
        return f"api {parts[2]}" if len(parts) > 3 else "api lists"
    if top == "data":
        if len(parts) > 3 and parts[2].startswith("by-"):
            return f"data {parts[2]} (per-page CSV)"
        return "data tables ." + parts[-1].rsplit(".", 1)[-1]
    if not parts[-1].endswith(".html"):
        return "other files"
    if top == "targets" and len(parts) > 2 and parts[1] in ("area", "year", "place", "page"):
        return f"pages targets/{parts[1]} ({language})"
    return f"pages {top if len(parts) > 1 else 'home and 404'} ({language})"


def census(site: Path) -> dict[str, list[int]]:
    """{kind: [files, bytes]} of every file under `site`, largest kind first."""
    found: dict[str, list[int]] = {}
    for folder, _, names in os.walk(site):
        for name in names:
            full = os.path.join(folder, name)
            counts = found.setdefault(kind(os.path.relpath(full, site).replace(os.sep, "/")), [0, 0])
            counts[0] += 1
            counts[1] += os.path.getsize(full)
    return dict(sorted(found.items(), key=lambda item: (-item[1][1], item[0])))


def totals(counts) -> list[int]:
    """[files, bytes] summed over some kinds' counts."""
    return [sum(c[0] for c in counts), sum(c[1] for c in counts)]


def lines(found: dict[str, list[int]], documents: int, top: int | None = None) -> list[str]:
    """The census as a table: each kind's files and MB, and its share a document (the `top`
    largest kinds, then the others together)."""
    kinds = list(found.items())
    shown, others = kinds[:top], [c for _, c in kinds[len(kinds[:top]):]]
    rows = shown + ([(f"{len(others)} other kinds", totals(others))] if others else []) + [("all", totals(found.values()))]
    out = [f"{'where the output goes':<36}{'files':>9}{'MB':>10}{'files/doc':>11}{'KB/doc':>9}"]
    for name, (files, size) in rows:
        out.append(f"{name:<36}{files:>9,}{size / 2**20:>10.1f}{files / documents:>11.2f}{size / 1024 / documents:>9.1f}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site's folder")
    parser.add_argument("--documents", type=int, required=True, help="how many documents it was built from")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"error: {args.site}: not a folder", file=sys.stderr)
        return 2
    print("\n".join(lines(census(args.site), args.documents)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
