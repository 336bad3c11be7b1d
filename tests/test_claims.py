"""A story's claims, outcomes and updates: quote checks with exact messages, the pure renderers,
the built story page, the pages that list claims, the timeline's marks, and a second story."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Case, data_problems, run_build, soup
from orbit.data.claims import closest_words, quote_spans, reading_order
from orbit.data.dates import first_day
from orbit.data.errors import DataError
from orbit.data.loading import load_site
from orbit.data.models import Article, Event, Update
from orbit.link.entities import build_entities
from orbit.link.linker import Linker
from orbit.link.named import claim_concerns, story_names
from orbit.pages.addresses import outcome_anchors
from orbit.pages.timeline import timeline_layout
from orbit.render.article import render_article
from orbit.render.claims import (
    StoryContext,
    changes_section,
    claim_mark,
    later_events,
    next_section,
    notes_section,
    updated_line,
)
from orbit.render.common import plain_note_html
from test_data_errors import line_of
from test_data_errors import replace as replace_in
from test_glossary_profiles import resolves

SLUG = "china-us-space-cooperation"
ARTICLE = f"articles/{SLUG}.yml"
STORY = f"articles/{SLUG}/"
FIXTURE = Path(__file__).parent / "fixtures" / "claims-story.yml"


def replace(data: Path, old: str, new: str) -> str:
    """Replace the first `old` in the story's data file; return the new text."""
    return replace_in(data, ARTICLE, old, new)


# --- quote checks: where each claim is made --------------------------------------------------


def _missing(data: Path) -> str:
    text = replace(
        data, 'quote: "The big question for the next three years', 'quote: "The big question for the next two years'
    )
    close = "The big question for the next three years is whether China will join the International Space Station"
    return (
        f"data/{ARTICLE}:{line_of(text, 'next two years')}: claims.2.quote: not found in paragraph 7; "
        f'the closest words there are "{close}"; copy the quote from the body exactly'
    )


def _wrong_paragraph(data: Path) -> str:
    text = replace(data, '    paragraph: 8\n    quote: "extended', '    paragraph: 9\n    quote: "extended')
    line = line_of(text, 'quote: "extended')
    return f"data/{ARTICLE}:{line}: claims.4.quote: is in paragraph 8, not 9; set paragraph: 8"


def _twice(data: Path) -> str:
    text = replace(data, 'quote: "could also include Turkey, Saudi Arabia and Nigeria"', 'quote: "said it was"')
    line = line_of(text, 'quote: "said it was"')
    return (
        f"data/{ARTICLE}:{line}: claims.10.quote: occurs 2 times in paragraph 14; "
        "quote more of the words around it so that it occurs once"
    )


def _overlapping(data: Path) -> str:
    old = 'quote: "which currently includes the United States, Russia, Japan, Europe and Canada"'
    text = replace(data, old, "quote: 'International Space Station,\" which currently includes'")
    line = line_of(text, "quote: 'International Space Station")
    return (
        f"data/{ARTICLE}:{line}: claims.3.quote: overlaps the quote of claim "
        "'iss-big-question' (claims.2) in paragraph 7; two claims may not share words"
    )


def _cut_insertion(data: Path) -> str:
    old = '    paragraph: 3\n    quote: "high-level envoys from 30 space-faring nations"'
    text = replace(data, old, '    paragraph: 2\n    quote: "cooperation in {++space"')
    line = line_of(text, 'quote: "cooperation in')
    return (
        f"data/{ARTICLE}:{line}: claims.0.quote: cuts the editorial insertion "
        "'{++space++}' in paragraph 2; quote the whole insertion or none of it"
    )


def _no_such_paragraph(data: Path) -> str:
    text = replace(data, '    paragraph: 3\n    quote: "high-level', '    paragraph: 99\n    quote: "high-level')
    return f"data/{ARTICLE}:{line_of(text, 'paragraph: 99')}: claims.0.paragraph: paragraph 99 does not exist: the body has 21"


