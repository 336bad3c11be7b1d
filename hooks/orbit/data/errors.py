"""Data problems and how editors read them: `file:line: field.path: what is wrong`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, located as precisely as we know."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class DataError(Exception):
    """Every problem found in one pass over the data; the hooks turn it into a PluginError."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the site data:"
        super().__init__("\n".join([header, *(f"  - {problem}" for problem in problems)]))


def dotted(path: tuple[str | int, ...]) -> str:
    """Join a field path the way editors write it: `comments.3.rating`."""
    return ".".join(str(part) for part in path)
