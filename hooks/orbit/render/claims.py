"""A story's checked claims and what followed it: the mark on each quote, the numbered notes, the
"What happened next" section, the "Updated" line and the change log; and the claims an entry's
page lists. Pure renderers: validated models in, Markdown or HTML out.

The notes are the no-JavaScript and print form of the explanations: each quote's mark links to its
note, and `orbit.js` turns the mark into a button that opens a copy of the note under the paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from ..data.claims import event_keys, reading_order
from ..data.dates import first_day
from ..data.models import INSERTION, Article, Caveated, Claim, Event, Outcome, Source, Update
from ..data.tags import tag_slug
from ..link.markers import MARKER
from ..link.related import Kin
from ..pages.addresses import (
    TIMELINE_DOC,
    article_doc,
    claim_anchor,
    doc_link,
    note_anchor,
    outcome_anchors,
    relative_doc,
    timeline_doc,
)
from .common import esc, insertions, long_date, md_text, plain_note_html, sanitized_note, time_tag

KINDS = {
    "context": "Context",
    "outdated": "Outdated",
    "disputed": "Disputed",
    "confirmed": "Confirmed",
    "prediction": "Prediction",
}
NEXT_ID, NOTES_ID, CHANGES_ID = "what-happened-next", "notes", "changes"
_EXCERPT_WORDS = 6  # a quote named beside an outcome: enough words to recognise it
# A link with a tooltip, as the sanitiser writes it (attributes in order: class, href, rel, title).
_TITLED_LINK = re.compile(r'(?P<tag><a [^>]*?href="(?P<href>[^"]*)"[^>]*?) title="[^"]*"')


@dataclass(frozen=True)
class StoryContext:
    """What a story page takes from the rest of the site."""

    events: list[tuple[Event, str]] = field(default_factory=list)  # every event, with its anchor, oldest first
    named: frozenset[str] = frozenset()  # the agencies and people the story names (link.named.story_names)
    note_html: Callable[[str], str] = plain_note_html  # editors' Markdown, markers expanded, to HTML
    event_docs: Mapping[str, str] = field(default_factory=dict)  # the timeline page of each event, by anchor
    more: Sequence[Kin] = ()  # its "More on this" (link.related), found among `stories`
    stories: Mapping[str, Article] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)  # each entity's label by id ("NASA"), for reasons


# --- in the text -------------------------------------------------------------------------


def claim_mark(number: int, claim: Claim, quote_html: str) -> str:
    """A claim's quote in its paragraph: underlined, then its note number and kind, linked to its note."""
    return (
        f'<span class="orbit-claim orbit-kind--{claim.kind}" id="{claim_anchor(claim.id)}">{quote_html}</span>'
        f'<sup class="orbit-kind--{claim.kind}" data-orbit-claim="{claim.id}"><a href="#{note_anchor(claim.id)}">'
        f'<span class="orbit-sr">Note </span>{number}<small> {KINDS[claim.kind]}</small></a></sup>'
    )


def claims_intro(article: Article) -> str:
    """Under the byline: how to read the marks, and where the notes and what followed are."""
    count = len(article.claims)
    what = f"{count} passage{'s' if count != 1 else ''}"
    return (
        f'<p class="orbit-claims-intro">{what} of this story {"are" if count != 1 else "is"} checked against what happened '
        f"since: select a note number beside an underlined passage to read the check here, or read all the "
        f'<a href="#{NOTES_ID}">notes</a> and <a href="#{NEXT_ID}">what happened next</a>.</p>'
    )


def updated_line(article: Article) -> str:
    """`Updated 29 November 2026 · what changed`, under the byline."""
    latest = max(update.date for update in article.updates)
    return f'<p class="orbit-updated">Updated {time_tag(latest)} · <a href="#{CHANGES_ID}">what changed</a></p>'


def revision_meta(article: Article) -> str:
    """Front matter giving the page's last-updated date (the latest update), which the theme shows."""
    latest = max(update.date for update in article.updates)
    return f"---\nrevision_date: '{time_tag(latest)}'\n---"


