"""The benchmark runner: `python -m benchmarks` from the project root (see README.md).

For each size: generate a corpus, then, alternating with Pelican so both are measured
side by side on the same machine in the same run: a cold build (build cache and output
deleted first), a rebuild with nothing changed, a rebuild after editing one document's
text, a rebuild after editing one cell of the figures (a target's note: what a maintainer
does when correcting or adding rows), and a Pelican build of the same Markdown. Every build runs in a fresh process.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import multiprocessing
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from . import pelican
from .corpus import PROJECT, CorpusInfo, generate
from .measure import PYTHON, describe, git_commit, machine, run_measured
from .report import load, save, summarise, table

CACHE = PROJECT / ".cache/bench"
RESULTS = Path(__file__).resolve().parent / "results"
EDIT = "\nĐoạn bổ sung để đo thời gian xây dựng lại sau khi sửa một văn bản.\n"
NOTE = " (ghi chú sửa để đo thời gian xây dựng lại)"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000", help="documents per corpus, comma-separated (default 200,2000)")
    parser.add_argument("--full", action="store_true", help="add 10,000 documents")
    parser.add_argument("--quick", action="store_true", help="50 documents, one run: check the runner in seconds")
    parser.add_argument("--repeat", type=int, help="runs per size (default 3 up to 200 documents, else 1)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--jobs", type=int, help="passed to build(jobs=…) if the build accepts it")
    parser.add_argument("--no-cache", action="store_true", help="passed to build(cache=False) if accepted")
    parser.add_argument("--cold-only", action="store_true", help="skip the two rebuilds")
    parser.add_argument("--no-pelican", action="store_true", help="skip the Pelican comparison")
    parser.add_argument("--profile", action="store_true",
                        help="only profile one cold build of the smallest size → results/profile-<size>.txt")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: re-summarise and print the results file")
    parser.add_argument("--timeout", type=float, default=3 * 3600, help="seconds per build (default 3 h)")
    parser.add_argument("--json", type=Path, help="results file (default benchmarks/results/latest.json; "
                                                  ".cache/bench/quick.json with --quick)")
    args = parser.parse_args(argv)
    args.size_list = [50] if args.quick else sorted({int(s) for s in args.sizes.split(",") if s.strip()}
                                                     | ({10000} if args.full else set()))
    args.json = args.json or (CACHE / "quick.json" if args.quick else RESULTS / "latest.json")
    return args


def worker_flags(args: argparse.Namespace) -> list[str]:
    return ([f"--jobs={args.jobs}"] if args.jobs else []) + (["--no-cache"] if args.no_cache else [])


def build_once(corpus: Path, output: Path, args: argparse.Namespace, extra: list[str] = ()) -> dict[str, Any]:
    """One build in a fresh worker process; the worker's JSON plus the process's wall time and peak."""
    command = [PYTHON, "-m", "benchmarks.worker", "--root", str(corpus), "--output", str(output),
               *worker_flags(args), *extra]
    measured = run_measured(command, PROJECT, args.timeout)
    lines = [line for line in measured.stdout.splitlines() if line.startswith("{")]
    if measured.timed_out:
        return {"ok": False, "error": f"timed out after {args.timeout:.0f} s"}
    if not lines:
        return {"ok": False, "error": (measured.stderr or measured.stdout)[-3000:]}
    result = json.loads(lines[-1])
    result.update(process_s=round(measured.wall, 3), process_cpu_s=round(measured.cpu, 3),
                  process_peak_rss_mb=round(measured.peak_rss_mb, 1), load_before=measured.load_before)
    return result


def generate_apart(corpus: Path, size: int, seed: int) -> CorpusInfo:
    """`generate` in a process of its own: Linux keeps a process's peak memory across fork and
    exec, so a runner that generated 10,000 documents itself would hand its ~1 GB peak to every
    build it starts, and the builds' peaks would read high."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(generate, corpus, size, seed).result()


