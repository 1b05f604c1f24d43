"""Work spread over forked processes, for the stages that write many independent files
(the search pages, the per-page downloads). Page rendering has its own, windowed, pool
(engine.py): it must hand every page back to the one writer in order.
"""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, TypeVar

from .errors import BuildError, Report

T = TypeVar("T")
R = TypeVar("R")


def fork_map(function: Callable[[T], R], items: list[T], jobs: int, report: Report, stage: str) -> list[R]:
    """`function(item)` for every item, in order: in `jobs` forked processes, which inherit
    everything built so far (so `function` reads its inputs from module state set before the
    call), or here when one process is asked for or fork is not available.

    A worker killed by the system (most often for want of memory) ends the build with one
    line naming the stage, never a traceback.
    """
    if jobs <= 1 or len(items) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    gc.collect()
    gc.freeze()  # the workers only read what is built so far: keep the collector from copying it
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(function, items))
    except BrokenProcessPool:
        report.add(stage, "a worker process was killed before it finished (out of memory?)", stage,
                   hint="build with --jobs 1 (one process needs less memory), or with more memory")
        raise BuildError(report) from None
    finally:
        gc.unfreeze()


def slices(count: int, jobs: int) -> list[tuple[int, int]]:
    """`range(count)` cut into about four slices per process, as (start, stop) pairs."""
    size = max(1, -(-count // (4 * max(1, jobs))))
    return [(start, min(start + size, count)) for start in range(0, count, size)]
