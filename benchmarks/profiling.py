"""Profile one build and write the top functions by cumulative time, for the optimiser.

pyinstrument (a statistical profiler) is used when installed; otherwise cProfile. Both slow
the build down (pyinstrument about 2× on this code, which makes millions of small Jinja
calls): read the proportions, not the absolute seconds.
"""

from __future__ import annotations

import cProfile
import io
import pstats
from pathlib import Path
from typing import Any, Callable

TOP = 40


def profile_call(call: Callable[[], Any], report: Path, title: str) -> Any:
    """Run `call` under a profiler, write the report to `report`, return what it returned."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        return _with_cprofile(call, report, title)
    profiler = Profiler(interval=0.001)
    profiler.start()
    try:
        result = call()
    finally:
        profiler.stop()
    session = profiler.last_session
    rows = _cumulative(session.root_frame())
    lines = [title, f"profiler: pyinstrument (sampling every 1 ms), {session.duration:.2f}s sampled", "",
             f"top {TOP} functions by cumulative time (a function's time counted once per stack, "
             "even when it recurses)", "",
             f"{'cumulative s':>12} {'self s':>8}  function (file:line)"]
    lines += [f"{cum:12.3f} {own:8.3f}  {name}" for name, cum, own in rows[:TOP]]
    lines += ["", "call tree (application code; library frames folded):", "",
              profiler.output_text(unicode=True, color=False, show_all=False)]
    report.write_text("\n".join(lines), "utf-8")
    return result


def _cumulative(root) -> list[tuple[str, float, float]]:
    """(function, cumulative s, self s) per function over the whole tree, largest first."""
    cumulative: dict[str, float] = {}
    own: dict[str, float] = {}

    def walk(frame, active: frozenset[str]) -> None:
        if frame.is_synthetic:  # pyinstrument's "[self]" and "[await]" leaves
            key = None
        else:
            key = f"{frame.function} ({frame.file_path_short}:{frame.line_no})"
        if key is not None:
            if key not in active:
                cumulative[key] = cumulative.get(key, 0.0) + frame.time
            own[key] = own.get(key, 0.0) + frame.total_self_time
            active = active | {key}
        for child in frame.children:
            walk(child, active)

    if root is not None:
        walk(root, frozenset())
    return sorted(((k, v, own.get(k, 0.0)) for k, v in cumulative.items()), key=lambda r: (-r[1], r[0]))


def _with_cprofile(call: Callable[[], Any], report: Path, title: str) -> Any:
    profiler = cProfile.Profile()
    try:
        result = profiler.runcall(call)
    finally:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(TOP)
        report.write_text(f"{title}\nprofiler: cProfile (deterministic; per-call overhead inflates small "
                          f"functions)\n\n{out.getvalue()}", "utf-8")
    return result
