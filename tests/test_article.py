"""The seed story, faithfully: pure renderer tests and assertions on the built page."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from conftest import ROOT, run_build, soup
from orbit.data.loading import load_site
from orbit.render.article import insertions, render_article
from orbit.render.comments import rating_text

SEED = (Path(__file__).parent / "fixtures" / "seed.txt").read_text(encoding="utf-8")
SLUG = "china-us-space-cooperation"
_HEADER = re.compile(r"^(?:(\d) / 5 \((\d+)\) |not rated yet )?([A-Z][a-z]{2} \d{1,2}, \d{4})$")


def seed_lines(start: str, end: str) -> list[str]:
    """Non-empty seed lines from the one starting with `start` up to (not including) `end`."""
    lines = [line.strip() for line in SEED.splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = next(i for i, line in enumerate(lines) if line.startswith(end) and i > first)
    return lines[first:last]


def seed_comments() -> list[dict]:
    """The seed's comment thread: header (rating, votes, date) and the lines under it."""
    comments: list[dict] = []
    for line in seed_lines("Display comments", "Please sign in")[1:]:
        header = _HEADER.match(line)
        if header:
            comments.append(
                {"average": header.group(1), "votes": header.group(2), "date": header.group(3), "lines": []}
            )
        elif comments:
            comments[-1]["lines"].append(line)
    return comments


def without_insertions(text: str) -> str:
    return re.sub(r"\s?\[[^\]]+\]", lambda m: " " if m.group().startswith(" ") else "", text).replace("  ", " ")


@pytest.fixture(scope="module")
def page(site_dir):
    return soup(site_dir, f"articles/{SLUG}/")


# --- pure renderers -----------------------------------------------------------


def test_insertions_are_marked_and_visible() -> None:
    html = insertions("cooperation in {++space++}.")
    assert html.startswith('cooperation in <ins class="orbit-insertion"')
    assert ">[space]</ins>." in html


def test_article_markdown_has_anchored_paragraphs_and_placeholder() -> None:
    site = load_site(ROOT / "data")
    article = site.articles[SLUG]
    markdown = render_article(SLUG, article, has_comments=True)
    latest = max(update.date for update in article.updates).isoformat()
    # Front matter first: the page's last-updated date, which the theme shows at the page's end.
    assert markdown.startswith(f'---\nrevision_date: \'<time datetime="{latest}">')
    assert "\n---\n\n# China, US move toward cooperation in space\n" in markdown
    assert "{: #p-21 .orbit-para }" in markdown
    assert "{: #p-22" not in markdown
    assert markdown.rstrip().endswith(f"<!-- orbit:comments:{SLUG} -->")


def test_rating_text_matches_the_contract() -> None:
    comments = load_site(ROOT / "data").comments[SLUG]
    assert [rating_text(c) for c in comments] == [
        "5 / 5 (1 vote)",
        "5 / 5 (3 votes)",
        "2 / 5 (3 votes)",
        "Not rated yet",
        "Not rated yet",
        "Not rated yet",
    ]


# --- the built page -----------------------------------------------------------


def test_every_paragraph_and_caption_in_seed_order(page) -> None:
    expected = seed_lines("China—which until now", "Explore further")
    body = [copy.copy(el) for el in page.select("p.orbit-para, figure.orbit-photo figcaption")]
    for el in body:  # without the note number and kind that follow a checked quote
        for mark in el.select("sup[data-orbit-claim]"):
            mark.decompose()
    built = [without_insertions(" ".join(el.get_text().split())) for el in body]
    assert built == expected


def test_gaps_are_restored_as_visible_insertions(page) -> None:
    inserted = [ins.get_text() for ins in page.select("ins.orbit-insertion")]
    assert inserted == ["[space]", "[space]", "[space agency]"]


def test_headline_standfirst_byline(page) -> None:
    assert page.h1.get_text(strip=True).rstrip("¶") == "China, US move toward cooperation in space"
    assert (
        page.select_one(".orbit-dek").get_text()
        == "China seems more open to international cooperation in space, experts say"
    )
    byline = page.select_one(".orbit-byline")
    assert "Jean-Louis Santini" in byline.get_text() and "AFP" in byline.get_text()
    assert byline.time["datetime"] == "2014-01-12"


