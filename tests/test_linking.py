"""The auto-linker on its own: which names it links, where, and what it leaves alone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from orbit.data.loading import load_site
from orbit.link.entities import Entity, build_entities, first_sentence, preview_files
from orbit.link.linker import Linker, compile_names

DATA = Path(__file__).resolve().parents[1] / "data"
PAGE = "articles/story/"


def entity(key: str, *names: str, kind: str = "terms") -> Entity:
    doc = f"glossary/{key}.md" if kind == "terms" else f"{kind}/{key}.md"
    return Entity(key, kind, names[0], names, doc, f"{names[0]}: the tooltip of {key}.")


ENTITIES = {
    e.id: e
    for e in [
        entity("iss", "International Space Station", "ISS"),
        entity("space-station", "Space station", "space stations"),
        entity("iga", "ISS Intergovernmental Agreement", "IGA"),
        entity("nasa", "NASA", "the US space agency", kind="agencies"),
        entity("leo", "Low Earth orbit", "LEO"),
        entity("orbit", "Orbit", "orbits"),
        entity("le-gall", "Jean-Yves Le Gall", "Le Gall", kind="people"),
        entity("worner", "Johann-Dietrich Wörner", "Jan Wörner", "Wörner", kind="people"),
        entity("change-3", "Chang'e 3", "Chang'e-3"),
        entity("lm-3b", "Long March 3B", "Long March-3B"),
        entity("bolden", "Charles F. Bolden Jr.", "Bolden", kind="people"),
        entity("coelho", "José Raimundo Braga Coelho", "Braga Coelho", kind="people"),
    ]
}


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(ENTITIES)


def linked(linker: Linker, html: str, exclude: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(entity id, linked text) for every link the linker added, in page order."""
    out, _ = linker.link(html, PAGE, exclude)
    return [
        (a["id"].removeprefix("ref-"), a.get_text()) for a in BeautifulSoup(out, "html.parser").select("a.orbit-term")
    ]


# --- overlaps and first mentions ----------------------------------------------


def test_longest_name_wins_over_a_name_inside_it(linker):
    assert linked(linker, "<p>The International Space Station is a space station.</p>") == [
        ("iss", "International Space Station"),
        ("space-station", "space station"),
    ]


def test_a_longer_name_wins_over_an_acronym_it_starts_with(linker):
    assert linked(linker, "<p>The ISS Intergovernmental Agreement binds the ISS partners.</p>") == [
        ("iga", "ISS Intergovernmental Agreement"),
        ("iss", "ISS"),
    ]


def test_only_the_first_mention_of_an_entity_is_linked_across_aliases(linker):
    html = "<p>the ISS</p><p>The International Space Station and the ISS again.</p>"
    out, mentions = linker.link(html, PAGE)
    assert out.count("orbit-term") == 1
    assert [(m.entity, m.anchor, m.scope) for m in mentions] == [("iss", "ref-iss", "page")]


def test_a_consumed_longer_mention_does_not_link_the_shorter_name_inside_it(linker):
    # "International Space Station" is already linked, so its second mention stays text:
    # the "Space Station" inside it must not link the other entry.
    html = "<p>ISS.</p><p>The International Space Station.</p>"
    assert linked(linker, html) == [("iss", "ISS")]


def test_a_new_scope_links_its_first_mentions_again(linker):
    html = '<p>NASA</p><section data-orbit-link-scope="comments"><p>NASA and NASA</p></section>'
    out, mentions = linker.link(html, PAGE)
    assert [(m.anchor, m.scope) for m in mentions] == [("ref-nasa", "page"), ("ref-nasa-1", "comments")]


def test_no_link_carries_its_preview_text_each_entry_publishes_it_once(linker):
    html = '<p>NASA</p><section data-orbit-link-scope="comments"><p>NASA and the ISS</p></section>'
    out, _ = linker.link(html, PAGE)
    links = BeautifulSoup(out, "html.parser").select("a.orbit-term")
    assert [sorted(a.attrs) for a in links] == [["class", "href", "id"]] * 3
    files = preview_files(ENTITIES.values())
    assert json.loads(files["agencies/nasa/preview.json"]) == {"text": "NASA: the tooltip of nasa."}
    assert json.loads(files["glossary/iss/preview.json"]) == {
        "text": "International Space Station: the tooltip of iss."
    }
    assert len(files) == len(ENTITIES)


def test_excluded_entities_are_not_linked(linker):
    assert linked(linker, "<p>NASA and the ISS</p>", exclude=("nasa",)) == [("iss", "ISS")]


