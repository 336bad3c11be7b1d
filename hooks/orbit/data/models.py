"""Validated data models: the data contract of `data/` (DATA_CONTRACT.md)."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Words the editors restored in a story's body: `{++space++}` (DATA_CONTRACT.md).
INSERTION = re.compile(r"\{\+\+(.+?)\+\+\}")
MAX_ID = 80  # an id becomes a file name and an address: every file system must take it
MAX_NAME = 120  # names and aliases: one line of text, and one branch of the linker's pattern
MAX_COMMENT = 5000  # characters of a reader's comment: one comment must fit a page (PERFORMANCE.md)
MAX_NOTE = 1000  # characters of an editor's note on a comment
MAX_AUTHOR = 300  # characters of a reader's name as the comment system gave it
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_text(value: object) -> object:
    """A full date only as YYYY-MM-DD text (or a date made in code): a number would be read as
    seconds since 1970, and a time zone silently dropped."""
    if type(value) is dt.date:
        return value
    if not isinstance(value, str) or not _FULL_DATE.fullmatch(value):
        raise ValueError(f"must be a date as YYYY-MM-DD (text, without a time), got {value!r}")
    return value


def _partial_date_text(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError(f"must be a date as text, YYYY-MM-DD, YYYY-MM or YYYY (in quotes: '{value}'), got {value!r}")
    return value


def _x_value(value: object) -> object:
    """An x value is text or a finite number; `true` would otherwise become 1."""
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        raise ValueError(f"must be text or a finite number, got {str(value).lower()}")
    return value


def _check_partial_date(value: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD, and only real calendar dates."""
    match = _PARTIAL_DATE.match(value)
    if not match or (match.group(3) and not match.group(2)):
        raise ValueError(f"must be a date as YYYY-MM-DD, YYYY-MM or YYYY, got {value!r}")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"is not a real calendar date: {value!r}") from None
    return value


def _check_rating(value: float) -> float:
    if not 0 <= value <= 5:
        raise ValueError(f"must be between 0 and 5, got {value:g}")
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=MAX_ID)]
Date = Annotated[dt.date, BeforeValidator(_date_text)]
PartialDate = Annotated[str, BeforeValidator(_partial_date_text), AfterValidator(_check_partial_date)]
Text = Annotated[str, Field(min_length=1)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME)]
Confidence = Literal["high", "medium", "low"]


class Strict(BaseModel):
    """Base model: unknown keys are errors, so a typo never silently drops data."""

    # Numbers are finite: NaN and infinity would be published as `nan` and `inf`.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True, allow_inf_nan=False)


class Source(Strict):
    title: Text
    url: HttpUrl
    accessed: Date | None = None


class Caveated(Strict):
    """A fact with a confidence level: anything below "high" must carry a visible caveat."""

    confidence: Confidence = "high"
    caveat: Text | None = None

    @model_validator(mode="after")
    def _caveat_needed(self) -> Caveated:
        if self.confidence != "high" and not self.caveat:
            raise ValueError(f"a {self.confidence}-confidence fact needs a 'caveat' for readers")
        return self


# --- articles ---------------------------------------------------------------


class Image(Strict):
    caption: Text
    credit: Text | None = None
    after_paragraph: int = Field(
        ge=0, description="Paragraph number (1-based) the image follows; 0 puts it above the first paragraph."
    )


class Related(Strict):
    title: Text
    date: Date
    summary: Text
    article: Id | None = None


class Quote(Strict):
    person: Id
    paragraph: int = Field(ge=1)


class ParagraphNote(Strict):
    paragraph: int = Field(ge=1)
    text: Text
    sources: list[Source] = Field(min_length=1)


# What a claim's note tells the reader about it (DATA_CONTRACT.md).
ClaimKind = Literal["context", "outdated", "disputed", "confirmed", "prediction"]


class Claim(Caveated):
    """A passage of the body checked by the editors: an exact quote of one paragraph and its note."""

    id: Id
    paragraph: int = Field(ge=1, description="Paragraph number (1-based) that holds the quote.")
    quote: Text = Field(description="Words of that paragraph, exactly as the body has them; they must occur once.")
    kind: ClaimKind
    explanation: Text = Field(description="The note, in Markdown; [[id]] markers link terms, agencies and people.")
    as_of: PartialDate = Field(description="The date the explanation holds as of: that of its newest source.")
    sources: list[Source] = Field(min_length=1)


class EventRef(Strict):
    """An event of data/events.yml, named by its date and title exactly as written there."""

    date: PartialDate
    title: Text


class Outcome(Caveated):
    """Something that happened after the story, shown under "What happened next"."""

    date: PartialDate
    text: Text = Field(description="One line, plain text.")
    claim: Id | None = Field(None, description="The id of the claim it bears on, if any.")
    event: EventRef | None = Field(None, description="The same happening on the timeline, if it is there.")
    sources: list[Source] = Field(min_length=1)


