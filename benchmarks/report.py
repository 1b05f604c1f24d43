"""Summarise repeated runs (medians) and print them as a readable table; keep the JSON."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

from .census import lines as census_lines


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 3) if values else None


def summarise(size: int, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over the repeats of one size (peak memory: the maximum)."""
    colds = [r["cold"] for r in runs if r.get("cold")]
    if not colds:
        return {}
    stage_names: list[str] = []
    for cold in colds:
        stage_names += [s["stage"] for s in cold["stages"] if s["stage"] not in stage_names]
    def of(name: str, key: str) -> list:
        return [s.get(key) for c in colds for s in c["stages"] if s["stage"] == name]

    stages = [{"stage": name, "seconds": median(of(name, "seconds")), "cpu_s": median(of(name, "cpu_s")),
               "peak_rss_mb": max(of(name, "peak_rss_mb"))} for name in stage_names]
    cold = median([c["seconds"] for c in colds])
    out: dict[str, Any] = {
        "stages": stages, "cold_s": cold, "cold_cpu_s": median([c.get("cpu_s") for c in colds]),
        "cold_process_s": median([c["process_s"] for c in colds]),
        "cold_process_cpu_s": median([c.get("process_cpu_s") for c in colds]),
        "max_load_before": max((r[k].get("load_before") or 0) for r in runs for k in r if r[k]),
        "peak_rss_mb": max(c["process_peak_rss_mb"] for c in colds),
        "pages": colds[0]["pages"], "output_mb": colds[0]["output_mb"], "files": colds[0].get("files"),
        "rows": colds[0]["rows"], "census": colds[0].get("census") or {},
    }
    cold_cpu = out["cold_process_cpu_s"]
    for key in ("nothing_changed", "one_edit", "one_cell"):
        value = median([r[key]["seconds"] for r in runs if r.get(key, {}).get("ok")])
        cpu = median([r[key].get("process_cpu_s") for r in runs if r.get(key, {}).get("ok")])
        out[f"{key}_s"], out[f"{key}_cpu_s"] = value, cpu
        out[f"{key}_pct_of_cold"] = round(100 * value / cold, 1) if value is not None and cold else None
        out[f"{key}_cpu_pct_of_cold"] = round(100 * cpu / cold_cpu, 1) if cpu is not None and cold_cpu else None
    pelicans = [r["pelican"] for r in runs if r.get("pelican") and r["pelican"].get("ok")]
    if pelicans:
        out["pelican_s"] = median([p["process_s"] for p in pelicans])
        out["pelican_cpu_s"] = median([p.get("process_cpu_s") for p in pelicans])
        out["pelican_peak_rss_mb"] = max(p["peak_rss_mb"] for p in pelicans)
        out["pelican_pages"] = pelicans[0]["pages"]
        out["ratio_ours_to_pelican"] = round(out["cold_process_s"] / out["pelican_s"], 2)
        if out["pelican_cpu_s"] and out["cold_process_cpu_s"]:
            out["cpu_ratio_ours_to_pelican"] = round(out["cold_process_cpu_s"] / out["pelican_cpu_s"], 2)
        out["pelican_s_per_document"] = round(out["pelican_s"] / size, 4)
    out["s_per_document"] = round(cold / size, 4)
    return out


def table(entry: dict[str, Any]) -> str:
    """The per-size table: stages, then the totals."""
    size, s, corpus = entry["documents"], entry["summary"], entry["corpus"]
    lines = [f"== {size:,} documents · corpus {corpus['markdown_mb']:.1f} MB Markdown "
             f"({corpus['mean_document_kb']:.1f} KB/document), {corpus['csv_rows']:,} CSV rows, "
             f"generated in {corpus['seconds']:.1f} s · {entry['repeat']} run(s), medians =="]
    if not s:
        return "\n".join(lines + [f"no successful build: {entry.get('error', '?')}"])
    lines += ["", f"{'stage':<14}{'seconds':>10}{'CPU s':>10}{'peak RSS MB':>14}"]
    lines += [f"{st['stage']:<14}{st['seconds']:>10.2f}{_num(st.get('cpu_s')):>10}{st['peak_rss_mb']:>14.0f}"
              for st in s["stages"]]
    lines += [f"{'build total':<14}{s['cold_s']:>10.2f}{_num(s.get('cold_cpu_s')):>10}{s['peak_rss_mb']:>14.0f}", ""]
    rows = [
        ("pages", f"{s['pages']:,}"),
        ("output", f"{s['output_mb']:.1f} MB" + (f" in {s['files']:,} files: {1024 * s['output_mb'] / size:.0f} KB and "
                                                 f"{s['files'] / size:.1f} files a document" if s.get("files") else "")),
        ("rows", f"{s['rows']:,}"),
        ("cold build", f"{s['cold_s']:.1f} s (whole process {s['cold_process_s']:.1f} s, "
                       f"CPU {_num(s.get('cold_process_cpu_s'), 1)} s, peak {s['peak_rss_mb']:.0f} MB)"),
        ("rebuild, nothing changed", _rebuild(s, "nothing_changed")),
        ("rebuild, one document edited", _rebuild(s, "one_edit")),
        ("rebuild, one figure's note edited", _rebuild(s, "one_cell")),
    ]
    if "pelican_s" in s:
        rows += [(f"Pelican {entry.get('pelican_version') or ''}".strip(),
                  f"{s['pelican_s']:.1f} s (whole process, CPU {_num(s.get('pelican_cpu_s'), 1)} s, "
                  f"peak {s['pelican_peak_rss_mb']:.0f} MB, {s['pelican_pages']:,} pages)"),
                 ("ours / Pelican", f"{s['ratio_ours_to_pelican']:.1f}× wall, "
                                    f"{_num(s.get('cpu_ratio_ours_to_pelican'), 1)}× CPU (whole process each)")]
    per_doc = f"{s['s_per_document']:.3f} s ours"
    if "pelican_s_per_document" in s:
        per_doc += f", {s['pelican_s_per_document']:.3f} s Pelican"
    rows.append(("seconds per document", per_doc))
    if entry.get("build_options") or entry.get("ignored_flags"):
        rows.append(("build options", f"{entry.get('build_options') or 'none'}; "
                                      f"not accepted by this build: {', '.join(entry.get('ignored_flags') or []) or 'none'}"))
    rows.append(("load average before runs", f"up to {s.get('max_load_before')} on {entry['machine'].get('cores')} "
                                             "cores (above the core count, wall times are inflated)"))
    lines += [f"{name:<34}{value}" for name, value in rows]
    if s.get("census"):
        lines += ["", *census_lines(s["census"], size, top=12)]
    lines += ["", *targets(size, s)]
    return "\n".join(lines)


