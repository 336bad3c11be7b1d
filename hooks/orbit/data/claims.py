"""A story's claims, outcomes and updates, checked against its own body and against the timeline.

A claim anchors an exact quote of one paragraph: the quote must occur there once, cut no editorial
insertion (`{++word++}`) and share no words with another claim. Any run of spaces or line breaks in
a quote matches any run in the body, as Markdown shows them alike.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .dates import last_day
from .errors import Problem
from .models import INSERTION, Article, Claim, Event, EventRef
from .site import Origin, Site, present

Span = tuple[int, int]
# Beyond this many words compared (paragraph words x quote words), no closest match is suggested:
# hostile data must not make the check slow, and such a paragraph is no place to guess.
_MAX_COMPARED = 200_000
_EDGES = "\"'\u201c\u201d\u2018\u2019,.;:!?()"


def quote_spans(paragraph: str, quote: str) -> list[Span]:
    """Where `quote` occurs in `paragraph` (start, end), whitespace runs matching each other."""
    words = quote.split()
    if not words:
        return []
    pattern = r"\s+".join(map(re.escape, words))
    return [match.span() for match in re.finditer(pattern, paragraph)]


def reading_order(article: Article) -> list[Claim]:
    """The claims in the order a reader meets them (paragraph, then place): their note numbers, from 1.

    Claims whose quote is not found (never so in validated data) go last, in file order."""
    paragraphs = article.paragraphs()

    def place(claim: Claim) -> tuple[int, int]:
        spans = quote_spans(paragraphs[claim.paragraph - 1], claim.quote) if claim.paragraph <= len(paragraphs) else []
        return (claim.paragraph, spans[0][0]) if spans else (len(paragraphs) + 1, 0)

    return sorted(article.claims, key=place)


def event_keys(events: Iterable[Event]) -> dict[tuple[str, str], int]:
    """Each event's position by its (date, title), the way outcomes name events."""
    keys: dict[tuple[str, str], int] = {}
    for index, event in enumerate(events):
        keys.setdefault((event.date, event.title), index)
    return keys


def check_claims(site: Site) -> list[Problem]:
    """Every problem with the claims, outcomes and updates of every story."""
    keys = event_keys(site.events)
    timeline = None if ("events", "*") in site.broken else (site.events, keys)
    problems: list[Problem] = []
    for slug, article in site.articles.items():
        origin = site.origins[("articles", slug)]
        problems += _claims(origin, article) if article.body is not None else []  # else no quote can be checked
        problems += _outcomes(origin, article, timeline)
        if article.date is not None:  # else its problem is reported, and no date can be compared with it
            problems += _next_edits(origin, article, timeline)
            problems += _updates(origin, article)
    return problems


# --- claims ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Located:
    index: int
    claim: Claim
    span: Span


def _claims(origin: Origin, article: Article) -> Iterator[Problem]:
    paragraphs = article.paragraphs()
    located: list[_Located] = []
    first: dict[str, int] = {}
    for index, claim in present(article.claims):
        if claim.id in first:
            yield origin.problem(
                ("claims", index, "id"), f"duplicate claim id '{claim.id}' (first at claims.{first[claim.id]})"
            )
        if claim.id is not None:
            first.setdefault(claim.id, index)
        if claim.paragraph is None or claim.quote is None or claim.paragraph > len(paragraphs):
            continue  # reported already, or by the cross-file checks (a paragraph that does not exist)
        problem, span = _locate(claim, paragraphs)
        if problem:
            yield origin.problem(("claims", index, "quote"), problem)
        elif span:
            located.append(_Located(index, claim, span))
    yield from _overlaps(origin, located)


def _locate(claim: Claim, paragraphs: list[str]) -> tuple[str | None, Span | None]:
    """The quote's one place in its paragraph, or what is wrong with it."""
    number, text = claim.paragraph, paragraphs[claim.paragraph - 1]
    spans = quote_spans(text, claim.quote)
    if not spans:
        return _not_found(claim, paragraphs), None
    if len(spans) > 1:
        return (
            f"occurs {len(spans)} times in paragraph {number}; quote more of the words around it so that it occurs once"
        ), None
    cut = _cut_insertion(text, spans[0])
    if cut:
        return (
            f"cuts the editorial insertion '{cut}' in paragraph {number}; quote the whole insertion or none of it",
            None,
        )
    return None, spans[0]


def _not_found(claim: Claim, paragraphs: list[str]) -> str:
    """Name the paragraphs that do hold the quote, or the closest words in the one named."""
    elsewhere = [number for number, text in enumerate(paragraphs, 1) if quote_spans(text, claim.quote)]
    if len(elsewhere) == 1:
        return f"is in paragraph {elsewhere[0]}, not {claim.paragraph}; set paragraph: {elsewhere[0]}"
    if elsewhere:
        listed = ", ".join(map(str, elsewhere[:-1])) + f" and {elsewhere[-1]}"
        return f"is in paragraphs {listed}, not {claim.paragraph}; set paragraph to the one you mean"
    close = closest_words(claim.quote, paragraphs[claim.paragraph - 1])
    hint = f'the closest words there are "{close}"' if close else "no words there come close"
    return f"not found in paragraph {claim.paragraph}; {hint}; copy the quote from the body exactly"


def closest_words(quote: str, paragraph: str) -> str | None:
    """The run of the paragraph's words most like `quote` (as many words as it has), if one is close."""
    words, size = paragraph.split(), len(quote.split())
    if not words or len(words) * size > _MAX_COMPARED:
        return None
    windows = [" ".join(words[start : start + size]) for start in range(max(len(words) - size, 0) + 1)]
    wanted = " ".join(quote.split())
    close = difflib.get_close_matches(wanted, windows, n=1, cutoff=0.5)
    return _trimmed(close[0], wanted) if close else None