class NextEdits(Strict):
    """The editors' say over the timeline events of "What happened next": events to show whatever
    they share with the story (`pin`), and events it would show on its own to leave out (`drop`)."""

    pin: list[EventRef] = []
    drop: list[EventRef] = []


class Update(Strict):
    """A dated note of what the editors changed on the story's page."""

    date: Date
    text: Text = Field(description="What changed, plain text.")


class Article(Strict):
    title: Text
    date: Date
    byline: Text
    author: Id | None = None
    publisher: Text
    source: Source
    # Required, so that no story is published without saying whose text it is.
    rights: Text = Field(description="The story's credit line: whose text it is and on what terms it is reproduced.")
    dek: Text
    body: Text
    cut_off: Text | None = Field(
        None,
        description="Where the source's text stops short of the whole story: what readers should know, plain "
        "text, shown after the last paragraph.",
    )
    images: list[Image] = []
    related: list[Related] = []
    explore_further: Text | None = None
    tags: list[Text] = []
    quotes: list[Quote] = []
    notes: list[ParagraphNote] = []
    claims: list[Claim] = []
    outcomes: list[Outcome] = []
    next: NextEdits | None = Field(None, description='Timeline events to pin to or drop from "What happened next".')
    updates: list[Update] = []

    def paragraphs(self) -> list[str]:
        """The body's paragraphs: blocks separated by blank lines."""
        return [block.strip() for block in re.split(r"\n\s*\n", self.body) if block.strip()]


# --- comments ---------------------------------------------------------------


class Rating(Strict):
    average: Annotated[float, AfterValidator(_check_rating)]
    votes: int = Field(ge=1)


class EditorNote(Strict):
    text: Annotated[str, Field(min_length=1, max_length=MAX_NOTE)]
    sources: list[Source] = []


class Comment(Strict):
    id: Id
    author: Annotated[str, Field(max_length=MAX_AUTHOR)] = ""
    date: Date
    rating: Rating | None = None
    status: Literal["published", "removed"] = "published"
    body: Annotated[str, Field(max_length=MAX_COMMENT)] = ""
    reply_to: Id | None = None
    notes: Annotated[list[EditorNote], Field(max_length=3)] = []

    @model_validator(mode="after")
    def _body_needed(self) -> Comment:
        if self.status == "published" and not self.body.strip():
            raise ValueError("a published comment needs a 'body'")
        return self


class CommentThread(Strict):
    comments: list[Comment]


# --- agencies and people ----------------------------------------------------


class Head(Caveated):
    person: Id
    title: Text
    from_: PartialDate | None = Field(None, alias="from")
    to: PartialDate | None = None
    source: Source


class Budget(Caveated):
    year: int = Field(ge=1900, le=2100)
    period: Text | None = None
    amount: float = Field(gt=0)
    scale: Literal["million", "billion"]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    usd_billion: float | None = Field(None, gt=0)
    note: Text | None = None
    source: Source


def usd_billion(budget: Budget) -> float | None:
    """The budget in billions of US dollars, if given or if the budget is in dollars."""
    if budget.usd_billion is not None:
        return budget.usd_billion
    if budget.currency == "USD":
        return budget.amount if budget.scale == "billion" else budget.amount / 1000
    return None


class Flag(Caveated):
    value: bool
    note: Text | None = None
    source: Source


class Agency(Strict):
    name: Name
    acronym: Name
    country: Text
    founded: PartialDate
    founded_note: Text | None = None
    headquarters: Text
    headquarters_note: Text | None = None
    website: HttpUrl | None = None
    summary: Text
    aliases: list[Name] = []
    heads: list[Head] = []
    budget: list[Budget] = []
    iss_partner: Flag
    isecg_member: Flag
    crewed_launch: Flag
    sources: list[Source] = Field(min_length=1)


class Role(Caveated):
    title: Text
    organisation: Text
    agency: Id | None = None
    from_: PartialDate | None = Field(None, alias="from")
    to: PartialDate | None = None
    source: Source | None = None


class Person(Strict):
    name: Name
    aliases: list[Name] = []
    summary: Text
    roles: list[Role] = []
    sources: list[Source] = Field(min_length=1)


# --- glossary and events ----------------------------------------------------


class Term(Strict):
    id: Id
    term: Name
    aliases: list[Name] = []
    definition: Text
    see_also: list[Id] = []
    sources: list[Source] = Field(min_length=1)


class Glossary(Strict):
    terms: list[Term]


Category = Literal["china", "iss", "us-policy", "international"]
# The words for each event category: its lane on the timeline chart.
CATEGORY_LANES = {"china": "China", "iss": "ISS", "us-policy": "US policy", "international": "International"}


