"""One error type for every problem a build can find, and the report that collects them.

A `Problem` is a value (file, line, field, code, message, hint, severity); stages add
problems to a `Report` and carry on where they can, so one run lists everything that
is wrong. Only the CLI turns a report into text and exit codes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the input allows."""

    file: str
    message: str
    code: str
    line: int | None = None
    field: str | None = None
    hint: str | None = None
    severity: str = ERROR

    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def format(self) -> str:
        """`file:line: field: message (hint: …)`, the form editors jump to."""
        text = f"{self.location()}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        if self.severity == WARNING:
            text = f"warning: {text}"
        return text

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.field or "", self.code, self.message)


@dataclass
class Report:
    """Every problem found in one run."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, file: str, message: str, code: str, **where) -> None:
        self.problems.append(Problem(file=file, message=message, code=code, **where))

    def warn(self, file: str, message: str, code: str, **where) -> None:
        self.add(file, message, code, severity=WARNING, **where)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

    def check(self, strict: bool = False) -> None:
        """Stop the build if anything blocking was found so far."""
        if self.failed(strict):
            raise BuildError(self)

    def grouped(self) -> dict[str, list[Problem]]:
        """Problems by file, each file's problems in line order, without duplicates."""
        groups: dict[str, list[Problem]] = {}
        for problem in sorted(set(self.problems), key=Problem.sort_key):
            groups.setdefault(problem.file, []).append(problem)
        return groups

    def format_text(self, strict: bool = False) -> str:
        """Every problem, sorted by file and line, then the counts (saying when warnings failed the build)."""
        lines: list[str] = []
        for problems in self.grouped().values():
            lines.extend(p.format() for p in problems)
        errors, warnings = len(set(self.errors)), len(set(self.warnings))
        lines.append(f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
                     + (" (--strict: warnings fail the build)" if strict and warnings else ""))
        return "\n".join(lines)

    def format_json(self) -> str:
        problems = [asdict(p) for ps in self.grouped().values() for p in ps]
        summary = {"errors": len(set(self.errors)), "warnings": len(set(self.warnings))}
        return json.dumps({"problems": problems, **summary}, ensure_ascii=False, indent=2)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


class BuildError(Exception):
    """The build cannot produce a correct site; `report` says why."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__(report.format_text())
