"""Work spread over forked processes: `fork_map` for the stages that write many independent
files (the search pages, the per-page downloads), `LazyPool` for the documents' reading (a
task at a time, as they are read). Page rendering has its own, windowed, pool (engine.py): it
must hand every page back to the one writer in order.
"""

from __future__ import annotations

import gc
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from typing import Any, Callable, Iterator, TypeVar

from .errors import BuildError, Report

T = TypeVar("T")
R = TypeVar("R")
_SHARED: Any = None  # what fork_map's function reads (see shared), inherited by the workers


def fork_map(function: Callable[[T], R], items: list[T], jobs: int, report: Report, stage: str,
             state: Any = None) -> list[R]:
    """`function(item)` for every item, in order: in `jobs` forked processes, which inherit
    everything built so far, or here when one process is asked for or fork is not available.
    `function` reads `state` as `shared()` (a module-level function: only the item is sent).
    """
    global _SHARED
    _SHARED = state  # set before the pool forks: its workers inherit it
    try:
        with LazyPool(jobs, report, stage, "a worker process") as pool:
            tasks = [pool.submit(function, item, small=len(items) < 2) for item in items]
            return [task.result() for task in tasks]
    finally:
        _SHARED = None


class LazyPool:
    """Work handed, a task at a time, to `jobs` forked processes started at the first task (a
    stage with nothing to hand out forks none), or done here at once with one job or no fork.
    For a stage that reads its inputs as it goes: its workers are forked once, early and small,
    and each task carries its own input."""

    def __init__(self, jobs: int, report: Report, stage: str, what: str):
        self.jobs, self.report, self.stage, self.what = jobs, report, stage, what
        self._stack = ExitStack()
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, function: Callable[..., R], *args: Any, small: bool = False) -> "Future[R]":
        """`function(*args)` as a future; done here when it is `small` and no worker is started yet
        (one edited document is not worth forking for)."""
        if self.jobs <= 1 or (small and self._pool is None) or "fork" not in multiprocessing.get_all_start_methods():
            done: Future = Future()
            done.set_result(function(*args))
            return done
        if self._pool is None:
            self._stack.enter_context(forked(self.report, self.stage, self.what))
            self._pool = self._stack.enter_context(
                ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("fork")))
        return self._pool.submit(function, *args)

    def __enter__(self) -> "LazyPool":
        return self

    def __exit__(self, *exc) -> bool | None:
        return self._stack.__exit__(*exc)


def shared() -> Any:
    """The `state` of the fork_map call this process is working for."""
    return _SHARED


@contextmanager
def forked(report: Report, stage: str, what: str) -> Iterator[None]:
    """Around work in forked processes: what is built so far is frozen out of the collector's
    reach (so the workers' collections do not write to, and so copy, the pages they share with
    us), and a worker killed by the system (most often for want of memory) ends the build with
    one line naming `what` was killed, never a traceback."""
    gc.collect()
    gc.freeze()
    try:
        yield
    except BrokenProcessPool:
        report.add(stage, f"{what} was killed before it finished (out of memory?)", stage,
                   hint="build with --jobs 1 (one process needs less memory), or with more memory")
        raise BuildError(report) from None
    finally:
        gc.unfreeze()


def slices(count: int, jobs: int) -> list[tuple[int, int]]:
    """`range(count)` cut into about four slices per process, as (start, stop) pairs."""
    size = max(1, -(-count // (4 * max(1, jobs))))
    return [(start, min(start + size, count)) for start in range(0, count, size)]
