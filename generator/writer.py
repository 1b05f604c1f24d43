"""The one place files are written: never outside the output folder, never twice.

A build may write into a *recycled* folder: the site before last, whose folders (tens of
thousands at national scale, each costly to create) are kept. There a file is never
written into (it may be a hard link to a cached page): it is replaced, a link to the same
bytes is left as it is, and `finish` removes every file this build did not write. With no
such folder (the first build after a cold one), a forked process makes the current site's
folders in the new one while the build goes on (`folders_of`), and the folder is then
treated as recycled.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
from pathlib import Path, PurePosixPath

from .errors import Report


class Writer:
    """Writes site files under `root`; refuses `../` escapes and two outputs at one path."""

    def __init__(self, root: Path, report: Report, recycled: bool = False, folders_of: Path | None = None):
        self.root = root
        self.report = report
        self.recycled = recycled  # `root` holds an earlier build's files or folders
        self.written: dict[str, str] = {}
        self._folders: set[Path] = set()
        self._maker = None  # the process making the folders of `folders_of` under `root`
        if folders_of is not None and hasattr(os, "fork"):
            self._maker = _make_folders_like(folders_of, root)
            self.recycled = True

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, *exc) -> None:
        """Stop making folders (a failed build's folder is renamed or removed next)."""
        if self._maker is not None:
            os.kill(self._maker, signal.SIGKILL)
            self.settle()

    def settle(self) -> None:
        """Wait until every folder being made in the background is made."""
        if self._maker is not None:
            os.waitpid(self._maker, 0)
            self._maker = None

    def write(self, path: str, data: str | bytes, source: str = "build") -> bool:
        """Write `data` at site path `path` (e.g. `documents/x/index.html`); False if refused."""
        target = self._claim(path, source)
        if target is None:
            return False
        if isinstance(data, str):
            data = data.encode("utf-8")
        self._clear(target)
        target.write_bytes(data)
        return True

    def move(self, path: str, file: Path, source: str = "build") -> bool:
        """Publish `file` (written beside the staging folder, on its disk) at `path` by renaming
        it; False if refused (the file is then removed)."""
        target = self._claim(path, source)
        if target is None:
            file.unlink(missing_ok=True)
            return False
        self._clear(target)
        os.replace(file, target)
        return True

    def claim(self, path: str, source: str = "build") -> Path | None:
        """The file to write site path `path` to, for a writer that streams it; None if refused."""
        target = self._claim(path, source)
        if target is not None:
            self._clear(target)
        return target

    def link(self, path: str, existing: Path, source: str = "build") -> bool:
        """Publish the bytes of `existing` (a cached page) at `path`: a hard link, else a copy."""
        target = self._claim(path, source)
        if target is None:
            return False
        if self.recycled:
            try:
                found, wanted = os.lstat(target), os.stat(existing)
            except FileNotFoundError:
                pass
            else:
                if stat.S_ISREG(found.st_mode) and (found.st_ino, found.st_dev) == (wanted.st_ino, wanted.st_dev):
                    return True  # already these bytes
                self._clear(target)
        link_or_copy(existing, target)
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
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except (FileExistsError, NotADirectoryError):  # a recycled file where a folder goes
                self._make_folder(target.parent)
            self._folders.add(target.parent)
        return target

    def _make_folder(self, folder: Path) -> None:
        for parent in [*reversed(folder.relative_to(self.root).parents), folder.relative_to(self.root)]:
            path = self.root / parent
            if path.is_file() or path.is_symlink():
                path.unlink()
        folder.mkdir(parents=True, exist_ok=True)

    def _clear(self, target: Path) -> None:
        """In a recycled folder, remove what an earlier build left where `target` goes."""
        if not self.recycled:
            return
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        except (IsADirectoryError, PermissionError):  # a folder then, a file now
            self.settle()  # or it could be made again before the file is written
            shutil.rmtree(target)

    def finish(self) -> int:
        """Remove every file and folder of a recycled folder that this build did not write; how many files."""
        if not self.recycled:
            return 0
        self.settle()
        removed, kept = 0, set()  # kept: folders (relative paths) that hold something of this build
        for folder, folders, files in os.walk(self.root, topdown=False):
            base = Path(folder).relative_to(self.root).as_posix()
            prefix = "" if base == "." else base + "/"
            for name in files:
                if prefix + name in self.written:
                    kept.add(base)
                else:
                    os.unlink(os.path.join(folder, name))
                    removed += 1
            for name in folders:
                if prefix + name in kept:
                    kept.add(base)
                    continue
                try:
                    os.rmdir(os.path.join(folder, name))  # emptied above
                except NotADirectoryError:  # a link to a folder
                    os.unlink(os.path.join(folder, name))
        return removed

    def paths(self) -> list[str]:
        return sorted(self.written)

    def size(self) -> int:
        """The bytes of every file this build wrote (what a host is asked to publish)."""
        root = str(self.root)
        return sum(os.stat(os.path.join(root, path)).st_size for path in self.written)


def _make_folders_like(source: Path, target: Path) -> int:
    """Fork a process that makes every folder of `source` under `target` (top down, each
    with one `mkdir`: should `target` be renamed away, it stops rather than making it
    again); its process id."""
    pid = os.fork()
    if pid:
        return pid
    try:
        for folder, _, _ in os.walk(source):
            relative = os.path.relpath(folder, source)
            if relative != ".":
                try:
                    os.mkdir(os.path.join(target, relative))
                except FileExistsError:
                    pass
    except BaseException:  # noqa: BLE001 - a folder it did not make, the writer makes
        pass
    finally:
        os._exit(0)


def link_or_copy(source: Path, target: Path) -> None:
    """`target` with the bytes of `source`: a hard link (no copy, the same file), or a copy
    where links cannot be made (another disk)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
