"""Zip archives whose bytes depend only on their contents (fixed times, sorted names)."""

from __future__ import annotations

import shutil
import zipfile
from datetime import datetime, timezone
from pathlib import Path


def archive(files: dict[str, Path | bytes], epoch: int, target: Path, stored: tuple[str, ...] = ()) -> None:
    """Write a zip of `files` (name → a file to copy, or bytes) at `target`, every entry dated
    `epoch`; names ending in `stored` (compressed already: formats.stored_extensions) are not
    deflated again. Files are streamed in chunks: the archive is never held in memory."""
    stamp = datetime.fromtimestamp(max(epoch, 315532800), tz=timezone.utc).timetuple()[:6]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED if stored and name.endswith(stored) else zipfile.ZIP_DEFLATED
            source = files[name]
            if isinstance(source, bytes):
                bundle.writestr(info, source)
                continue
            info.file_size = source.stat().st_size  # known in advance: the same header as writestr
            with open(source, "rb") as data, bundle.open(info, "w") as entry:
                shutil.copyfileobj(data, entry, 1 << 20)
