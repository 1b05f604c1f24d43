"""How much of the curated data `draft` proposes by itself: `python -m benchmarks.curation`.

Drafts each curated document from its text and compares the proposals with the curated
targets and results in datasets/cchc (never part of the test suite). A proposed row *is* a
curated row when both come from the same document, state the same value and their quotes
overlap in the document's text (one holds the other, or they share a passage); each curated
row is matched once, to the proposal that also agrees on level, then unit, then year, when
there is a choice. Then:

- recall: curated rows found / curated rows; precision: proposals that are curated rows /
  proposals;
- per field, the share of found rows exactly right: value, comparator, unit, year,
  year_stated, level, area, and whether it is a target or a result (kind);
- indicator top-1 and top-3 on found rows whose curated indicator is set, with the
  document's own rows LEFT OUT of what the suggester knows (so it is judged as on a new plan);
  "none when none": of the found rows the curators gave no indicator, the share left empty
  ("new indicator?") rather than given a wrong one;
- draft time per document (read, propose; the median of 3 runs).

Sources: the texts in content/documents/ and, when the importer is present
(generator/curation/importer.py), the same documents imported from their seed texts
(tests/seeds/) as .txt and as generated .docx/.pdf/.html (written by the importer's own sample
writers, `generator/curation/formats_samples.py`), each with the front matter the importer
drafted (as a maintainer would draft before reviewing it). A seed is the curated document whose
curated quotes it holds most.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from generator.curation import clauses_read
from generator.curation.draft import load_corpus, overlap, propose, read
from generator.curation.sections import read_document
from generator.markup import squash

try:  # the importer and the sample writers its tests use (branch import)
    from generator.curation import formats_samples as _samples
    from generator.curation.importer import import_file
    WRITERS = {"txt": _samples.write_txt, "docx": _samples.write_docx, "pdf": _samples.write_pdf,
               "html": _samples.write_html}
except ImportError:
    WRITERS = None

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "seeds"
HELDOUT = ROOT / "benchmarks" / "heldout"
FIELDS = ("value", "comparator", "unit", "year", "year_stated", "level", "area", "kind", "baseline_year",
          "numerator", "denominator")
PREFER = ("level", "unit", "year")


def norm(value) -> str:
    text = "" if value is None else str(value).strip().lower()
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number == int(number) else repr(number)


def curated_rows(corpus, document_id: str) -> list[dict]:
    rows = []
    for kind in ("targets", "results"):
        for row in corpus.rows[kind]:
            if row["document"] == document_id:
                rows.append({**row, "kind": kind})
    return rows


def compare(document, proposals: list[dict], curated: list[dict]) -> dict:
    text = " ".join(p.text for p in document.paragraphs)
    free = list(range(len(proposals)))
    pairs = []
    for row in curated:
        candidates = [i for i in free if norm(proposals[i]["value"]) == norm(row["value"])
                      and overlap(proposals[i]["source_quote"], row["source_quote"], text)]
        if not candidates:
            continue
        best = max(candidates, key=lambda i: [norm(proposals[i].get(f)) == norm(row.get(f)) for f in PREFER])
        free.remove(best)
        pairs.append((row, proposals[best]))
    right = {f: sum(norm(p.get(f)) == norm(c.get(f)) for c, p in pairs) for f in FIELDS}
    with_indicator = [(c, p) for c, p in pairs if c.get("indicator")]
    top1 = sum(p.get("indicator") == c["indicator"] for c, p in with_indicator)
    top3 = sum(c["indicator"] in [x.split(":")[0] for x in p.get("indicator_candidates", "").split("; ") if x]
               for c, p in with_indicator)
    without = [(c, p) for c, p in pairs if not c.get("indicator")]
    missed = [c for c in curated if all(c is not pc for pc, _ in pairs)]
    return {"curated": len(curated), "proposed": len(proposals), "found": len(pairs), "right": right,
            "indicators": len(with_indicator), "top1": top1, "top3": top3, "without": len(without),
            "none_right": sum(not p.get("indicator") for _, p in without), "missed": missed,
            "extra": [proposals[i] for i in free], "pairs": pairs}


def draft_text(document, corpus) -> tuple[list[dict], float]:
    times, proposals = [], []
    for _ in range(3):
        clauses_read.clear()
        started = time.perf_counter()
        tables = propose(ROOT, document, corpus, leave_out_own=True)
        times.append(time.perf_counter() - started)
        proposals = [{**row, "kind": kind} for kind in ("targets", "results") for row in tables[kind]]
    return proposals, statistics.median(times)


def sources(document_id: str, seeds: dict[str, Path], folder: Path):
    """(label, Document, seconds to read or import) for each way the benchmark reads a document:
    its curated text, then its seed text imported as .txt/.docx/.pdf/.html when the importer
    and its sample writers are present."""
    started = time.perf_counter()
    document = read(ROOT, document_id)
    yield "content", document, time.perf_counter() - started
    if document_id not in seeds or WRITERS is None:
        return
    text = seeds[document_id].read_text(encoding="utf-8")
    for kind, writer in WRITERS.items():
        path = writer(text, folder / f"{document_id}.{kind}")
        started = time.perf_counter()
        front, body, _ = import_file(path, ROOT)
        seconds = time.perf_counter() - started
        yield f"import .{kind}", read_document(document_id, front, body), seconds


def seed_documents(corpus) -> dict[str, Path]:
    """Which curated document each seed text is: the one whose curated quotes it holds most."""
    found = {}
    quotes: dict[str, list[str]] = defaultdict(list)
    for kind in ("targets", "results", "assignments"):
        for row in corpus.rows[kind]:
            quotes[row["document"]].append(squash(row["source_quote"]))
    for seed in sorted(SEEDS.glob("*.txt")):
        text = squash(seed.read_text(encoding="utf-8"))
        best = max(quotes, key=lambda d: sum(q in text for q in quotes[d]), default=None)
        if best and any(q in text for q in quotes[best]):
            found[best] = seed
    return found


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.1f}%" if d else "–"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.curation", description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list missed and extra rows, and wrong fields")
    parser.add_argument("--no-import", action="store_true", help="the curated texts only (seconds, not a minute)")
    args = parser.parse_args(argv)
    corpus = load_corpus(ROOT)
    seeds = {} if args.no_import else seed_documents(corpus)
    folder = Path(tempfile.mkdtemp(prefix="curation-bench-"))
    if WRITERS is None:
        print("(the importer's sample writers are missing: curated texts only)", file=sys.stderr)
    ids = sorted({row["document"] for kind in ("targets", "results") for row in corpus.rows[kind]})
    ids += sorted(p.stem for p in (ROOT / "content" / "documents").glob("*.md") if p.stem not in ids)
    totals: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    print("| source | document | curated | proposed | found | recall | precision | "
          + " | ".join(FIELDS) + " | indicator top-1 | top-3 | none when none | read/import s | draft s |")
    print("|" + "---|" * (len(FIELDS) + 12))
    for document_id in ids:
        curated = curated_rows(corpus, document_id)
        for label, document, read_seconds in sources(document_id, seeds, folder):
            proposals, seconds = draft_text(document, corpus)
            result = compare(document, proposals, curated)
            _row(label, document_id, result, (read_seconds, seconds))
            total = totals[label]
            for key in ("curated", "proposed", "found", "indicators", "top1", "top3", "without", "none_right"):
                total[key] += result[key]
            for field in FIELDS:
                total[field] += result["right"][field]
            if args.verbose:
                _details(label, document_id, result)
    for label, total in totals.items():
        result = {**total, "right": {f: total[f] for f in FIELDS}}
        _row(label, "**all**", result, None)
    if not args.no_import:
        _heldout(corpus, folder, args.verbose)
    _duties(corpus, ids)
    shutil.rmtree(folder, ignore_errors=True)
    return 0


def _heldout(corpus, folder: Path, verbose: bool) -> None:
    """The plans in benchmarks/heldout/, imported as each format and drafted, against their keys."""
    if WRITERS is None:
        return
    print("\nPlans the rules were not written for (benchmarks/heldout/, against their answer keys):\n")
    for source in sorted(HELDOUT.glob("*.txt")):
        with open(source.with_suffix(".expected.csv"), encoding="utf-8", newline="") as key:
            expected = list(csv.DictReader(key))
        text = source.read_text(encoding="utf-8")
        for kind, writer in WRITERS.items():
            path = writer(text, folder / f"{source.stem}.{kind}")
            started = time.perf_counter()
            front, body, _ = import_file(path, ROOT)
            seconds = time.perf_counter() - started
            document = read_document(source.stem, front, body)
            proposals, draft_seconds = draft_text(document, corpus)
            result = compare(document, proposals, expected)
            _row(f"import .{kind}", source.stem, result, (seconds, draft_seconds))
            if verbose:
                _details(f"import .{kind}", source.stem, result)


def _duties(corpus, ids: list[str]) -> None:
    """Duties (assignments), from the curated texts: a proposal is a curated duty when the
    agency is the same and the quotes overlap."""
    print("\n| duties | curated | proposed | found | recall | precision | area |\n|---|---|---|---|---|---|---|")
    for document_id in ids:
        document = read(ROOT, document_id)
        text = " ".join(p.text for p in document.paragraphs)
        proposals = propose(ROOT, document, corpus, leave_out_own=True)["assignments"]
        curated = [row for row in corpus.rows["assignments"] if row["document"] == document_id]
        free, pairs = list(range(len(proposals))), []
        for row in curated:
            match = next((i for i in free if squash(proposals[i]["agency"]) == squash(row["agency"])
                          and overlap(proposals[i]["source_quote"], row["source_quote"], text)), None)
            if match is not None:
                free.remove(match)
                pairs.append((row, proposals[match]))
        area = sum(norm(c["area"]) == norm(p["area"]) for c, p in pairs)
        print(f"| {document_id} | {len(curated)} | {len(proposals)} | {len(pairs)} | {pct(len(pairs), len(curated))} | "
              f"{pct(len(pairs), len(proposals))} | {pct(area, len(pairs))} |")


def _row(label, document_id, r, seconds) -> None:
    fields = " | ".join(pct(r["right"][f], r["found"]) for f in FIELDS)
    print(f"| {label} | {document_id} | {r['curated']} | {r['proposed']} | {r['found']} | "
          f"{pct(r['found'], r['curated'])} | {pct(r['found'], r['proposed'])} | {fields} | "
          f"{pct(r['top1'], r['indicators'])} | {pct(r['top3'], r['indicators'])} | "
          f"{pct(r['none_right'], r['without'])} | "
          + (" | |" if seconds is None else f"{seconds[0]:.2f} | {seconds[1]:.2f} |"))


def _details(label, document_id, r) -> None:
    for row in r["missed"]:
        print(f"  missed {row.get('id', '')}: {row['value']} {row['unit']} | {row['source_quote'][:100]}", file=sys.stderr)
    for row in r["extra"]:
        print(f"  extra {row['kind']} {row['value']} {row['unit']} | {row['source_quote'][:100]}", file=sys.stderr)
    for c, p in r["pairs"]:
        wrong = [f"{f}: {p.get(f)!r} (curated {c.get(f)!r})" for f in FIELDS if norm(p.get(f)) != norm(c.get(f))]
        if c.get("indicator") and p.get("indicator") != c["indicator"]:
            wrong.append(f"indicator: {p.get('indicator')!r} (curated {c['indicator']!r}; {p.get('indicator_candidates')})")
        if wrong:
            print(f"  {c.get('id') or c['source_quote']}: " + "; ".join(wrong) + f"\n     why: {p.get('why')}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
