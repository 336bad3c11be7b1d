"""The synthetic corpus of scripts/make_corpus.py: valid data, a strict build, deterministic output."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, budgeted_size, run_build, script_module, soup

sys.path.insert(0, str(ROOT / "hooks"))

from orbit.data.loading import load_site
from orbit.pages.addresses import INLINE_COMMENTS
from orbit.site.nav import SECTION_MAX, site_nav

N = 12
PAGE_BUDGET = 80_000  # bytes of HTML per page, nav included (issue 6)


make_corpus = script_module("make_corpus")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus.make_corpus(N, tmp_path_factory.mktemp("corpus") / "data")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_corpus_passes_the_data_contract(corpus):
    site = load_site(corpus)
    assert len(site.articles) == N and "china-us-space-cooperation" in site.articles
    assert len(site.agencies) == make_corpus.AGENCIES
    real = load_site(ROOT / "data")
    assert len(site.terms) == len(real.terms) + N // 2
    assert len(site.events) == len(real.events) + N // 10
    assert {"synthetic-launches", "synthetic-missions", "synthetic-satellites"} <= set(site.charts)


def test_corpus_looks_like_real_data(corpus):
    site = load_site(corpus)
    synthetic = [slug for slug in site.articles if slug != "china-us-space-cooperation"]
    for slug in synthetic:
        words = len(site.articles[slug].body.split())
        comments = site.comments[slug]
        assert 300 <= words <= 1000, (slug, words)
        assert 15 <= len(comments) <= 60
    everything = [c for slug in synthetic for c in site.comments[slug]]
    assert any(c.reply_to for c in everything)
    assert any(c.rating is None for c in everything) and any(c.rating for c in everything)
    assert all(not c.body for c in everything if c.status == "removed") and any(
        c.status == "removed" for c in everything
    )
    years = {site.articles[slug].date.year for slug in synthetic}
    assert len(years) >= 5  # spread over about ten years
    assert all(
        agency.budget and agency.heads for agency in site.agencies.values() if "example.org" in str(agency.website)
    )


def test_same_n_writes_identical_files(corpus, tmp_path):
    again = make_corpus.make_corpus(N, tmp_path / "again")
    assert _files(again) == _files(corpus)


def test_refuses_to_overwrite_a_folder_that_is_not_a_corpus(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        make_corpus.make_corpus(N, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_corpus_builds_strict(corpus, tmp_path):
    site = tmp_path / "site"
    result = run_build(ROOT, site, corpus)
    assert result.returncode == 0, result.stdout + result.stderr
    data = load_site(corpus)
    long = next(slug for slug in sorted(data.articles) if len(data.comments.get(slug, [])) > INLINE_COMMENTS)
    story, thread = soup(site, f"articles/{long}/"), soup(site, f"articles/{long}/comments/")
    assert story.select("a.orbit-term") and not story.select("[data-orbit-thread]")
    assert story.select_one(".orbit-comments__more a")["href"] == "comments/"
    assert len(thread.select("[data-orbit-thread] li[id^=comment-]")) == len(data.comments[long])
    assert thread.select("[data-orbit-thread] a.orbit-term")  # names in comments are linked there
    # Search finds the story, which links its thread; the thread page itself stays out of the index.
    found = {
        doc["location"].partition("#")[0]
        for doc in json.loads((site / "search" / "search_index.json").read_text())["docs"]
    }
    assert f"articles/{long}/" in found and f"articles/{long}/comments/" not in found
    # Every page stays light, however long its story, thread or chart table. What a story's editors
    # wrote as notes on its claims and as what happened next is its content, like its body, and is
    # not counted: the budget bounds what the site adds (PERFORMANCE.md).
    sizes = {path.relative_to(site).as_posix(): budgeted_size(path) for path in site.rglob("*.html")}
    assert max(sizes.values()) <= PAGE_BUDGET, sorted(sizes.items(), key=lambda item: -item[1])[:3]


def test_long_nav_sections_are_grouped(corpus):
    """Beyond SECTION_MAX pages, a nav section's pages go into sub-sections that prune can fold."""
    site = load_site(corpus)
    docs = {f"people/{key}.md" for key in site.people} | {"people/index.md"}
    nav = site_nav(site, docs, [])
    people = next(item["People"] for item in nav if isinstance(item, dict) and "People" in item)
    assert len(site.people) > SECTION_MAX
    assert people[0] == "people/index.md" and all(isinstance(group, dict) for group in people[1:])
    grouped = [doc for group in people[1:] for docs_ in group.values() for doc in docs_]
    assert sorted(grouped) == sorted(docs - {"people/index.md"})
    # Only a single letter with more than SECTION_MAX names may make a longer group.
    assert all(len(docs_) <= SECTION_MAX or len(title) == 1 for group in people[1:] for title, docs_ in group.items())
