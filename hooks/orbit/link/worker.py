"""Link the pages' set-apart HTML (long comment threads) on a second core while MkDocs works on the first.

A thread with a page of its own is fixed HTML once the data is loaded and forms its own linking
scope, so a forked worker can link it ahead of time, in the order MkDocs will ask for the pages;
the page then takes it as it is. Where fork is missing (Windows), in a process with other
threads (`mkdocs serve`: forking them is unsafe) or for a few threads only, pages link their
threads themselves, with the same result.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from typing import NamedTuple

from ..log import log
from .linker import Linker, Mention

# Below this many threads, starting a process costs more than it saves.
MIN_THREADS = 50
_CHUNK = 16  # threads per message: few round trips, and the first ones arrive at once
_PATIENCE = 60  # seconds without a result before pages stop waiting for the worker


class Linked(NamedTuple):
    html: str
    mentions: list[Mention]


class ThreadLinker:
    """A worker process that links `threads` (doc -> (HTML, page URL)) in their order."""

    def __init__(self, linker: Linker, threads: dict[str, tuple[str, str]]):
        self._pool = multiprocessing.get_context("fork").Pool(1, _share, (linker, threads))
        docs = list(threads)
        chunks = [docs[at : at + _CHUNK] for at in range(0, len(docs), _CHUNK)]
        self._results: Iterator[list[tuple[str, Linked]]] = self._pool.imap(_link_all, chunks)
        self._waiting = set(threads)
        self._ready: dict[str, Linked] = {}

    @classmethod
    def start(cls, linker: Linker, threads: dict[str, tuple[str, str]]) -> ThreadLinker | None:
        """A worker, or None where linking in this process is as good or the only safe way."""
        if len(threads) < max(MIN_THREADS, 1):
            return None
        if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
            log.info("Linking %d long comment threads in this process: forking a worker is not safe here", len(threads))
            return None
        log.debug("Linking %d long comment threads in a worker process", len(threads))
        return cls(linker, threads)

    def take(self, doc: str) -> Linked | None:
        """The linked HTML of page `doc` (waiting for it if need be), or None if the page must link
        it itself: not one of ours, or the worker stopped answering (killed, out of memory)."""
        if doc not in self._waiting:
            return None
        while doc not in self._ready:
            try:
                self._ready.update(self._results.next(timeout=_PATIENCE))
            except multiprocessing.TimeoutError:
                log.info(
                    "The thread-linking worker stopped answering for %d s; pages link their own threads", _PATIENCE
                )
                self.close()
                return None
        self._waiting.discard(doc)
        return self._ready.pop(doc)

    def close(self) -> None:
        self._pool.terminate()
        self._waiting.clear()


# The worker's own copy of the linker and the threads, handed over by fork (never pickled).
_shared: tuple[Linker, dict[str, tuple[str, str]]] | None = None


def _share(linker: Linker, threads: dict[str, tuple[str, str]]) -> None:
    global _shared
    _shared = (linker, threads)


def _link_all(docs: list[str]) -> list[tuple[str, Linked]]:
    return [(doc, _link(doc)) for doc in docs]


def _link(doc: str) -> Linked:
    linker, threads = _shared
    html, url = threads[doc]
    return Linked(*linker.link(html, url))
