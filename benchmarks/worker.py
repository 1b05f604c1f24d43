"""Build one corpus in this (fresh) process and print what it cost as one JSON line.

    python -m benchmarks.worker --root CORPUS --output OUT [--jobs N] [--no-cache] [--profile FILE]

Run from the project root, so `generator` is the project's own. A fresh process per
build makes the peak memory that build's own. Peak RSS is the larger of this process's
and its reaped children's (a process pool's workers), in MB.
"""

from __future__ import annotations

import argparse
import inspect
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()


def peak_rss_mb() -> float:
    """Peak resident memory so far of this process or any reaped child (Linux: KB → MB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def cpu_seconds() -> float:
    """User + system CPU time of this process and its reaped children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build_options(build, jobs: int | None, no_cache: bool) -> tuple[dict[str, Any], list[str]]:
    """The pass-through flags `build()` accepts today (by its signature), and those it ignores."""
    accepted = inspect.signature(build).parameters
    options: dict[str, Any] = {}
    ignored: list[str] = []
    if jobs is not None:
        if "jobs" in accepted:
            options["jobs"] = jobs
        else:
            ignored.append(f"--jobs {jobs}")
    if no_cache:
        name = next((n for n in ("cache", "use_cache") if n in accepted), None)
        if name:
            options[name] = False
        else:
            ignored.append("--no-cache")
    return options, ignored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--jobs", type=int)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--profile", type=Path, help="write a profile report here")
    parser.add_argument("--no-write", action="store_true",
                        help="validate only (build(write=False)): the stages before render, for corpora too big to render")
    args = parser.parse_args(argv)

    from generator.build import build  # imported here: its import time is reported apart
    from generator.errors import BuildError
    imported = time.perf_counter()
    options, ignored = build_options(build, args.jobs, args.no_cache)
    stages: list[dict[str, Any]] = []
    cpu = [cpu_seconds()]

    def on_stage(name: str, seconds: float) -> None:
        now = cpu_seconds()
        stages.append({"stage": name, "seconds": round(seconds, 4), "cpu_s": round(now - cpu[0], 3),
                       "peak_rss_mb": round(peak_rss_mb(), 1)})
        cpu[0] = now

    def run():
        return build(args.root, output=args.output, on_stage=on_stage, write=not args.no_write, **options)

    try:
        if args.profile:
            from .profiling import profile_call
            summary = profile_call(run, args.profile, f"cold build of {args.root} ({_count_documents(args.root)} "
                                                      f"documents) with options {options or 'none'}")
        else:
            summary = run()
    except BuildError as exc:
        print(json.dumps({"ok": False, "error": exc.report.format_text()[-4000:]}, ensure_ascii=False))
        return 1
    from .census import census, totals
    found = census(args.output) if args.output.exists() else {}
    pages = totals(c for name, c in found.items() if name.startswith("pages "))[0]
    files, size = totals(found.values())
    print(json.dumps({
        "ok": True, "stages": stages, "seconds": round(summary.seconds, 4),
        "cpu_s": round(sum(stage["cpu_s"] for stage in stages), 3),
        "import_seconds": round(imported - STARTED, 4), "pages": pages, "build_pages": summary.pages,
        "output_mb": round(size / 2**20, 2), "files": files, "rows": summary.rows, "peak_rss_mb": round(peak_rss_mb(), 1),
        "warnings": len(summary.report.warnings) if hasattr(summary.report, "warnings") else None,
        "options": options, "ignored": ignored, "census": found,
    }, ensure_ascii=False))
    return 0


def _count_documents(root: Path) -> int:
    return sum(1 for _ in (root / "content/documents").glob("*.md"))


if __name__ == "__main__":
    sys.exit(main())