# --- the notes -------------------------------------------------------------------------------
# Lean markup (a story with many claims is a long page): plain elements carry the parts, and the
# stylesheet finds them under `ol.orbit-notes` and `ol.orbit-next`.


def notes_section(article: Article, ctx: StoryContext) -> list[str]:
    """The numbered notes, one per claim in reading order (Markdown blocks; none without claims)."""
    if not article.claims:
        return []
    followed, titled = _outcomes_by_claim(article), set()
    items = "".join(
        _titles_once(_note(number, claim, followed.get(claim.id, []), ctx), titled)
        for number, claim in enumerate(reading_order(article), 1)
    )
    return [f"## Notes {{ #{NOTES_ID} }}", f'<ol class="orbit-notes">{items}</ol>']


def _titles_once(html: str, titled: set[str]) -> str:
    """Keep a link's tooltip only the first time the notes link its target: one tooltip per entry,
    as the first-mention linker does (many notes would repeat kilobytes of them)."""

    def once(match: re.Match) -> str:
        if match.group("href") in titled:
            return match.group("tag")
        titled.add(match.group("href"))
        return match.group()

    return _TITLED_LINK.sub(once, html)


def _note(number: int, claim: Claim, followed: list[tuple[Outcome, str]], ctx: StoryContext) -> str:
    """One note: number, kind, date; the quote and a link back to it; the explanation; caveat;
    links to the claim's outcomes under "What happened next"; sources."""
    head = (
        f'<p><b>Note {number}</b> <span class="orbit-kind">{KINDS[claim.kind]}</span> '
        f"<small>as of {time_tag(claim.as_of)}</small></p>"
    )
    quote = (
        f'<p class="orbit-note__quote"><i>“{_editor_inline(insertions(claim.quote), ctx)}”</i> '
        f'<small><a href="#{claim_anchor(claim.id)}">back to paragraph {claim.paragraph}</a></small></p>'
    )
    explanation = _unmarked(sanitized_note(ctx.note_html(claim.explanation)))
    parts = [
        head,
        quote,
        explanation,
        _caveat(claim),
        _followed(followed),
        f"<p><small>{_sources(claim.sources)}</small></p>",
    ]
    return f'<li id="{note_anchor(claim.id)}" class="orbit-kind--{claim.kind}">{"".join(parts)}</li>'


def _editor_inline(markdown: str, ctx: StoryContext) -> str:
    """A line of the body (Markdown, markers, insertions) as sanitised inline HTML."""
    html = sanitized_note(ctx.note_html(markdown))
    return _unmarked(html.removeprefix("<p>").removesuffix("</p>"))


def _unmarked(html: str) -> str:
    """HTML made here goes into the page's Markdown, whose markers are expanded after: a marker left
    in it (unknown, so already reported) must not be reported again or turn into Markdown."""
    return html.replace("[[", "&#91;[")


def plain_quote(quote: str) -> str:
    """A quote as plain words: restored words in place, a marker as its label (or id), one space apart."""
    text = INSERTION.sub(lambda match: match.group(1), quote)
    text = MARKER.sub(lambda match: match.group("label") or match.group("id"), text)
    return " ".join(text.split())


def _followed(followed: list[tuple[Outcome, str]]) -> str:
    """Links to the claim's outcomes under "What happened next" (`orbit.js` shows their lines in the open note)."""
    if not followed:
        return ""
    links = ", ".join(f'<a href="#{anchor}">{time_tag(outcome.date)}</a>' for outcome, anchor in followed)
    return f'<p class="orbit-note__next"><b>What happened next:</b> {links}</p>'


def _caveat(fact: Caveated, tag: str = "p") -> str:
    if fact.confidence == "high" or not fact.caveat:
        return ""
    return f'<{tag} class="orbit-caveat">{fact.confidence.capitalize()} confidence: {esc(fact.caveat)}</{tag}>'


def _sources(sources: list[Source]) -> str:
    links = " · ".join(f'<a href="{esc(str(source.url))}">{esc(source.title)}</a>' for source in sources)
    return f"<em>{'Sources' if len(sources) > 1 else 'Source'}:</em> {links}"


