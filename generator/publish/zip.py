"""Zip archives whose bytes depend only on their contents (fixed times, sorted names)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone


STORED = (".xlsx", ".parquet", ".zip")  # compressed already: deflating them again costs time, saves nothing


def archive(files: dict[str, bytes], epoch: int) -> bytes:
    """A zip of `files` (name → bytes), every entry dated `epoch`."""
    stamp = datetime.fromtimestamp(max(epoch, 315532800), tz=timezone.utc).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
            bundle.writestr(info, files[name])
    return out.getvalue()