# --- aliases and case ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Le Gall said", ("le-gall", "Le Gall")),
        ("LE GALL said", ("le-gall", "LE GALL")),
        ("jean-yves le gall said", ("le-gall", "jean-yves le gall")),
        ("said the US space agency", ("nasa", "the US space agency")),
        ("in low earth orbit", ("leo", "low earth orbit")),
        ("two orbits", ("orbit", "orbits")),
    ],
)
def test_aliases_and_names_match_in_any_case(linker, text, expected):
    assert linked(linker, f"<p>{text}</p>") == [expected]


@pytest.mark.parametrize("text", ["Nasa", "nasa", "Leo the lion", "the iss", "Iga"])
def test_acronyms_match_only_in_their_own_case(linker, text):
    assert linked(linker, f"<p>{text}</p>") == []


# --- punctuation and word boundaries ---------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NASA's budget", "NASA"),
        ("(NASA)", "NASA"),
        ("the ISS, then", "ISS"),
        ("joined the ISS.", "ISS"),
        ("\u201cISS\u201d", "ISS"),
        ("a Long March-3B rocket", "Long March-3B"),
        ("a Long March 3B rocket", "Long March 3B"),
        ("a Long March\u20113B rocket", "Long March\u20113B"),
        ("a Long\u00a0March 3B rocket", "Long\u00a0March 3B"),
        ("Charles F. Bolden Jr., Administrator", "Charles F. Bolden Jr."),
        ("Le Gall\u2019s view", "Le Gall"),
    ],
)
def test_punctuation_around_and_inside_names(linker, text, expected):
    assert [label for _, label in linked(linker, f"<p>{text}</p>")] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "NASAs",
        "preNASA",
        "ISS-related",
        "non-ISS",
        "orbital",
        "suborbits",
        "www.nasa.gov",
        "https://example.org/NASA",
        "nasa@example.org",
        "NASA.gov",
        "Boldenberg",
    ],
)
def test_names_never_start_or_end_inside_a_word_or_address(linker, text):
    assert linked(linker, f"<p>{text}</p>") == []


# --- non-ASCII names -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chang'e 3 landed", ("change-3", "Chang'e 3")),
        ("Chang\u2019e-3 landed", ("change-3", "Chang\u2019e-3")),
        ("Chang\u02bce 3 landed", ("change-3", "Chang\u02bce 3")),
        ("said Wörner", ("worner", "Wörner")),
        ("said WÖRNER", ("worner", "WÖRNER")),
        ("said Wo\u0308rner", ("worner", "Wörner")),  # decomposed umlaut, linked in composed form
        ("José Raimundo Braga Coelho", ("coelho", "José Raimundo Braga Coelho")),
    ],
)
def test_non_ascii_names(linker, text, expected):
    assert linked(linker, f"<p>{text}</p>") == [expected]


def test_an_accented_letter_is_part_of_the_word(linker):
    assert linked(linker, "<p>Wörnerö and éNASA</p>") == []


# --- existing HTML ---------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="https://nasa.gov">NASA</a></p>',
        '<p><a href="x"><em>the NASA site</em></a></p>',
        "<h2>NASA</h2>",
        '<h3 id="x">The ISS <span>NASA</span></h3>',
        "<p><code>NASA</code></p>",
        "<pre><code>NASA\nISS</code></pre>",
        "<table><tr><th>ISS partner</th></tr></table>",
        '<p><img alt="NASA" src="nasa.png"></p>',
        '<p title="the ISS">x</p>',
        "<!-- NASA -->",
        "<script>var NASA = 1;</script>",
        "<style>.NASA{}</style>",
    ],
)
def test_nothing_is_linked_inside_links_headings_code_attributes_or_scripts(linker, html):
    out, mentions = linker.link(html, PAGE)
    assert out == html and mentions == []


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<header><b>NASA</b> <time datetime="x">ISS</time> <a href="#c">#</a></header><p>NASA</p>',
            [("nasa", "NASA")],
        ),
        ("<p><svg/> ISS</p>", [("iss", "ISS")]),  # a self-closing element holds nothing to skip
        ('<p><span title="ISS">LEO</span> ISS</p>', [("leo", "LEO"), ("iss", "ISS")]),
        # A marked span (the front page's "date · publisher") is skipped; the text after it is not.
        (
            '<p><span class="m" data-orbit-no-link><time datetime="x">1</time> · ISS weekly</span> NASA</p>',
            [("nasa", "NASA")],
        ),
        ("<p><span data-orbit-no-link>ISS</span><span data-orbit-no-links>LEO</span></p>", [("leo", "LEO")]),
    ],
)
def test_skipped_elements_end_where_they_end(linker, html, expected):
    assert linked(linker, html) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>ISS <!-- NASA", [("iss", "ISS")]),  # an unclosed comment runs to the page's end
        ("<p><code>ISS</p><p>NASA <code>LEO</code> orbit", [("orbit", "orbit")]),  # to the first end tag
        ("<p><code>ISS</p><p>NASA orbit", [("iss", "ISS"), ("nasa", "NASA"), ("orbit", "orbit")]),
        ('<p data-x="NASA">LEO <img alt="ISS"> NASA</p>', [("leo", "LEO"), ("nasa", "NASA")]),
        (
            "<p>NASA &gt; ISS <i>orbit</i> </p> LEO <",
            [("nasa", "NASA"), ("iss", "ISS"), ("orbit", "orbit"), ("leo", "LEO")],
        ),
    ],
)
def test_unclosed_elements_comments_and_attributes(linker, html, expected):
    """A start tag without its end skips only itself; text after a lone `<` is still text."""
    assert linked(linker, html) == expected