def test_two_captions_and_four_related_stories(page) -> None:
    assert len(page.select("figure.orbit-photo figcaption")) == 2
    related = page.find(id="related-stories").find_next("ul").find_all("li", recursive=False)
    titles = [li.strong.get_text() for li in related]
    assert titles == [
        "China plans next manned space mission for summer",
        "Space officials talk about the ISS",
        "China successfully soft-lands probe on the moon",
        "China says docking mission step to space station",
    ]
    for li in related:
        summary = " ".join(li.get_text().split("\n", 1)[1].split())
        assert summary in SEED


_PLACED = """images:
  - caption: Above the first paragraph
    after_paragraph: 0
  - caption: First after paragraph two
    after_paragraph: 2
  - caption: Second after paragraph two
    credit: "Photo: an agency"
    after_paragraph: 2
notes:
  - {paragraph: 2, text: First note on paragraph two., sources: [{title: A source, url: "https://example.org/a"}]}
  - {paragraph: 2, text: Second note on paragraph two., sources: [{title: B source, url: "https://example.org/b"}]}
"""


def test_images_at_0_and_several_after_one_paragraph_all_show_in_place(data_copy: Path, tmp_path: Path) -> None:
    """`after_paragraph: 0` is above the first paragraph; two images or notes after one paragraph
    both show, notes first, each kind in file order (one used to replace the other)."""
    path = data_copy / "articles" / f"{SLUG}.yml"
    text = path.read_text(encoding="utf-8")
    images = text[text.index("images:\n") : text.index("explore_further:")]
    path.write_text(text.replace(images, _PLACED), encoding="utf-8")
    result = run_build(ROOT, tmp_path / "site", data_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    page = soup(tmp_path / "site", f"articles/{SLUG}/")
    blocks = page.select("p.orbit-para, figure.orbit-photo, details.info")
    placed = [block.get("id") or " ".join(block.get_text(" ").split()) for block in blocks[:6]]
    assert placed == [
        "Photo not reproduced Above the first paragraph",
        "p-1",
        "p-2",
        "Editor's note First note on paragraph two. Source: A source",
        "Editor's note Second note on paragraph two. Source: B source",
        "Photo not reproduced First after paragraph two",
    ]
    assert (
        " ".join(blocks[6].get_text(" ").split()) == "Photo not reproduced Second after paragraph two Photo: an agency"
    )
    assert len(page.select("figure.orbit-photo")) == 3 and len(page.select("details.info")) == 2


def test_explore_further(page) -> None:
    assert (
        page.select_one(".orbit-explore").get_text()
        == "Explore further: Earthly politicians seek roadmap for space exploration (Update)"
    )


def test_comments_match_the_seed(page) -> None:
    built = page.select("[data-orbit-thread] li")
    seed = seed_comments()
    assert len(built) == len(seed) == 6
    for number, (item, expected) in enumerate(zip(built, seed, strict=True)):
        assert item.time["datetime"].startswith("2014-01-1")
        if "orbit-comment--removed" in item.get("class", []):
            assert expected["lines"] == [item.select_one(".orbit-comment__removed").get_text()]
            continue
        paragraphs = [" ".join(p.get_text().split()) for p in item.select(":scope > article > p")]
        next_author = built[number + 1].select_one("header > h3").get_text() if number + 1 < len(built) else None
        lines = expected["lines"][:-1] if expected["lines"][-1:] == [next_author] else expected["lines"]
        assert paragraphs == lines
        rating = item.select_one("header > span").get_text()
        assert rating == (
            f"{expected['average']} / 5 ({expected['votes']} vote{'s' if expected['votes'] != '1' else ''})"
            if expected["average"]
            else "Not rated yet"
        )


def test_five_published_one_removed_and_the_one_known_author(page) -> None:
    assert len(page.select("[data-orbit-thread] li:not(.orbit-comment--removed)")) == 5
    removed = page.select("li.orbit-comment--removed")
    assert len(removed) == 1 and "removed by a moderator" in removed[0].get_text()
    authors = [a.get_text() for a in page.select("[data-orbit-thread] header > h3")]
    assert authors == ["Anonymous", "Whydening Gyre", "Anonymous", "Anonymous", "Anonymous", "Anonymous"]


def test_edit_link_opens_the_data_file(page) -> None:
    edit = page.select_one('a[rel="edit"]')["href"]
    assert edit.endswith(f"/edit/main/data/articles/{SLUG}.yml")


def test_home_page_links_the_story(site_dir) -> None:
    home = soup(site_dir, "")
    assert home.find("a", href=f"articles/{SLUG}/") is not None


def test_search_indexes_the_story_but_not_reader_comments(site_dir) -> None:
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Every indication is that China is eager" in index
    assert "Regardless, it" not in index and "pie in the sky" not in index
