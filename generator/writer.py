"""The one place files are written: never outside the output folder, never twice."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from .errors import Report


class Writer:
    """Writes site files under `root`; refuses `../` escapes and two outputs at one path."""

    def __init__(self, root: Path, report: Report):
        self.root = root
        self.report = report
        self.written: dict[str, str] = {}
        self._folders: set[Path] = set()

    def write(self, path: str, data: str | bytes, source: str = "build") -> bool:
        """Write `data` at site path `path` (e.g. `documents/x/index.html`); False if refused."""
        target = self._claim(path, source)
        if target is None:
            return False
        if isinstance(data, str):
            data = data.encode("utf-8")
        target.write_bytes(data)
        return True

    def claim(self, path: str, source: str = "build") -> Path | None:
        """The file to write site path `path` to, for a writer that streams it; None if refused."""
        return self._claim(path, source)

    def link(self, path: str, existing: Path, source: str = "build") -> bool:
        """Publish the bytes of `existing` (a cached page) at `path`: a hard link, else a copy."""
        target = self._claim(path, source)
        if target is None:
            return False
        try:
            os.link(existing, target)
        except OSError:
            shutil.copyfile(existing, target)
        return True

    def _claim(self, path: str, source: str) -> Path | None:
        """The file for site path `path`, its folder made; None (and a problem) if refused."""
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in path:
            self.report.add(source, f"would write outside the output folder: {path}", "unsafe-path",
                            hint="ids and slugs may contain only lower-case letters, digits and hyphens")
            return None
        if path in self.written:
            self.report.add(source, f"two outputs at the same URL: {path} is also written by "
                                    f"{self.written[path]}", "duplicate-output",
                            hint="give one of them another id")
            return None
        self.written[path] = source
        target = self.root / pure
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        return target

    def paths(self) -> list[str]:
        return sorted(self.written)