def _outcomes_by_claim(article: Article) -> dict[str, list[tuple[Outcome, str]]]:
    """Each claim's outcomes with their anchors, oldest first."""
    found: dict[str, list[tuple[Outcome, str]]] = {}
    for outcome, anchor in _dated_outcomes(article):
        if outcome.claim:
            found.setdefault(outcome.claim, []).append((outcome, anchor))
    return found


def _dated_outcomes(article: Article) -> list[tuple[Outcome, str]]:
    pairs = zip(article.outcomes, outcome_anchors(article.outcomes), strict=True)
    return sorted(pairs, key=lambda pair: first_day(pair[0].date))


# --- what happened next ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    """One entry of "What happened next": when, and its HTML."""

    date: str
    html: str


def next_section(slug: str, article: Article, ctx: StoryContext) -> list[str]:
    """ "What happened next": the story's outcomes and the timeline events after it that involve an
    agency or person it names, oldest first (Markdown blocks; none when there is nothing)."""
    doc = article_doc(slug)
    numbers = {claim.id: number for number, claim in enumerate(reading_order(article), 1)}
    items = [_outcome_item(outcome, anchor, article, numbers, ctx, doc) for outcome, anchor in _dated_outcomes(article)]
    items += [_event_item(later, ctx.event_docs[later.anchor], doc) for later in later_events(article, ctx)]
    if not items:
        return []
    items.sort(key=lambda item: first_day(item.date))  # stable: outcomes before events of the same day
    intro = (
        f"<p>What followed the story of {long_date(article.date)}, oldest first: what the editors traced, "
        f'with the claim it bears on, and the events of the <a href="{doc_link(TIMELINE_DOC, doc)}">timeline</a> '
        "that share one of its tags or two of the agencies and people it names, or that the editors chose.</p>"
    )
    return [
        f"## What happened next {{ #{NEXT_ID} }}",
        f'{intro}<ol class="orbit-next">{"".join(i.html for i in items)}</ol>',
    ]


@dataclass(frozen=True)
class LaterEvent:
    """A timeline event under "What happened next", and why: what it shares with the story (its
    tags, then its actors the story names), or nothing when the editors pinned it."""

    event: Event
    anchor: str
    shares: tuple[str, ...] = ()


def later_events(article: Article, ctx: StoryContext) -> list[LaterEvent]:
    """Timeline events the editors pinned, and those surely after the story that share one of its tags
    or two of the agencies and people it names; less those its outcomes give or the editors dropped."""
    keys = event_keys(event for event, _ in ctx.events)
    edits = article.next
    pins = {keys.get((ref.date, ref.title)) for ref in edits.pin} if edits else set()
    drops = {keys.get((ref.date, ref.title)) for ref in edits.drop} if edits else set()
    used = {keys.get((o.event.date, o.event.title)) for o in article.outcomes if o.event} | drops
    found = []
    for index, (event, anchor) in enumerate(ctx.events):
        shares = _shared(article, event, ctx) if first_day(event.date) > article.date else ()
        if index in pins or (index not in used and shares):
            found.append(LaterEvent(event, anchor, () if index in pins else shares))
    return found


def _shared(article: Article, event: Event, ctx: StoryContext) -> tuple[str, ...]:
    """What ties an event to a story: the story's tags it has (as the story writes them), then its
    actors the story names, if at least two; nothing when neither holds (one agency is no tie)."""
    own = {tag_slug(tag) for tag in event.tags}
    tags = [tag for tag in article.tags if tag_slug(tag) in own]
    actors = [ctx.labels.get(key, key) for key in dict.fromkeys(event.actors) if key in ctx.named]
    return (*tags, *actors) if tags or len(actors) >= 2 else ()


