"""Run a command and measure it the same way for every tool: wall time and the peak RSS
of that process tree (os.wait4 gives the child's own rusage, including the children it
reaped), plus the machine the figures come from."""

from __future__ import annotations

import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path


@dataclass
class Measured:
    wall: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str
    cpu: float = 0.0  # user + system seconds of the process tree: robust when the machine is shared
    load_before: float | None = None  # 1-minute load average when it started
    timed_out: bool = False


def run_measured(command: list[str], cwd: Path, timeout: float | None = None) -> Measured:
    """Run `command` in `cwd`; its own peak memory comes from wait4, not from our rusage
    (RUSAGE_CHILDREN would be the maximum over every child this runner ever waited for)."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - started > timeout:
                os.killpg(process.pid, signal.SIGKILL)  # the whole tree: a pool's workers too
                timed_out = True
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(wall, usage.ru_maxrss / 1024, process.returncode,
                        out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                        usage.ru_utime + usage.ru_stime, round(load, 2), timed_out)


def machine() -> dict[str, object]:
    """CPU model, cores, RAM, Python and OS, and when: printed with every set of figures."""
    cpu = "unknown"
    memory_gb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return {
        "cpu": cpu, "cores": os.cpu_count(), "ram_gb": memory_gb,
        "python": platform.python_version(), "os": f"{platform.system()} {platform.release()}",
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def describe(info: dict[str, object]) -> str:
    return (f"{info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM, Python {info['python']}, "
            f"{info['os']}, {info['date']}")


def git_commit(folder: Path) -> str | None:
    """The commit the figures were measured at (with '+dirty' when the tree has changes)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                                ":(exclude)benchmarks/results"], cwd=folder,
                               capture_output=True, text=True).stdout.strip()  # our own results don't count
        return head + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


PYTHON = sys.executable