def _trimmed(words: str, quote: str) -> str:
    """The words without the punctuation around them that the quote does not have ("Station," -> Station)."""
    start, end = 0, len(words)
    while start < end and words[start] in _EDGES and not quote.startswith(words[start]):
        start += 1
    while end > start and words[end - 1] in _EDGES and not quote.endswith(words[end - 1]):
        end -= 1
    return words[start:end]


def _cut_insertion(text: str, span: Span) -> str | None:
    """The insertion marker that the quote starts or ends inside of, if any."""
    start, end = span
    for match in INSERTION.finditer(text):
        inside = match.start() < start < match.end() or match.start() < end < match.end()
        if inside:
            return match.group()
    return None


def _overlaps(origin: Origin, located: list[_Located]) -> Iterator[Problem]:
    """Claims sharing words in one paragraph: the one later in the file is reported, naming the other."""
    reach: _Located | None = None  # of the claims so far in this paragraph, the one that ends last
    for item in sorted(located, key=lambda item: (item.claim.paragraph, item.span)):
        if reach and reach.claim.paragraph == item.claim.paragraph and item.span[0] < reach.span[1]:
            later, earlier = (item, reach) if item.index > reach.index else (reach, item)
            yield origin.problem(
                ("claims", later.index, "quote"),
                f"overlaps the quote of claim '{earlier.claim.id}' (claims.{earlier.index}) in paragraph "
                f"{later.claim.paragraph}; two claims may not share words",
            )
        if not reach or reach.claim.paragraph != item.claim.paragraph or item.span[1] > reach.span[1]:
            reach = item


# --- outcomes and updates ---------------------------------------------------------------

_Events = tuple[list[Event], dict[tuple[str, str], int]]  # the events, and each one's place by (date, title)


def _outcomes(origin: Origin, article: Article, timeline: _Events | None) -> Iterator[Problem]:
    claims = [claim.id for _, claim in present(article.claims) if claim.id is not None]
    # A claim whose id did not validate may be the one named: its problem is reported, not this one.
    known = set(claims) if len(claims) == len(article.claims or []) else None
    for index, outcome in present(article.outcomes):
        if article.date is not None and outcome.date is not None and last_day(outcome.date) < article.date:
            yield origin.problem(
                ("outcomes", index, "date"),
                f"{outcome.date} is before the story's date ({article.date}); an outcome is what happened after the story",
            )
        if outcome.claim is not None and known is not None and outcome.claim not in known:
            yield origin.problem(("outcomes", index, "claim"), _unknown_claim(outcome.claim, claims))
        if _named_event(outcome.event) and timeline and (outcome.event.date, outcome.event.title) not in timeline[1]:
            yield origin.problem(("outcomes", index, "event"), _unknown_event(outcome.event, timeline[0]))


def _next_edits(origin: Origin, article: Article, timeline: _Events | None) -> Iterator[Problem]:
    """Pinned and dropped events: each one on the timeline, a pin after the story and not an outcome
    already, no event both pinned and dropped."""
    edits = article.next
    if edits is None or timeline is None:
        return
    given = {(o.event.date, o.event.title): i for i, o in present(article.outcomes) if _named_event(o.event)}
    pinned = {(ref.date, ref.title): i for i, ref in reversed(list(present(edits.pin)))}
    for field, refs in (("pin", edits.pin), ("drop", edits.drop)):
        for index, ref in present(refs):
            if not _named_event(ref):
                continue  # its problem is reported
            key, path = (ref.date, ref.title), ("next", field, index)
            if key not in timeline[1]:
                yield origin.problem(path, _unknown_event(ref, timeline[0]))
            elif field == "pin" and last_day(ref.date) < article.date:
                yield origin.problem(
                    path,
                    f"{ref.date} is before the story's date ({article.date}); pin only what happened after the story",
                )
            elif field == "pin" and key in given:
                yield origin.problem(path, f"the event is already outcomes.{given[key]} of this story; remove the pin")
            elif field == "drop" and key in pinned:
                yield origin.problem(
                    path, f"the event is also pinned (next.pin.{pinned[key]}); keep the pin or the drop"
                )


def _named_event(ref: EventRef | None) -> bool:
    """Whether an outcome names an event by a valid date and title (else: no event, or already reported)."""
    return ref is not None and ref.date is not None and ref.title is not None


def _unknown_claim(key: str, claims: list[str]) -> str:
    close = difflib.get_close_matches(key, claims, n=1)
    hint = f"did you mean '{close[0]}'?" if close else "add a claim with that id under 'claims' or fix the id"
    return f"unknown claim id '{key}'; {hint}"


def _unknown_event(ref: EventRef, events: list[Event]) -> str:
    """Suggest the likeliest event: one of that date first, else the closest title of any date."""
    same_day = [event for event in events if event.date == ref.date]
    pool = same_day or events
    titles = difflib.get_close_matches(ref.title, [event.title for event in pool], n=1, cutoff=0.4 if same_day else 0.6)
    found = f"no event on {ref.date} titled '{ref.title}' in data/events.yml"
    if not titles:
        return f"{found}; add it there, or copy the date and title of an event exactly"
    match = next(event for event in pool if event.title == titles[0])
    return f"{found}; did you mean '{match.title}' ({match.date})? Copy the date and title exactly"


def _updates(origin: Origin, article: Article) -> Iterator[Problem]:
    for index, update in present(article.updates):
        if update.date is not None and update.date < article.date:
            yield origin.problem(
                ("updates", index, "date"),
                f"{update.date} is before the story's date ({article.date}); an update changes the published story",
            )