def reset(corpus: Path, output: Path) -> None:
    """Before a cold build: no build cache, no previous output."""
    shutil.rmtree(corpus / ".cache", ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(output.with_name(f".{output.name}.spare"), ignore_errors=True)  # the recycled site


def run_size(size: int, args: argparse.Namespace, info: dict[str, Any]) -> dict[str, Any]:
    corpus, output, pelican_dir = CACHE / f"corpus-{size}", CACHE / f"site-{size}", CACHE / f"pelican-{size}"
    generated = generate_apart(corpus, size, args.seed)
    entry: dict[str, Any] = {
        "documents": size, "date": info["date"], "machine": info, "commit": git_commit(PROJECT),
        "seed": args.seed, "repeat": args.repeat or (1 if args.quick or size > 200 else 3),
        "corpus": {"markdown_mb": round(generated.markdown_bytes / 2**20, 2),
                   "mean_document_kb": round(generated.mean_document_kb, 2),
                   "csv_rows": sum(generated.rows.values()), "rows": generated.rows,
                   "seconds": round(generated.seconds, 2)},
        "pelican_version": None if args.no_pelican else pelican.version(),
    }
    if entry["pelican_version"]:
        pelican.write_project(corpus, pelican_dir)
    runs = []
    for number in range(1, entry["repeat"] + 1):
        run = measure_round(size, corpus, output, pelican_dir, args, entry, f"{size} documents, run {number}")
        runs.append(run)
        if not run.get("cold", {}).get("ok"):
            entry["error"] = run.get("cold", {}).get("error")
            break
    cold = next((r["cold"] for r in runs if r.get("cold", {}).get("ok")), {})
    entry["build_options"], entry["ignored_flags"] = cold.get("options"), cold.get("ignored")
    entry["runs"] = runs
    entry["summary"] = summarise(size, [r for r in runs if r.get("cold", {}).get("ok")])
    return entry


def measure_round(size: int, corpus: Path, output: Path, pelican_dir: Path, args: argparse.Namespace,
                  entry: dict[str, Any], label: str) -> dict[str, Any]:
    """Ours (cold, nothing changed, one edit), then Pelican: one alternation."""
    run: dict[str, Any] = {}
    reset(corpus, output)
    run["cold"] = _logged(label, "cold build", build_once(corpus, output, args))
    if not run["cold"].get("ok"):
        return run
    if not args.cold_only:
        run["nothing_changed"] = _logged(label, "rebuild, nothing changed", build_once(corpus, output, args))
        edited = corpus / f"content/documents/bench-{size // 2:06d}.md"
        original = edited.read_bytes()
        try:
            edited.write_bytes(original + EDIT.encode("utf-8"))
            run["one_edit"] = _logged(label, "rebuild, one document edited", build_once(corpus, output, args))
        finally:
            edited.write_bytes(original)
        table = corpus / "datasets/cchc/targets.csv"
        original = table.read_bytes()
        try:
            table.write_bytes(with_note(original, f"bench-{size // 2:06d}"))
            run["one_cell"] = _logged(label, "rebuild, one figure's note edited", build_once(corpus, output, args))
        finally:
            table.write_bytes(original)
    if entry["pelican_version"]:
        pelican.clean(pelican_dir)
        measured = run_measured(pelican.command(pelican_dir), pelican_dir, args.timeout)
        pages, size_mb = pelican.output_stats(pelican_dir)
        run["pelican"] = {"ok": measured.returncode == 0, "process_s": round(measured.wall, 3),
                          "process_cpu_s": round(measured.cpu, 3), "load_before": measured.load_before,
                          "peak_rss_mb": round(measured.peak_rss_mb, 1), "pages": pages,
                          "output_mb": round(size_mb, 2), "error": measured.stderr[-2000:] or None}
        _logged(label, "Pelican", {**run["pelican"], "seconds": measured.wall})
    return run


def with_note(data: bytes, document: str) -> bytes:
    """targets.csv with NOTE added to the note of `document`'s first target (only that line changes)."""
    lines = data.decode("utf-8").split("\n")
    header = next(csv.reader([lines[0]]))
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{document}-t"))
    row = next(csv.reader([lines[at]]))
    row[header.index("note")] += NOTE
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(row)
    lines[at] = out.getvalue()
    return "\n".join(lines).encode("utf-8")


def _logged(label: str, what: str, result: dict[str, Any]) -> dict[str, Any]:
    if result.get("ok"):
        print(f"  {label}: {what} {result.get('seconds', 0):.1f} s (load average before: "
              f"{result.get('load_before')})", file=sys.stderr, flush=True)
    else:
        print(f"  {label}: {what} FAILED: {result.get('error')}", file=sys.stderr, flush=True)
    return result


def profile(args: argparse.Namespace) -> int:
    """One cold build of the smallest size under the profiler; writes results/profile-<size>.txt."""
    size = args.size_list[0]
    corpus, output = CACHE / f"corpus-{size}", CACHE / f"site-{size}"
    generate_apart(corpus, size, args.seed)
    reset(corpus, output)
    report = RESULTS / f"profile-{size}.txt"
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = build_once(corpus, output, args, ["--profile", str(report)])
    if not result.get("ok"):
        print(f"profiled build failed: {result.get('error')}", file=sys.stderr)
        return 1
    print(f"profiled cold build of {size} documents: {result['seconds']:.1f} s under the profiler → {report}")
    print("\n".join(report.read_text("utf-8").splitlines()[:20]))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.report_only:
        header = {k: v for k, v in json.loads(args.json.read_text("utf-8")).items() if k != "sizes"}
        entries = load(args.json)
        for entry in entries:
            print(f"machine: {describe(entry['machine'])} (commit {entry.get('commit')})\n\n{table(entry)}\n")
        save(args.json, entries, header)  # summaries follow the current summarise()
        return 0
    info = machine()
    print(f"machine: {describe(info)}", flush=True)
    if args.profile:
        return profile(args)
    if not args.no_pelican and not pelican.version():
        print("Pelican is not installed: pip install -r benchmarks/requirements.txt (or pass --no-pelican)",
              file=sys.stderr)
        return 2
    entries = []
    for size in args.size_list:
        entry = run_size(size, args, info)
        entries.append(entry)
        print("\n" + table(entry) + "\n", flush=True)
        save(args.json, entries, {"about": "python -m benchmarks (see benchmarks/README.md)",
                                  "command": "python -m benchmarks " + " ".join(sys.argv[1:] if argv is None else argv),
                                  "updated": info["date"]})
    print(f"results → {args.json}")
    return 0 if all(e.get("summary") for e in entries) else 1


if __name__ == "__main__":
    sys.exit(main())
