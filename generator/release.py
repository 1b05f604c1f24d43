"""The data release (`version`, `created` in a data package) must not go stale silently.

`created` is written by hand ("data last changed" on every page), so the package also records
`x-data-fingerprint`, a hash of every validated table cell by cell (the document catalogue from
the front matter included). When the data no longer matches it, the build warns (and `--strict`
fails) until a curator bumps the release: the warning gives the new fingerprint to record. The
date shown stays the one the curators chose; it never comes from the clock, so builds are
reproducible.
"""

from __future__ import annotations

import hashlib

from .errors import Report

KEY = "x-data-fingerprint"


def data_fingerprint(dataset) -> str:
    """`sha256:` and 16 hex digits standing for every table of `dataset`, cell by cell."""
    hasher = hashlib.sha256()
    for name in sorted(dataset.tables):
        hasher.update(f"{name}\0{dataset.tables[name].hash}\0".encode())
    return "sha256:" + hasher.hexdigest()[:16]


def check_release(datasets: list, report: Report) -> None:
    """Warn about every data package whose data changed since its recorded release."""
    for dataset in datasets:
        descriptor = dataset.descriptor
        fingerprint = data_fingerprint(dataset)
        if descriptor.get(KEY) != fingerprint:
            report.warn(f"datasets/{dataset.folder}/datapackage.yaml",
                        f"the data changed since release {descriptor.get('version')} of {descriptor.get('created')}"
                        " (pages still say the data last changed then)", "release", field=KEY,
                        hint=f"bump version, set created to the day the data changed, and {KEY}: {fingerprint}")
