"""How long the review page takes to answer an accept: `python -m generator.curation.review_bench`.

On a scratch copy of the project, N curated targets are taken out of targets.csv; a real
`python build.py serve` (on a free port) is asked to accept them back one at a time, through
HTTP with the page's token, at a reviewer's pace (one a second, while the server rebuilds the
site after each), and the time of each answer is printed. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ("site.yaml", "content", "datasets", "templates")
TARGETS = "datasets/cchc/targets.csv"


def take_out(root: Path, ids: list[str]) -> dict[str, str]:
    """Remove the rows `ids` (one line each) from targets.csv; their lines, by id."""
    path = root / TARGETS
    lines = path.read_bytes().decode("utf-8").split("\n")
    taken = {line.split(",", 1)[0]: line for line in lines if line.split(",", 1)[0] in ids}
    if sorted(taken) != sorted(ids) or any(len(list(csv.reader([taken[i]]))) != 1 for i in ids):
        raise SystemExit(f"not all of {ids} are one-line rows of {TARGETS}")
    path.write_bytes("\n".join(line for line in lines if line not in taken.values()).encode("utf-8"))
    return taken


def start(root: Path, log: Path) -> tuple[subprocess.Popen, int]:
    """`python build.py serve --port 0` on `root`; the process and the port it chose."""
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(root), "serve",
                                    "--port", "0"], stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        found = re.search(r"serving http://127\.0\.0\.1:(\d+)/", log.read_text("utf-8"))
        if found:
            return process, int(found.group(1))
        time.sleep(0.2)
    process.terminate()
    raise SystemExit(log.read_text("utf-8"))


def call(port: int, method: str, path: str, headers: dict[str, str], body: bytes | None = None) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    answer = response.status, response.read().decode("utf-8")
    connection.close()
    return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--document", default="long-phu-53-2022")
    parser.add_argument("--rows", type=int, default=10)
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between accepts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        root.mkdir()
        for name in INPUTS:
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, root / name)
        with (root / TARGETS).open(encoding="utf-8", newline="") as handle:
            ids = [row["id"] for row in csv.DictReader(handle) if row["document"] == args.document][-args.rows:]
        lines = take_out(root, ids)
        header = next(csv.reader([(root / TARGETS).read_text("utf-8").split("\n", 1)[0]]))
        process, port = start(root, Path(folder) / "serve.log")
        try:
            own = {"Host": f"127.0.0.1:{port}", "Origin": f"http://127.0.0.1:{port}"}
            _, page = call(port, "GET", f"/_review/{args.document}/", own)
            token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
            times = []
            for row_id in ids:
                values = dict(zip(header, next(csv.reader([lines[row_id]]))))
                body = json.dumps({"table": "targets", "values": values}).encode("utf-8")
                started = time.perf_counter()
                status, answer = call(port, "POST", f"/_review/{args.document}/accept",
                                      {**own, "X-CSRF-Token": token, "Content-Type": "application/json"}, body)
                times.append(time.perf_counter() - started)
                if status != 200:
                    raise SystemExit(f"{row_id}: {status} {answer}")
                time.sleep(args.pause)
        finally:
            process.terminate()
            process.wait(timeout=30)
    ms = sorted(t * 1000 for t in times)
    print(f"{len(ms)} accepts on {args.document}: first {times[0] * 1000:.0f} ms, "
          f"median {statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms ({', '.join(f'{t * 1000:.0f}' for t in times)})")


if __name__ == "__main__":
    main()
