"""Time the auto-linker on the real story with the real names, then with 10x and 100x as many names,
then on one hostile reader comment of 250 kB, 500 kB and 1 MB.

    python scripts/bench_linking.py [--repeat 20]

The story is converted with the site's Markdown extensions (comments included), then linked
with the real entities and with synthetic sets of made-up names added. Linking time should stay
flat as names grow: all names compile into one trie-shaped regex, and no code loops over names.
The hostile comment repeats known names with markup ("The ISS is <b>big</b> & NASA said so. "),
as a reader's escaped text and as an editor's raw HTML: time must grow linearly with its length
(issue 16: 1 MB took 48 s when a lookahead scanned to the next `<` after every name).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import sys
import time
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from orbit.data.loading import load_site
from orbit.data.models import Comment
from orbit.data.site import Site
from orbit.link.entities import Entity, build_entities
from orbit.link.linker import Linker
from orbit.pages.addresses import term_doc
from orbit.pages.placeholders import COMMENTS
from orbit.render.article import render_article
from orbit.render.comments import render_comments

EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
]
SYLLABLES = ["ka", "lo", "mir", "zen", "tor", "vex", "qui", "sol", "dra", "nu", "pel", "gor", "thi", "bra", "os"]


def story_html(site: Site) -> tuple[str, str]:
    """The first story as the site shows it (body and comments), and its URL."""
    slug, article = next(iter(site.articles.items()))
    html = markdown.markdown(render_article(slug, article, slug in site.comments), extensions=EXTENSIONS)
    if slug in site.comments:
        comments = render_comments(site.comments[slug], None, lambda text: text)
        html = html.replace(COMMENTS.format(slug=slug), comments)
    return html, f"articles/{slug}/"


def synthetic(count: int, seed: int = 1) -> dict[str, Entity]:
    """`count` made-up entities with one- to three-word names and an acronym each."""
    rng = random.Random(seed)
    found: dict[str, Entity] = {}
    while len(found) < count:
        words = ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))).capitalize() for _ in range(rng.randint(1, 3))]
        name, key = " ".join(words), f"synthetic-{len(found)}"
        acronym = "".join(word[0] for word in words).upper() + "".join(rng.choices("XYZQ", k=2))
        found[key] = Entity(key, "terms", name, (name, acronym), term_doc(key), name)
    return found


def time_linker(entities: dict[str, Entity], html: str, url: str, repeat: int) -> tuple[float, float, int]:
    """(compile ms, median link ms per page, links made) for one set of entities."""
    start = time.perf_counter()
    linker = Linker(entities)
    compiled = (time.perf_counter() - start) * 1000
    gc.collect()  # leftovers of building the big synthetic sets would otherwise be timed too
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        _, mentions = linker.link(html, url)
        runs.append((time.perf_counter() - start) * 1000)
    return compiled, statistics.median(runs), len(mentions)


HOSTILE = "The ISS is <b>big</b> & NASA said so. "


def hostile_pages(size: int) -> dict[str, str]:
    """A page holding one comment of about `size` characters: as a reader's escaped text, and as raw HTML."""
    text = HOSTILE * (size // len(HOSTILE))
    # Built without validation: the data contract caps a comment at 5,000 characters, the linker must not need it.
    comment = Comment.model_construct(
        id="c1",
        author="",
        date=dt.date(2014, 1, 12),
        body=text,
        notes=[],
        status="published",
        rating=None,
        reply_to=None,
    )
    escaped = render_comments([comment], None, lambda note: note)
    return {"escaped": escaped, "markup": f"<p>{text}</p>"}


def time_hostile(linker: Linker, repeat: int) -> None:
    """One line per size and kind: characters, seconds to link once (median), links made."""
    print(f"{'hostile comment':<18}{'characters':>12}{'link s':>9}{'links':>7}")
    for size in (250_000, 500_000, 1_000_000):
        for kind, page in hostile_pages(size).items():
            runs = []
            for _ in range(max(1, repeat // 10)):
                start = time.perf_counter()
                _, mentions = linker.link(page, "articles/x/comments/")
                runs.append(time.perf_counter() - start)
            print(
                f"{f'{size // 1000} kB, {kind}':<18}{len(page):>12,}{statistics.median(runs):>9.3f}{len(mentions):>7}"
            )


def main() -> None:
    """Print one line per name set: names, compile time, link time per page, links made."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="link runs per set (the median is shown)")
    args = parser.parse_args()
    site = load_site(ROOT / "data")
    real = build_entities(site)
    html, url = story_html(site)
    names = sum(len(entity.names) for entity in real.values())
    print(f"story: {len(html):,} characters of HTML; real data: {len(real)} entities, {names} names")
    print(f"{'name set':<12}{'entities':>10}{'names':>8}{'compile ms':>12}{'link ms':>10}{'links':>7}")
    for label, factor in (("real", 1), ("10x", 10), ("100x", 100)):
        entities = {**real, **synthetic(len(real) * (factor - 1))}
        count = sum(len(entity.names) for entity in entities.values())
        compiled, linked, links = time_linker(entities, html, url, args.repeat)
        print(f"{label:<12}{len(entities):>10}{count:>8}{compiled:>12.1f}{linked:>10.2f}{links:>7}")
    time_hostile(Linker(real), args.repeat)


if __name__ == "__main__":
    main()