def _duplicate_claim(data: Path) -> str:
    text = replace(data, "  - id: iss-partners\n", "  - id: iss-big-question\n")
    replace(data, "    claim: iss-partners\n", "    claim: iss-big-question\n")  # its outcome follows the rename
    line = [i for i, row in enumerate(text.splitlines(), 1) if row == "  - id: iss-big-question"][1]
    return f"data/{ARTICLE}:{line}: claims.3.id: duplicate claim id 'iss-big-question' (first at claims.2)"


def _unknown_claim(data: Path) -> str:
    text = replace(data, "    claim: esa-invitation\n", "    claim: esa-invitatoin\n")
    return f"data/{ARTICLE}:{line_of(text, 'esa-invitatoin')}: outcomes.2.claim: unknown claim id 'esa-invitatoin'; did you mean 'esa-invitation'?"


def _unknown_event(data: Path) -> str:
    text = replace(data, 'title: "Congress authorises ISS operations', 'title: "Congress authorizes ISS operations')
    return (
        f"data/{ARTICLE}:{line_of(text, 'Congress authorizes')}: outcomes.10.event: no event on 2022-08 titled "
        "'Congress authorizes ISS operations to 2030' in data/events.yml; did you mean "
        "'Congress authorises ISS operations to 2030' (2022-08)? Copy the date and title exactly"
    )


def _outcome_before_story(data: Path) -> str:
    text = replace(data, '  - date: "2017-06-03"\n    text: "A Beijing', '  - date: "2013-06-03"\n    text: "A Beijing')
    return (
        f"data/{ARTICLE}:{line_of(text, '2013-06-03')}: outcomes.1.date: 2013-06-03 is before the story's date "
        "(2014-01-12); an outcome is what happened after the story"
    )


def _update_before_story(data: Path) -> str:
    text = replace(data, "  - date: 2026-11-29\n", "  - date: 2013-11-29\n")
    return (
        f"data/{ARTICLE}:{line_of(text, '2013-11-29')}: updates.0.date: 2013-11-29 is before the story's date "
        "(2014-01-12); an update changes the published story"
    )


def _unknown_kind(data: Path) -> str:
    text = replace(data, "    kind: outdated\n", "    kind: wrong\n")
    return (
        f"data/{ARTICLE}:{line_of(text, 'kind: wrong')}: claims.4.kind: must be 'context', 'outdated', 'disputed', "
        "'confirmed' or 'prediction', got 'wrong'"
    )


