"""Which timeline events join a story's "What happened next", and why each line is there: a shared
tag or two of the agencies and people the story names (never one agency alone), and the editors'
pins and drops, with exact messages for pins and drops that name no event."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, data_problems, run_build, soup
from test_data_errors import line_of
from test_data_errors import replace as replace_in

FIXTURE = Path(__file__).parent / "fixtures" / "next-story.yml"
STORY = "articles/next-story.yml"
TAGGED = '    title: "Congress authorises ISS operations to 2030"\n'


def _with_fixture(data: Path) -> None:
    """The fixture story, and the tag it shares with one event, in a copy of the data."""
    shutil.copy(FIXTURE, data / STORY)
    replace_in(data, "events.yml", TAGGED, TAGGED + "    tags: [ISS extension]\n")


@pytest.fixture(scope="module")
def next_site(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("next") / "data"
    shutil.copytree(ROOT / "data", data)
    _with_fixture(data)
    out = data.parent / "site"
    result = run_build(ROOT, out, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _lines(site: Path) -> dict[str, str]:
    """Each line of the fixture story's "What happened next": its title, then its small print's first part."""
    items = soup(site, "articles/next-story/").select("ol.orbit-next > li")
    return {li.p.get_text(" ", strip=True): li.small.get_text().split(" · ")[0] for li in items}


def test_an_event_joins_by_two_shared_names_or_a_shared_tag_and_says_so(next_site) -> None:
    assert _lines(next_site) == {
        "8 January 2014 US extends the ISS to at least 2024": "From the timeline, shares: NASA, Charles F. Bolden Jr.",
        "31 December 2021 US commits to operating the ISS through 2030": "From the timeline, chosen by the editors",
        "August 2022 Congress authorises ISS operations to 2030": "From the timeline, shares: ISS extension",
    }


def test_one_shared_agency_is_no_tie(next_site) -> None:
    # The story names NASA; these events name NASA alone, so only the pinned one of them is shown.
    titles = " ".join(_lines(next_site))
    assert "FY2014 omnibus signed" not in titles
    assert "US commits to operating the ISS through 2030" in titles  # pinned


def test_a_dropped_event_is_left_out_though_it_shares_two_names(next_site) -> None:
    # "AFP: China, US move toward cooperation in space" names Le Gall and Logsdon, as the story does.
    assert "AFP: China, US move" not in " ".join(_lines(next_site))
    assert soup(next_site, "timeline/2010s/").find(string=lambda s: s and "AFP: China, US move" in s)


def _unknown_pin(data: Path) -> str:
    text = replace_in(data, STORY, 'title: "US commits to operating', 'title: "US commit to operating')
    return (
        f"data/{STORY}:{line_of(text, 'US commit to')}: next.pin.0: no event on 2021-12-31 titled "
        "'US commit to operating the ISS through 2030' in data/events.yml; did you mean "
        "'US commits to operating the ISS through 2030' (2021-12-31)? Copy the date and title exactly"
    )


def _unknown_drop(data: Path) -> str:
    text = replace_in(data, STORY, '{date: "2014-01-12", title: "AFP', '{date: "2014-01-11", title: "AFP')
    return (
        f"data/{STORY}:{line_of(text, '2014-01-11')}: next.drop.0: no event on 2014-01-11 titled "
        "'AFP: China, US move toward cooperation in space' in data/events.yml; did you mean "
        "'AFP: China, US move toward cooperation in space' (2014-01-12)? Copy the date and title exactly"
    )


def _pin_before_story(data: Path) -> str:
    text = replace_in(
        data,
        STORY,
        "  drop:\n",
        '    - {date: "2011-04", title: "Wolf Amendment enacted, barring NASA\'s bilateral work with China"}\n  drop:\n',
    )
    return (
        f"data/{STORY}:{line_of(text, 'Wolf Amendment')}: next.pin.1: 2011-04 is before the story's date "
        "(2014-01-01); pin only what happened after the story"
    )


def _pinned_and_dropped(data: Path) -> str:
    text = replace_in(
        data,
        STORY,
        "\n  drop:\n",
        '\n  drop:\n    - {date: "2021-12-31", title: "US commits to operating the ISS through 2030"}\n',
    )
    line = [i for i, row in enumerate(text.splitlines(), 1) if "US commits" in row][1]
    return f"data/{STORY}:{line}: next.drop.0: the event is also pinned (next.pin.0); keep the pin or the drop"


def _pin_of_an_outcome(data: Path) -> str:
    outcome = (
        'outcomes:\n  - date: "2021-12-31"\n    text: "The ISS is extended to 2030."\n'
        '    event: {date: "2021-12-31", title: "US commits to operating the ISS through 2030"}\n'
        '    sources: [{title: "A source", url: "https://example.org/source"}]\nnext:\n'
    )
    text = replace_in(data, STORY, "next:\n", outcome)
    line = [i for i, row in enumerate(text.splitlines(), 1) if "US commits" in row][1]
    return f"data/{STORY}:{line}: next.pin.0: the event is already outcomes.0 of this story; remove the pin"


def _event_tag_spelled_twice(data: Path) -> str:
    text = replace_in(data, "events.yml", "    tags: [ISS extension]\n", "    tags: [ISS Extension]\n")
    return (
        f"data/events.yml:{line_of(text, 'ISS Extension')}: events.37.tags.0: tag 'ISS Extension' is written "
        f"'ISS extension' in data/{STORY}:{line_of(FIXTURE.read_text(), 'tags:')}: tags that differ only in case, "
        "spacing or punctuation are one tag; write it the same way"
    )


@pytest.mark.parametrize(
    "breaks",
    [_unknown_pin, _unknown_drop, _pin_before_story, _pinned_and_dropped, _pin_of_an_outcome, _event_tag_spelled_twice],
)
def test_pins_drops_and_event_tags_are_checked(data_copy, breaks) -> None:
    _with_fixture(data_copy)
    expected = breaks(data_copy)
    assert data_problems(data_copy) == [expected]
