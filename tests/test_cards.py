"""Social cards: 1200x630 PNGs drawn from a page's words, cached by content, drawn on both cores."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PIL import Image, ImageFont

from conftest import ROOT, copy_project, run_build
from orbit.pages.meta import Card
from orbit.render import card as drawing
from orbit.site.cards import MIN_FORKED, CardPainter, card_key

LONG_TITLE = "Government space budgets in 2013 for every agency that published one, " * 3
LONG_WORD = "Supercalifragilistic" * 8


def picture(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png))


def test_unit_card_is_a_1200_by_630_png_and_the_same_words_draw_the_same_bytes() -> None:
    png = drawing.draw_card("China, US move toward cooperation in space", "Experts say", "Story", "Orbit Explainer")
    assert png.startswith(b"\x89PNG") and picture(png).size == (1200, 630)
    assert png == drawing.draw_card(
        "China, US move toward cooperation in space", "Experts say", "Story", "Orbit Explainer"
    )
    assert png != drawing.draw_card(
        "China, US move toward cooperation in space", "Experts say", "Chart", "Orbit Explainer"
    )


def test_unit_long_titles_wrap_in_three_lines_and_end_with_an_ellipsis() -> None:
    font = ImageFont.truetype(str(Path(drawing.__file__).with_name("fonts") / "Inter-Bold.ttf"), 54)
    lines = drawing.wrap(LONG_TITLE, font, 1040, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= 1040 for line in lines)
    assert " ".join(lines).removesuffix("…").split() == LONG_TITLE.split()[: len(" ".join(lines).split())]
    assert drawing.wrap("Short title", font, 1040, 3) == ["Short title"]


def test_unit_a_word_longer_than_a_line_is_cut_not_overflowing() -> None:
    font = ImageFont.truetype(str(Path(drawing.__file__).with_name("fonts") / "Inter-Bold.ttf"), 54)
    lines = drawing.wrap(LONG_WORD, font, 1040, 3)
    assert len(lines) == 3 and all(font.getlength(line) <= 1040 for line in lines)
    assert "".join(lines).removesuffix("…") == LONG_WORD[: len("".join(lines)) - 1]


def test_unit_long_title_and_description_still_draw() -> None:
    """The title shrinks before it is cut, and the description takes the lines left above the foot."""
    assert picture(drawing.draw_card(LONG_TITLE, LONG_TITLE, "Chart", "Orbit Explainer")).size == (1200, 630)
    assert picture(drawing.draw_card(LONG_WORD, "", "Glossary", "")).size == (1200, 630)


def test_unit_cache_key_follows_the_words_and_the_style() -> None:
    card = Card("assets/cards/x.png", "Title", "Words", "Story")
    assert card_key(card, "Site") == card_key(Card("elsewhere.png", "Title", "Words", "Story"), "Site")
    assert card_key(card, "Site") != card_key(Card(card.path, "Title", "Other words", "Story"), "Site")
    assert card_key(card, "Site") != card_key(card, "Another site")


PAINTER = """
import sys
from pathlib import Path
from orbit.pages.meta import Card
from orbit.site.cards import MIN_FORKED, CardPainter

tmp = Path(sys.argv[1])
cards = [Card(f"assets/cards/c{n}.png", f"Card {n}", "Words", "Story") for n in range(MIN_FORKED)]
painter = CardPainter(cards, "Site", tmp / "cache")
painter.start()
processes = list(painter.processes)
painter.publish(tmp / "site")
print(len({process.pid for process in processes}), [process.exitcode for process in processes])
"""


def test_painter_draws_misses_in_two_processes_and_publishes_them(tmp_path: Path) -> None:
    """In a process with one thread (as `mkdocs build` is), two forked processes draw the misses."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    result = subprocess.run([sys.executable, "-c", PAINTER, str(tmp_path)], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "2 [0, 0]"  # two processes, both done with every card
    published = sorted(path.name for path in (tmp_path / "site" / "assets" / "cards").iterdir())
    assert published == sorted(f"c{n}.png" for n in range(MIN_FORKED))
    assert len(list((tmp_path / "cache").glob("*.png"))) == MIN_FORKED and not list((tmp_path / "cache").glob("*.tmp"))


def test_painter_with_threads_running_draws_in_this_process(tmp_path: Path) -> None:
    """Forking a process that runs threads is unsafe (`mkdocs serve`): the build draws the cards itself."""
    cards = [Card(f"assets/cards/c{n}.png", f"Card {n}", "Words", "Story") for n in range(MIN_FORKED)]
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        painter = CardPainter(cards, "Site", tmp_path / "cache")
        painter.start()
        assert painter.processes == []
        painter.publish(tmp_path / "site")
    finally:
        stop.set()
        thread.join()
    assert len(list((tmp_path / "site" / "assets" / "cards").iterdir())) == MIN_FORKED
    warm = CardPainter(cards, "Site", tmp_path / "cache")
    warm.start()
    assert warm.missing == [] and warm.processes == []


@pytest.fixture(scope="module")
def card_builds(tmp_path_factory) -> tuple[Path, Path, dict[str, float]]:
    """The project built twice with an empty card cache of its own: (project, cache, mtimes after the first)."""
    project = copy_project(tmp_path_factory.mktemp("cards") / "project")
    cache = project.parent / "card-cache"
    first = run_build(project, project / "site", env={"ORBIT_CARD_CACHE": str(cache)})
    assert first.returncode == 0, first.stdout + first.stderr
    return project, cache, {path.name: path.stat().st_mtime_ns for path in cache.glob("*.png")}


def test_cold_build_fills_the_cache_and_warm_build_draws_nothing(card_builds) -> None:
    project, cache, drawn = card_builds
    published = sorted((project / "site" / "assets" / "cards").rglob("*.png"))
    assert len(drawn) == len(published) > 80  # one card per story, chart, entry, section, and the site's
    again = run_build(project, project / "site-again", env={"ORBIT_CARD_CACHE": str(cache)})
    assert again.returncode == 0, again.stdout + again.stderr
    assert {path.name: path.stat().st_mtime_ns for path in cache.glob("*.png")} == drawn  # nothing redrawn
    for path in published:
        twin = project / "site-again" / path.relative_to(project / "site")
        assert twin.read_bytes() == path.read_bytes()


def test_changing_a_title_draws_one_new_card(card_builds) -> None:
    project, cache, drawn = card_builds
    chart = project / "data" / "charts" / "space-stations.yml"
    text = chart.read_text(encoding="utf-8")
    chart.write_text(text.replace("title: ", "title: Renamed ", 1), encoding="utf-8")
    try:
        result = run_build(project, project / "site-renamed", env={"ORBIT_CARD_CACHE": str(cache)})
    finally:
        chart.write_text(text, encoding="utf-8")
    assert result.returncode == 0, result.stdout + result.stderr
    new = {path.name for path in cache.glob("*.png")} - set(drawn)
    assert len(new) == 1
    with Image.open(project / "site-renamed" / "assets" / "cards" / "charts" / "space-stations.png") as png:
        assert png.size == (1200, 630)
