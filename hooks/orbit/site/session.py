"""A `mkdocs serve` session: what each build needs from the last one, whichever engine runs it.

The session keeps the last good build (`incremental.Memory`) and this build's plan: which pages
are converted and written again, where every page is written, and the titles and mentions that
pages not converted keep, and which generated files it need not write again. Once the pages
are written, it remembers the build for the next one. The engine's glue (MkDocs' files, its
dirty build, its search plugin's index) is the driver's: `hooks/orbit_mkdocs.py`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .build import Build
from .incremental import Memory, Plan, Snapshot, plan


@dataclass
class Session:
    """A serve session: what the next build needs from the last one."""

    dirty: bool  # `--dirty`: the engine rebuilds only the pages our plan marks as modified
    memory: Memory | None = None  # the last good build
    compiled: dict[str, bytes] = field(default_factory=dict)  # the theme's templates, compiled once per session
    error: str | None = None  # the problems that stop the build, shown in the browser
    plan: Plan | None = None  # this build's: what it rebuilds
    rebuild: set[str] = field(default_factory=set)  # this build's pages to convert and write again
    snapshot: Snapshot | None = None  # this build's, before any page is converted
    titles: dict[str, str] = field(default_factory=dict)  # this build's page titles
    dests: dict[str, str] = field(default_factory=dict)  # this build's pages: where each is written
    hashes: tuple[tuple, set[str]] | None = None  # the policy's script hashes, and what they were made from
    written: dict[Path, tuple[bytes, int]] = field(default_factory=dict)  # generated files: bytes' digest, copy's mtime
    writing: dict[Path, bytes] = field(default_factory=dict)  # this build's generated files: their bytes' digest

    def plan_build(
        self, build: Build, setup: bytes, nav: list, sources: dict[str, str], modified: list[str], dests: dict[str, str]
    ) -> Plan:
        """What this build converts and writes again; `modified` are editors' pages changed on disk."""
        self.snapshot = build.snapshot(setup, nav, sources)
        self.dests = dests
        self.plan = plan(self.memory, self.snapshot, modified)
        self.rebuild = set(self.plan.rebuild)
        self.writing = {}
        return self.plan

    def partial(self) -> Memory | None:
        """The last build, when this one converts only some pages (the others keep what it found)."""
        return self.memory if self.plan and not self.plan.everything else None

    def script_hashes(self, bases: tuple[str, ...], render: Callable[[], set[str]]) -> set[str]:
        """The policy's script hashes: rendered again only when the setup or the page depths changed."""
        key = (self.snapshot.setup, bases) if self.snapshot else None  # the same: the same scripts
        if key is None:
            return render()
        if not (self.hashes and self.hashes[0] == key):
            self.hashes = (key, render())
        return self.hashes[1]

    def urls(self) -> dict[str, str]:
        """Every page's URL, from where it is written: `articles/x/index.html` -> `articles/x/`."""
        return {doc: dest.removesuffix("index.html") for doc, dest in self.dests.items()}

    def rebuilt_urls(self) -> set[str]:
        """The URLs of the pages this build wrote."""
        urls = self.urls()
        return set(urls.values()) if self.plan.everything else {urls[doc] for doc in self.rebuild if doc in urls}

    def earlier_search(self) -> dict[str, list[dict]]:
        """The last build's search entries by page URL, when this build wrote only some pages."""
        return self.memory.search if self.memory and not self.plan.everything else {}

    def remember(self, build: Build, search: dict[str, list[dict]]) -> None:
        """Keep what the next build compares with: this one's snapshot, titles, mentions, files and search entries."""
        self.memory = Memory(self.snapshot, dict(self.titles), dict(build.found), dict(self.dests), search)
        self.written = {path: (digest, _mtime(path)) for path, digest in self.writing.items()}

    def still_written(self, path: Path, content: bytes) -> bool:
        """Whether generated file `path` holds `content` already: the same bytes as the last good build
        wrote there, untouched since (a build that failed half-way may have written it)."""
        self.writing[path] = digest = hashlib.blake2b(content, digest_size=16).digest()
        known = self.written.get(path)
        return known is not None and known[0] == digest and known[1] is not None and _mtime(path) == known[1]


def _mtime(path: Path) -> int | None:
    """When the file was last written, or None if it is gone."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None