CASES = [
    Case("quote-missing", _missing),
    Case("quote-in-another-paragraph", _wrong_paragraph),
    Case("quote-twice", _twice),
    Case("quotes-overlap", _overlapping),
    Case("quote-cuts-an-insertion", _cut_insertion),
    Case("claim-paragraph-out-of-range", _no_such_paragraph),
    Case("duplicate-claim-id", _duplicate_claim),
    Case("outcome-unknown-claim", _unknown_claim),
    Case("outcome-unknown-event", _unknown_event),
    Case("outcome-before-story", _outcome_before_story),
    Case("update-before-story", _update_before_story),
    Case("unknown-kind", _unknown_kind),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_claim_problem_names_file_line_field_and_what_to_do(case: Case, data_copy: Path) -> None:
    expected = case.breaks(data_copy)
    assert data_problems(data_copy) == [expected]


def test_claim_problems_stop_the_build_all_at_once_without_traceback(data_copy: Path, tmp_path: Path) -> None:
    expected = [breaks(data_copy) for breaks in (_missing, _wrong_paragraph, _twice, _cut_insertion)]
    result = run_build(ROOT, tmp_path / "site", data_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert all(f"  - {line}" in output for line in expected), output
    assert not any((tmp_path / "site").rglob("*.html"))


def test_a_quote_matches_across_line_breaks_but_only_whole() -> None:
    assert quote_spans("one two\n  three four", "two three") == [(4, 15)]
    assert quote_spans("one two three", "two  three four") == []
    assert quote_spans("x x x", "x") == [(0, 1), (2, 3), (4, 5)]


def test_the_closest_words_drop_the_punctuation_around_them() -> None:
    paragraph = '"The big question is whether China will join," he said.'
    assert closest_words("big question is if China joins", paragraph) == "big question is whether China will"
    assert closest_words("entirely unrelated words here", "short") is None


def test_overlaps_are_found_past_a_short_claim_inside_a_long_one(data_copy: Path) -> None:
    """A long quote, a short one inside it, and a third later inside the long one: both are named."""
    text = replace(
        data_copy,
        'quote: "which currently includes the United States, Russia, Japan, Europe and Canada"',
        'quote: "Russia, Japan"',
    )
    text = replace(
        data_copy,
        'quote: "The big question for the next three years is whether China will join the International Space Station"',
        'quote: "which currently includes the United States, Russia, Japan, Europe and Canada"',
    )
    with pytest.raises(DataError) as caught:
        load_site(data_copy)
    assert [p.path for p in caught.value.problems] == ["claims.3.quote"]
    assert "overlaps the quote of claim 'iss-big-question' (claims.2)" in str(caught.value.problems[0])
    assert line_of(text, 'quote: "Russia, Japan"') == caught.value.problems[0].line


# --- pure renderers -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data")


@pytest.fixture(scope="module")
def article(site) -> Article:
    return site.articles[SLUG]


def _claim(article: Article, key: str):
    return next(claim for claim in article.claims if claim.id == key)


def test_a_claim_mark_underlines_the_quote_and_links_its_numbered_note(article) -> None:
    claim = _claim(article, "iss-extended-to-2024")
    assert claim_mark(5, claim, "QUOTE") == (
        '<span class="orbit-claim orbit-kind--outdated" id="claim-iss-extended-to-2024">QUOTE</span>'
        '<sup class="orbit-kind--outdated" data-orbit-claim="iss-extended-to-2024"><a href="#note-iss-extended-to-2024">'
        '<span class="orbit-sr">Note </span>5<small> Outdated</small></a></sup>'
    )


def test_claims_are_numbered_in_reading_order(article) -> None:
    order = [(claim.paragraph, claim.id) for claim in reading_order(article)]
    assert order == sorted(order, key=lambda item: item[0])
    seventh = [key for paragraph, key in order if paragraph == 7]
    assert seventh == ["iss-big-question", "iss-partners"]  # "The big question …" comes first in paragraph 7


def test_the_story_markdown_marks_each_quote_once_and_keeps_insertions(article) -> None:
    markdown = render_article(SLUG, article, has_comments=False)
    for number, claim in enumerate(reading_order(article), 1):
        assert markdown.count(f'id="claim-{claim.id}"') == 1
        assert f'<span class="orbit-sr">Note </span>{number}<small>' in markdown
    assert markdown.count('<ins class="orbit-insertion"') == 3


def test_a_note_renders_kind_date_quote_explanation_outcomes_and_sources(article) -> None:
    ctx = StoryContext(
        note_html=lambda text: plain_note_html(
            text.replace("[[wolf-amendment|Wolf Amendment]]", "[Wolf Amendment](w/)")
        )
    )
    notes = BeautifulSoup(notes_section(article, ctx)[1], "html.parser")
    note = notes.select_one("li#note-wolf-amendment-in-force")
    head = note.select_one("p")
    assert " ".join(head.get_text(" ").split()) == "Note 12 Confirmed as of 24 April 2025"
    assert head.select_one("span.orbit-kind").get_text() == "Confirmed"
    quote = note.select_one("p.orbit-note__quote")
    assert quote.i.get_text() == "“NASA was still not authorized by the US Congress to work with China”"
    assert quote.a["href"] == "#claim-wolf-amendment-in-force" and quote.a.get_text() == "back to paragraph 15"
    assert note.select_one('a[href="w/"]').get_text() == "Wolf Amendment"
    outcomes = [a["href"] for a in note.select("p.orbit-note__next a")]
    assert outcomes == [f"#{anchor}" for anchor in _claim_outcome_anchors(article, "wolf-amendment-in-force")]
    sources = [a["href"] for a in note.select("small a[href^=http]")]
    assert sources == [str(source.url) for source in _claim(article, "wolf-amendment-in-force").sources]
    assert [li["id"] for li in notes.select("ol.orbit-notes > li")] == [f"note-{c.id}" for c in reading_order(article)]


def _claim_outcome_anchors(article: Article, key: str) -> list[str]:
    pairs = zip(article.outcomes, outcome_anchors(article.outcomes), strict=True)
    return [anchor for outcome, anchor in sorted(pairs, key=lambda p: p[0].date) if outcome.claim == key]


def test_a_medium_confidence_claim_shows_its_caveat(article) -> None:
    notes = BeautifulSoup(notes_section(article, StoryContext())[1], "html.parser")
    caveat = notes.select_one("li#note-forum-30-nations p.orbit-caveat").get_text()
    assert caveat == f"Medium confidence: {_claim(article, 'forum-30-nations').caveat}"


def _event(date: str, title: str, actors: list[str]) -> Event:
    source = {"title": "A source", "url": "https://example.org/source"}
    return Event(date=date, title=title, summary="s", category="iss", actors=actors, source=source)


def test_what_happened_next_lists_outcomes_and_named_actors_events_in_date_order(article) -> None:
    events = [
        _event("2014-01-11", "Before the story", ["nasa"]),
        _event("2021-12-31", "US commits to operating the ISS through 2030", ["nasa"]),  # an outcome's event
        _event("2023-05", "An event of NASA", ["nasa", "esa"]),
        _event("2023-06", "An event of NASA alone", ["nasa"]),  # one agency is no tie
        _event("2024", "An event of nobody the story names", ["cmsa", "esa"]),
    ]
    layout = timeline_layout(events)
    labels = {"nasa": "NASA", "esa": "ESA"}
    ctx = StoryContext(layout.events, frozenset({"nasa", "esa"}), event_docs=layout.doc_of, labels=labels)
    assert [(later.event.title, later.shares) for later in later_events(article, ctx)] == [
        ("An event of NASA", ("NASA", "ESA"))
    ]
    heading, html = next_section(SLUG, article, ctx)
    assert heading == "## What happened next { #what-happened-next }"
    items = BeautifulSoup(html, "html.parser").select("ol.orbit-next > li")
    assert len(items) == len(article.outcomes) + 1
    dates = [li.time["datetime"] for li in items]
    assert dates == sorted(dates, key=first_day)
    nasa = next(li for li in items if "An event of NASA" in li.get_text())
    assert nasa.small.get_text().startswith("From the timeline, shares: NASA, ESA · ")
    assert (
        nasa.select_one('a[href="../../timeline/2020s/#event-2023-05-an-event-of-nasa"]').get_text()
        == "On the timeline"
    )
    commits = next(li for li in items if li.get("id", "").startswith("next-2021-12-31"))
    timeline = commits.select_one('a[href^="../../timeline/"]')
    assert timeline["href"] == "../../timeline/2020s/#event-2021-12-31-us-commits-to-operating-the-iss"
    assert commits.select_one('a[href="#claim-iss-extended-to-2024"]').get_text() == "note 5"


def test_an_outcome_item_shows_its_line_claim_and_sources(article) -> None:
    heading, html = next_section(SLUG, article, StoryContext())
    outcome = next(o for o in article.outcomes if o.date == "2026-02")
    item = BeautifulSoup(html, "html.parser").select("ol.orbit-next > li")[-1]
    assert item.time["datetime"] == "2026-02" and item.time.get_text() == "February 2026"
    assert outcome.text in item.p.get_text()
    assert item.select_one(".orbit-caveat").get_text() == f"Medium confidence: {outcome.caveat}"
    small = " ".join(item.small.get_text().split())
    assert small.startswith("On note 7 (confirmed): “Beijing has also openly invited other…”")
    assert [a["href"] for a in item.select("small a[href^=http]")] == [str(s.url) for s in outcome.sources]


def test_updates_give_the_updated_line_and_a_newest_first_change_log(article) -> None:
    updates = [Update(date="2020-01-02", text="First."), Update(date="2021-03-04", text="Second <b>&")]
    article = article.model_copy(update={"updates": updates})
    assert updated_line(article) == (
        '<p class="orbit-updated">Updated <time datetime="2021-03-04">4 March 2021</time> · '
        '<a href="#changes">what changed</a></p>'
    )
    assert changes_section(article) == [
        "## Changes to this page { #changes }",
        '- <time datetime="2021-03-04">4 March 2021</time>: Second &lt;b&gt;&amp;\n'
        '- <time datetime="2020-01-02">2 January 2020</time>: First.',
    ]


def test_a_story_without_claims_outcomes_or_updates_gets_none_of_their_sections(article) -> None:
    bare = article.model_copy(update={"claims": [], "outcomes": [], "updates": []})
    markdown = render_article(SLUG, bare, has_comments=False)
    for absent in (
        "orbit-claim",
        "orbit-notes",
        "what-happened-next",
        "orbit-updated",
        "{ #changes }",
        "revision_date",
    ):
        assert absent not in markdown


# --- what a story names, and what a claim concerns ----------------------------------------------


def test_a_story_names_its_author_quoted_people_and_names_in_its_body(site, article) -> None:
    linker = Linker(build_entities(site))
    named = story_names(linker, article)
    assert {"jean-louis-santini", "jean-yves-le-gall", "john-logsdon", "nasa", "esa", "cnes"} <= named
    assert "cmsa" not in named  # named only in the claims' notes, not by the story


def test_a_claim_concerns_what_its_quote_names_and_its_note_marks(site, article) -> None:
    linker = Linker(build_entities(site))
    concerns = claim_concerns(linker, _claim(article, "wolf-amendment-in-force"), build_entities(site))
    assert concerns == {"nasa", "wolf-amendment"}


# --- the built site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(site_dir) -> BeautifulSoup:
    return soup(site_dir, STORY)


def test_every_quote_is_marked_in_its_paragraph_and_links_its_note(page, article) -> None:
    for number, claim in enumerate(reading_order(article), 1):
        mark = page.find(id=f"claim-{claim.id}")
        assert mark.find_parent("p")["id"] == f"p-{claim.paragraph}"
        assert " ".join(mark.get_text().split()) == " ".join(claim.quote.split())
        ref = mark.find_next_sibling("sup")
        assert ref["data-orbit-claim"] == claim.id and ref.a["href"] == f"#note-{claim.id}"
        assert " ".join(ref.get_text().split()) == f"Note {number} {claim.kind.capitalize()}"
        assert page.find(id=f"note-{claim.id}").find_parent("ol")["class"] == ["orbit-notes"]


def test_names_inside_a_quote_are_still_linked(page) -> None:
    link = page.select_one("#claim-iss-big-question a.orbit-term")
    assert link.get_text() == "International Space Station"
    assert link["href"] == "../../glossary/international-space-station/"


def test_notes_and_what_happened_next_come_after_the_story_in_order(page) -> None:
    headings = [h["id"] for h in page.select("article h2[id]")]
    assert headings == ["what-happened-next", "notes", "related-stories", "changes", "comments"]
    assert page.select_one(".orbit-claims-intro").get_text().startswith("13 passages of this story are checked")


def test_what_happened_next_is_in_date_order_with_sources_and_timeline_links(page, site_dir, article) -> None:
    items = page.select("ol.orbit-next > li")
    assert len(items) >= len(article.outcomes) >= 10
    days = [li.time["datetime"] for li in items]
    assert days == sorted(days)
    for li in items:
        assert li.select("small a[href^=http]"), li
        for link in li.select("a[href]"):
            assert resolves(site_dir, STORY, link["href"]), link["href"]
    on_timeline = [a["href"] for a in page.select("ol.orbit-next a") if a.get_text() == "On the timeline"]
    assert len(on_timeline) == sum(1 for outcome in article.outcomes if outcome.event)


def test_the_updated_line_change_log_and_last_update_show_the_latest_update(page, article) -> None:
    latest = max(update.date for update in article.updates)
    assert page.select_one("p.orbit-updated time")["datetime"] == latest.isoformat()
    assert page.select_one('p.orbit-updated a[href="#changes"]')
    log = page.find(id="changes").find_next_sibling("ul").select("li")
    assert [li.time["datetime"] for li in log] == sorted((u.date.isoformat() for u in article.updates), reverse=True)
    assert page.select_one("aside.md-source-file time")["datetime"] == latest.isoformat()


def test_the_wolf_amendment_page_lists_the_congress_claim(site_dir) -> None:
    page = soup(site_dir, "glossary/wolf-amendment/")
    item = next(li for li in page.select("article li") if "NASA was still not authorized" in li.get_text())
    assert "Confirmed:" in item.get_text()
    link = item.select_one('a[href$="#claim-wolf-amendment-in-force"]')
    assert link.get_text() == "note 12" and resolves(site_dir, "glossary/wolf-amendment/", link["href"])


def test_an_agency_page_lists_the_claims_its_name_or_marker_appears_in(site_dir, site, article) -> None:
    page = soup(site_dir, "agencies/esa/")
    listed = [
        a["href"].rpartition("#")[2] for a in page.find(id="claims").find_next_sibling("ul").select("a[href*='#']")
    ]
    linker = Linker(build_entities(site))
    expected = [f"claim-{c.id}" for c in reading_order(article) if "esa" in claim_concerns(linker, c, {"esa"})]
    assert listed == expected and "claim-esa-invitation" in listed


def test_the_timeline_marks_events_given_as_outcomes_and_links_back(site_dir, article) -> None:
    page = soup(site_dir, "timeline/2020s/")
    marked = page.select(".orbit-event--outcome")
    titles = {outcome.event.title for outcome in article.outcomes if outcome.event and outcome.event.date >= "2020"}
    assert {strong.get_text() for p in marked for strong in p.select("strong")} == titles
    for p in marked:
        back = p.find_next_sibling("p", class_="orbit-event__outcome").a
        assert back["href"].startswith(f"../../{STORY}#next-") and resolves(site_dir, "timeline/2020s/", back["href"])
    assert not soup(site_dir, "timeline/2000s/").select(".orbit-event--outcome")


# --- a second story, with no change to the code ----------------------------------------------------


@pytest.fixture(scope="module")
def second_site(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("second") / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copy(FIXTURE, data / "articles" / "fixture-claims-story.yml")
    out = data.parent / "site"
    result = run_build(ROOT, out, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_a_second_story_builds_its_own_claims_outcomes_and_updates(second_site) -> None:
    page = soup(second_site, "articles/fixture-claims-story/")
    refs = [" ".join(sup.get_text().split()) for sup in page.select("#p-1 sup[data-orbit-claim]")]
    assert refs == ["Note 1 Confirmed", "Note 2 Disputed"]  # numbered as read, not as filed
    assert page.select_one("#note-officials-said .orbit-caveat").get_text() == (
        "Medium confidence: A fixture caveat that readers see."
    )
    items = page.select("ol.orbit-next > li")
    # Its outcomes only: the timeline's later events of CMSA share one agency with it, which is no tie.
    assert [li.time["datetime"] for li in items] == ["2020", "2021-04-29"]
    assert not [li for li in items if li.small.get_text().startswith("From the timeline")]
    assert page.select_one("p.orbit-updated time")["datetime"] == "2021-05-01"
    assert page.select_one("aside.md-source-file time")["datetime"] == "2021-05-01"
    cmsa = soup(second_site, "agencies/cmsa/").find(id="claims").find_next_sibling("ul")
    assert "Fixture story about a station plan" in cmsa.get_text() and "officials said" in cmsa.get_text()


def test_the_seed_story_is_unchanged_by_a_second_one(second_site, site_dir) -> None:
    first, again = soup(site_dir, STORY), soup(second_site, STORY)
    assert str(first.select_one("ol.orbit-notes")) == str(again.select_one("ol.orbit-notes"))
