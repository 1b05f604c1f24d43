"""Generate a realistic synthetic corpus in the project's own format.

    python -m benchmarks.corpus --documents 2000 --seed 1 OUT_FOLDER

writes a complete project (site.yaml, content/, datasets/cchc/, templates/) that the
build accepts. The contract (CSV headers, resources, front-matter keys), the templates,
the settings and the about pages are taken from the project being benchmarked at run
time, so the corpus follows the contract as it grows. Same seed, same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from .codelists import children_of, make_indicators, make_places, real_places, shape
from .contract import copied_rows, generated_resources, row_cells, write_csv
from .documents import Generated, World, make_document
from .figures import Subject
from .harvest import Source, plain, read_source

PROJECT = Path(__file__).resolve().parent.parent


@dataclass
class CorpusInfo:
    """What was generated, for the benchmark report."""

    documents: int
    seed: int
    markdown_bytes: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def mean_document_kb(self) -> float:
        return self.markdown_bytes / max(1, self.documents) / 1024


def generate(target: Path, documents: int, seed: int = 1, project: Path = PROJECT) -> CorpusInfo:
    """Write a corpus of `documents` documents into `target` (emptied first)."""
    started = time.perf_counter()
    source = read_source(project)
    if target.exists():
        shutil.rmtree(target)
    _copy_project_files(project, target)
    world = _world(source, seed, documents)
    info = CorpusInfo(documents, seed)
    folder = target / "content/documents"
    folder.mkdir(parents=True, exist_ok=True)
    generated: list[Generated] = []
    for index in range(documents):
        doc = make_document(index, world)
        data = doc.text.encode("utf-8")
        (folder / f"{doc.id}.md").write_bytes(data)
        info.markdown_bytes += len(data)
        generated.append(doc)
    info.rows = _write_tables(source, world, generated, target / "datasets/cchc")
    info.seconds = time.perf_counter() - started
    return info


def _copy_project_files(project: Path, target: Path) -> None:
    """Settings, templates, plain pages, the cchc descriptor and any other data package."""
    target.mkdir(parents=True)
    shutil.copy2(project / "site.yaml", target / "site.yaml")
    shutil.copytree(project / "templates", target / "templates")
    if (project / "content/pages").is_dir():
        shutil.copytree(project / "content/pages", target / "content/pages")
    (target / "datasets/cchc").mkdir(parents=True)
    shutil.copy2(project / "datasets/cchc/datapackage.yaml", target / "datasets/cchc/datapackage.yaml")
    for package in sorted((project / "datasets").iterdir()):
        if package.is_dir() and package.name != "cchc":
            shutil.copytree(package, target / "datasets" / package.name)


def _world(source: Source, seed: int, documents: int) -> World:
    """Code lists and the real material every document draws from."""
    rng = random.Random(f"{seed}:codelists")
    districts, communes, variants = shape(documents)
    places = make_places(rng, districts, communes)
    places += real_places(source.rows("places"), {p.id for p in places})
    indicators = make_indicators(source.rows("indicators"), variants)
    free = [Subject("", r["area"], r["statement"], r["statement_en"], r["unit"], "increase")
            for r in source.rows("results")
            if not r.get("indicator") and not re.search(r"\d", r["statement"]) and plain(r["statement"]) == r["statement"]]
    tasks = [(r["task"], r.get("area", "")) for r in source.rows("assignments") if len(r["task"]) <= 110]
    areas = {r["id"]: r["name_vi"] for r in source.rows("areas")}
    return World(source, places, children_of(places), indicators, free, tasks, areas, seed)


def _write_tables(source: Source, world: World, docs: list[Generated], folder: Path) -> dict[str, int]:
    """Every CSV resource of the real package, with the real header; returns rows per file."""
    objects = {
        "places": world.places,
        "indicators": world.indicators,
        "targets": [t for d in docs for t in d.targets],
        "results": [r for d in docs for r in d.results],
        "assignments": [a for d in docs for a in d.assignments],
    }
    keys = {name: {o.id for o in rows} for name, rows in objects.items()}
    keys["documents"] = {d.id for d in docs}
    counts = {}
    for name, resource in source.resources.items():
        if resource.generated or not resource.path:
            continue
        if name in generated_resources():
            rows = [row_cells(resource, obj, i) for i, obj in enumerate(objects.get(name, []))]
        else:
            rows = copied_rows(resource, keys)
        write_csv(folder / resource.path, resource.header, rows)
        counts[name] = len(rows)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate a synthetic corpus in the project's format.")
    parser.add_argument("target", type=Path, help="folder to write (emptied first)")
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    info = generate(args.target, args.documents, args.seed)
    print(f"{info.documents} documents ({info.mean_document_kb:.1f} KB each), "
          f"{sum(info.rows.values())} rows {info.rows} in {info.seconds:.1f}s → {args.target}")


if __name__ == "__main__":
    main()