class Event(Caveated):
    date: PartialDate
    title: Text
    summary: Text
    category: Category
    actors: list[Id] = []
    tags: list[Text] = Field([], description="Story tags it bears on, written as stories write them.")
    source: Source
    article: Id | None = None


class Timeline(Strict):
    events: list[Event] = Field(min_length=1)


# --- charts -----------------------------------------------------------------


class Point(Strict):
    x: Annotated[str | int | float, BeforeValidator(_x_value)]
    y: float
    note: Annotated[str, Field(min_length=1, max_length=300)] | None = None


class Series(Strict):
    name: Name
    points: list[Point] = Field(min_length=1)


class Span(Caveated):
    """A stretch of time on one lane of a "spans" chart; without `end`, a single milestone."""

    lane: Name
    label: Annotated[str, Field(min_length=1, max_length=300)]
    start: PartialDate
    end: PartialDate | None = None
    source: Source


# Every agency with budget figures has a chart of its own, `agency-<agency id>`: chart files may not take these ids.
AGENCY_PREFIX = "agency-"

# Charts whose numbers come from other data files, so they are never retyped.
Derivation = Literal["agency-budgets", "events", "comment-ratings"]
ChartKind = Literal["bar", "hbar", "line", "timeline", "spans"]

# Which kinds can show which origin of data.
_KINDS = {
    "series": ("bar", "hbar", "line"),
    "spans": ("spans",),
    "events": ("timeline",),
    "agency-budgets": ("bar", "hbar"),
    "comment-ratings": ("bar", "hbar"),
}


class Chart(Caveated):
    """A chart: its numbers (`series` or `spans`) or the data it derives them from (`derive`).

    Fields are validated in the order written here, so the checks on `derive`, `article`,
    `sources` and `kind` can see the fields before them and point at the field to fix.
    """

    title: Text
    caption: Text = Field(description="What the chart shows, in words; also its text alternative.")
    unit: Text
    x_title: Text | None = Field(None, description="Name of the categories or x axis, e.g. 'Country'.")
    series: list[Series] = []
    spans: list[Span] = []
    derive: Derivation | None = Field(None, validate_default=True)
    article: Id | None = Field(
        None, validate_default=True, description="The story the chart belongs to; required by 'comment-ratings'."
    )
    sources: list[Source] = Field(
        [], validate_default=True, description="Required unless derived: derived charts cite each figure's own source."
    )
    kind: ChartKind

    @field_validator("series")
    @classmethod
    def _one_axis_type(cls, value: list[Series]) -> list[Series]:
        first: dict[bool, str] = {}  # is text -> the first x of that type
        for i, series in enumerate(value):
            for j, point in enumerate(series.points):
                first.setdefault(isinstance(point.x, str), f"series.{i}.points.{j}.x")
        if len(first) > 1:
            raise ValueError(
                f"the x axis mixes text ({first[True]}) and numbers ({first[False]}); "
                "write every x as text (in quotes) or every x as a number"
            )
        return value

    @field_validator("derive")
    @classmethod
    def _one_data_origin(cls, value: str | None, info: ValidationInfo) -> str | None:
        if not {"series", "spans"} <= info.data.keys():
            return value  # a data field is already wrong; that error says enough
        given = [name for name in ("series", "spans") if info.data[name]] + ([value] if value else [])
        if len(given) != 1:
            raise ValueError(f"a chart needs exactly one of 'series', 'spans' or 'derive', got {_listing(given)}")
        return value

    @field_validator("article")
    @classmethod
    def _article_for_ratings(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("derive") == "comment-ratings" and not value:
            raise ValueError("is required by derive: comment-ratings (the story whose comments are rated)")
        return value

    @field_validator("sources")
    @classmethod
    def _sourced(cls, value: list[Source], info: ValidationInfo) -> list[Source]:
        if "derive" in info.data and not info.data["derive"] and not value:
            raise ValueError("a chart with its own numbers needs at least one source")
        return value

    @field_validator("kind")
    @classmethod
    def _kind_fits_data(cls, value: str, info: ValidationInfo) -> str:
        origin = chart_origin(info.data)
        if origin and value not in _KINDS[origin]:
            raise ValueError(f"'{value}' cannot show {_origin_text(origin)}; use {_listing(_KINDS[origin], 'or')}")
        return value


def chart_origin(fields: dict) -> str | None:
    """Where a chart's numbers come from: "series", "spans" or a derivation; None if not valid."""
    if not {"series", "spans", "derive"} <= fields.keys():
        return None
    if fields["derive"]:
        return fields["derive"]
    return next((name for name in ("series", "spans") if fields[name]), None)


def _origin_text(origin: str) -> str:
    return f"'{origin}'" if origin in ("series", "spans") else f"derive: {origin}"


def _listing(items, last: str = "and") -> str:
    quoted = [f"'{item}'" for item in items]
    if not quoted:
        return "none"
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {last} {quoted[-1]}"