def test_a_huge_hostile_comment_links_its_first_mentions_only(linker):
    """Issue 16: 1 MB of names and (escaped) markup in one comment. Its speed is measured by
    scripts/bench_linking.py (1 MB in 0.3 s, 48 s before); here, what it links."""
    body = "The ISS is &lt;b&gt;big&lt;/b&gt; &amp; NASA said so. " * 20_000
    html = f'<p>intro</p><section data-orbit-link-scope="comments"><p>{body}</p><p><code>{body}</code></p></section>'
    out, mentions = linker.link(html, PAGE)
    assert [(m.entity, m.scope) for m in mentions] == [("iss", "comments"), ("nasa", "comments")]
    assert out.count("orbit-term") == 2 and len(out) - len(html) < 500


def test_text_after_an_existing_link_is_still_linked(linker):
    html = '<p><a href="x">NASA</a> and NASA</p>'
    out, _ = linker.link(html, PAGE)
    assert out.startswith('<p><a href="x">NASA</a> and <a class="orbit-term"')


def test_the_link_carries_the_entry_url_and_its_preview_file_the_text_as_json():
    tricky = Entity("q", "terms", "Quasar", ("Quasar",), "glossary/q.md", 'A "bright" <core> & more, naïve')
    out, _ = Linker({"q": tricky}).link("<p>Quasar</p>", PAGE)
    assert out == '<p><a class="orbit-term" id="ref-q" href="../../glossary/q/">Quasar</a></p>'
    # No title: Material would show it as a hover-only tooltip; orbit.js fetches the text instead.
    assert preview_files([tricky]) == {"glossary/q/preview.json": '{"text":"A \\"bright\\" <core> & more, naïve"}'}


def test_escaped_text_stays_escaped(linker):
    out, _ = linker.link("<p>&lt;b&gt;NASA&lt;/b&gt; &amp; the ISS</p>", PAGE)
    assert "&lt;b&gt;" in out and "&amp; the" in out and "<b>" not in out


def test_untouched_text_is_returned_byte_for_byte(linker):
    html = "<p>Nothing to see &quot;here&quot; &#x27;at all&#x27;</p>"
    assert linker.link(html, PAGE)[0] == html


# --- the pattern ---------------------------------------------------------------


def test_one_pattern_serves_every_name():
    pattern = compile_names([f"Name {i}" for i in range(500)] + ["ISS"])
    assert isinstance(pattern, re.Pattern)
    assert pattern.search("see Name 123 here").group() == "Name 123"
    assert pattern.search("see Name 12 here").group() == "Name 12"


def test_first_sentence_skips_initials_and_abbreviations():
    assert first_sentence("Charles F. Bolden Jr. led NASA. He flew.") == "Charles F. Bolden Jr. led NASA."
    assert first_sentence("The U.S. agency. More.") == "The U.S. agency."


# --- the real data -------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> Linker:
    return Linker(build_entities(load_site(DATA)))


@pytest.mark.parametrize(
    "text, key",
    [
        ("Le Gall spoke", "jean-yves-le-gall"),
        ("the ISS partners", "international-space-station"),
        ("the International Space Station", "international-space-station"),
        ("a Chinese space station", "space-station"),
        ("the French space agency CNES", "cnes"),
        ("Long March-3B", "long-march-3b"),
        ("ISECG", "international-space-exploration-coordination-group"),
        ("Chang'e-3", "change-3"),
        ("Jan Wörner", "johann-dietrich-worner"),
    ],
)
def test_real_names_resolve(real, text, key):
    assert [entity for entity, _ in linked(real, f"<p>{text}</p>")][:1] == [key]


def test_real_generic_words_are_not_linked(real):
    assert linked(real, "<p>An orbiting space lab had insulation problems; the space agency met.</p>") == []
