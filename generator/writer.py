"""The one place files are written: never outside the output folder, never twice."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .errors import Report


class Writer:
    """Writes site files under `root`; refuses `../` escapes and two outputs at one path."""

    def __init__(self, root: Path, report: Report):
        self.root = root
        self.report = report
        self.written: dict[str, str] = {}

    def write(self, path: str, data: str | bytes, source: str = "build") -> bool:
        """Write `data` at site path `path` (e.g. `documents/x/index.html`); False if refused."""
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in path:
            self.report.add(source, f"would write outside the output folder: {path}", "unsafe-path",
                            hint="ids and slugs may contain only lower-case letters, digits and hyphens")
            return False
        if path in self.written:
            self.report.add(source, f"two outputs at the same URL: {path} is also written by "
                                    f"{self.written[path]}", "duplicate-output",
                            hint="give one of them another id")
            return False
        self.written[path] = source
        target = self.root / pure
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        target.write_bytes(data)
        return True

    def paths(self) -> list[str]:
        return sorted(self.written)
