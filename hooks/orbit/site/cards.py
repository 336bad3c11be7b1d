"""Social cards on disk: each drawn once per content into a cache folder, then linked into the site.

A card's file name in the cache is a digest of its words and of the drawing code and fonts, so a
warm build draws only what changed. Cards missing from the cache are drawn by two forked
processes (both cores) while MkDocs renders the pages, and collected when the build ends. Where
forking is unsafe (`mkdocs serve` runs threads) or not available, or for a few cards, the
build draws them itself at the end.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import threading
from pathlib import Path

from ..log import log
from ..pages.meta import Card
from ..render.card import draw_card, style_digest

PROCESSES = 2
MIN_FORKED = 16  # below this many cards to draw, starting processes costs more than it saves


class CardPainter:
    """The cards of one build: which are cached, who draws the rest, and their publication."""

    def __init__(self, cards: list[Card], site_name: str, cache: Path):
        self.site_name, self.cache = site_name, cache
        self.files = {card.path: cache / f"{card_key(card, site_name)}.png" for card in cards}
        self.cards = {card.path: card for card in cards}
        self.missing = [path for path, file in self.files.items() if not file.exists()]
        self.processes: list[multiprocessing.Process] = []

    def start(self) -> None:
        """Start drawing the missing cards on both cores, where that is safe and worth it."""
        if len(self.missing) < MIN_FORKED:
            return
        if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
            log.info("Drawing %d social cards in this process: forking is not safe here", len(self.missing))
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        context = multiprocessing.get_context("fork")
        for share in range(PROCESSES):  # the jobs reach each process by fork, never pickled
            jobs = self.missing[share::PROCESSES]
            self.processes.append(context.Process(target=self._draw_all, args=(jobs,), daemon=True))
        for process in self.processes:
            process.start()

    def publish(self, site_dir: Path) -> None:
        """Wait for the drawing processes, draw what they left, and put every card into `site_dir`."""
        for process in self.processes:
            process.join()
            if process.exitcode:  # killed, or out of memory: the build draws what it left
                log.info("A card-drawing process stopped with exit code %s; drawing its cards here", process.exitcode)
        self.processes = []
        self._draw_all([path for path in self.missing if not self.files[path].exists()])
        for path, file in self.files.items():
            _place(file, site_dir / path)

    def close(self) -> None:
        """Stop drawing: the build failed (cards already drawn stay in the cache)."""
        for process in self.processes:
            process.terminate()
        self.processes = []

    def _draw_all(self, paths: list[str]) -> None:
        if paths:
            self.cache.mkdir(parents=True, exist_ok=True)
        for path in paths:
            card, file = self.cards[path], self.files[path]
            partial = file.with_name(f"{file.stem}.{os.getpid()}.tmp")
            partial.write_bytes(draw_card(card.title, card.description, card.kind, self.site_name))
            partial.replace(file)  # whole or absent, even if the build stops midway


def card_key(card: Card, site_name: str) -> str:
    """The cache name of a card: a digest of what it shows and how it is drawn."""
    words = "\x1f".join([style_digest(), card.title, card.description, card.kind, site_name])
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:32]


def _place(source: Path, target: Path) -> None:
    """Publish a cached card: a hard link where the file system allows it (no copy), else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