# Issue 22's targets, each with how it is read off a summary (None: not measured).
TARGETS = [
    ("output a document", "≤ 300 KB", lambda n, s: 1024 * s["output_mb"] / n, "{:,.0f} KB", 300),
    ("files a document", "≤ 8", lambda n, s: s["files"] / n if s.get("files") else None, "{:.1f}", 8),
    ("cold build / Pelican (wall)", "≤ 3×", lambda n, s: s.get("ratio_ours_to_pelican"), "{:.1f}×", 3),
    ("rebuild, nothing changed / cold", "≤ 5%", lambda n, s: s.get("nothing_changed_pct_of_cold"), "{:.1f}%", 5),
    ("rebuild, one document edited", "≤ 8 s", lambda n, s: s.get("one_edit_s"), "{:.1f} s", 8),
    ("peak memory", "≤ 1,024 MB at 10,000", lambda n, s: s.get("peak_rss_mb") if n == 10_000 else None,
     "{:,.0f} MB", 1024),
]


def verdicts(size: int, s: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(target, measured, wanted, verdict) of each of issue 22's targets against one size's figures."""
    out = []
    for name, wanted, read, shown, limit in TARGETS:
        value = read(size, s)
        verdict = "not measured at this size" if value is None else "met" if value <= limit else "not met"
        out.append((name, "-" if value is None else shown.format(value), wanted, verdict))
    return out


def targets(size: int, s: dict[str, Any]) -> list[str]:
    """Issue 22's targets as lines of the report."""
    return [f"{'issue 22 target':<34}{'measured':>12}  {'target':<22}"] + [
        f"{name:<34}{value:>12}  {wanted:<22}{verdict}" for name, value, wanted, verdict in verdicts(size, s)]


def _num(value: float | None, digits: int = 2) -> str:
    return "?" if value is None else f"{value:.{digits}f}"


def _rebuild(s: dict[str, Any], key: str) -> str:
    if s.get(f"{key}_s") is None:
        return "not measured"
    text = f"{s[f'{key}_s']:.1f} s ({s[f'{key}_pct_of_cold']:.0f}% of cold)"
    if s.get(f"{key}_cpu_s") is not None:
        text += f", CPU {s[f'{key}_cpu_s']:.1f} s ({s[f'{key}_cpu_pct_of_cold']:.0f}% of cold CPU)"
    return text


def load(path: Path) -> list[dict[str, Any]]:
    """The entries of a results file, re-summarised from their raw runs."""
    entries = json.loads(path.read_text("utf-8")).get("sizes", [])
    for entry in entries:
        entry["summary"] = summarise(entry["documents"], [r for r in entry.get("runs", [])
                                                          if r.get("cold", {}).get("ok")])
    return entries


def save(path: Path, entries: list[dict[str, Any]], header: dict[str, Any]) -> None:
    """Write the results, keeping earlier entries for sizes not measured this time."""
    previous: list[dict[str, Any]] = []
    if path.exists():
        try:
            previous = json.loads(path.read_text("utf-8")).get("sizes", [])
        except (ValueError, AttributeError):
            previous = []
    measured = {e["documents"] for e in entries}
    merged = sorted([e for e in previous if e.get("documents") not in measured] + entries,
                    key=lambda e: e["documents"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**header, "sizes": merged}, ensure_ascii=False, indent=1) + "\n", "utf-8")