def _outcome_item(
    outcome: Outcome, anchor: str, article: Article, numbers: dict[str, int], ctx: StoryContext, doc: str
) -> _Item:
    claim = next((c for c in article.claims if c.id == outcome.claim), None)
    details = [_claim_link(claim, numbers[claim.id])] if claim else []
    details += [_sources(outcome.sources), _timeline_link(outcome, ctx, doc)]
    return _Item(outcome.date, _item_html(outcome.date, esc(outcome.text) + _caveat(outcome, "span"), details, anchor))


def _event_item(later: LaterEvent, page: str, doc: str) -> _Item:
    event, timeline = later.event, doc_link(f"{page}#{later.anchor}", doc)
    why = (
        f"From the timeline, shares: {esc(', '.join(later.shares))}"
        if later.shares
        else "From the timeline, chosen by the editors"
    )
    details = [why, _sources([event.source]), f'<a href="{timeline}">On the timeline</a>']
    return _Item(event.date, _item_html(event.date, esc(event.title) + _caveat(event, "span"), details))


def _item_html(date: str, text: str, details: list[str], anchor: str | None = None) -> str:
    """`<li>`: the date, the line, then its claim, sources and timeline link in small print."""
    ident = f' id="{anchor}"' if anchor else ""
    small = " · ".join(part for part in details if part)
    return f"<li{ident}><p>{time_tag(date)} {text}</p><p><small>{small}</small></p></li>"


def _claim_link(claim: Claim, number: int) -> str:
    """ "On note 3 (outdated): “extended the orbiting space lab's mission…”", linking the quote."""
    words = plain_quote(claim.quote).split()
    excerpt = " ".join(words[:_EXCERPT_WORDS]) + ("…" if len(words) > _EXCERPT_WORDS else "")
    return f'On <a href="#{claim_anchor(claim.id)}">note {number}</a> ({KINDS[claim.kind].lower()}): “{esc(excerpt)}”'


def _timeline_link(outcome: Outcome, ctx: StoryContext, doc: str) -> str:
    """The event's entry on the timeline when the outcome names one, else the decade's page if there is one."""
    if outcome.event:
        ref = (outcome.event.date, outcome.event.title)
        anchor = next((a for e, a in ctx.events if (e.date, e.title) == ref), None)
        if anchor:
            return f'<a href="{doc_link(f"{ctx.event_docs[anchor]}#{anchor}", doc)}">On the timeline</a>'
    decade = timeline_doc(outcome.date)
    if any(timeline_doc(event.date) == decade for event, _ in ctx.events):
        return f'<a href="{doc_link(decade, doc)}">The {outcome.date[:3]}0s on the timeline</a>'
    return ""


# --- updates ---------------------------------------------------------------------------------------


def changes_section(article: Article) -> list[str]:
    """The change log, newest first (Markdown blocks; none without updates)."""
    if not article.updates:
        return []
    ordered = sorted(article.updates, key=lambda update: update.date, reverse=True)
    return [f"## Changes to this page {{ #{CHANGES_ID} }}", "\n".join(_change(update) for update in ordered)]


def _change(update: Update) -> str:
    return f"- {time_tag(update.date)}: {md_text(' '.join(update.text.split()))}"


# --- on the pages of terms, agencies and people ---------------------------------------------------


@dataclass(frozen=True)
class ClaimUse:
    """A claim of some story, as listed on the page of an entry it concerns."""

    slug: str
    story: str  # the story's title
    number: int  # its note number in the story
    claim: Claim


def concerns_markdown(uses: list[ClaimUse], doc: str) -> str:
    """The claims that concern an entry, on its page `doc`, grouped by story (empty when none)."""
    lines = []
    for (slug, story), group in groupby(uses, key=lambda use: (use.slug, use.story)):
        target = relative_doc(article_doc(slug), doc)
        lines.append(f"- In [{md_text(story)}]({target}):")
        lines += [f"    - {_use_line(use, target)}" for use in group]
    return "\n".join(lines)


def _use_line(use: ClaimUse, target: str) -> str:
    claim = use.claim
    quote = md_text(plain_quote(claim.quote))
    return f"**{KINDS[claim.kind]}:** “{quote}” ([note {use.number}]({target}#{claim_anchor(claim.id)}), as of {long_date(claim.as_of)})"
