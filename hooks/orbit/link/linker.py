"""Link the first mention of every known name in a page's HTML to its glossary entry or profile.

All names compile into one trie-shaped regular expression, so the cost of a scan depends on the
text, not on how many names there are. Only text nodes are touched: never tags or attributes,
and never inside links, headings (and table headers), code, scripts or form controls. Acronyms (all capitals) match
case-sensitively, other names case-insensitively; the longest name wins ("International Space
Station" before "Space Station"), and a name never starts or ends inside a word.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..log import log
from ..pages.addresses import relative_url
from .entities import Entity

_SKIP = (
    "a",
    "code",
    "pre",
    "kbd",
    "samp",
    "script",
    "style",
    "textarea",
    "select",
    "option",
    "button",
    "svg",
    "title",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "th",
    "time",
    "label",
    "header",
    "footer",  # a story's credit line: its publisher's words, never links
)
# One pass, linear in the page's length whatever it holds: the regex finds the next comment
# start, scope tag, skipped element's start tag or name; Python jumps past a comment or skipped
# element with str.find / one search for its end tag (never a lazy `.*?` that a missing end would
# run to the page's end, once per start), and a name whose next `>` comes before its next `<`
# sits inside a tag (the next `<` and `>` are remembered, as matches only move forward).
_SCOPE_TAG = r'<[^<>]*\sdata-orbit-link-scope="(?P<scope>[a-z-]+)"[^<>]*>'
_SKIP_START = rf"<(?P<skip>{'|'.join(_SKIP)})(?=[\s/>])[^<>]*(?<!/)>"
# A line of words in running text that are not the page's own (the front page's "date ·
# publisher"): a `<span data-orbit-no-link>`, skipped to its first `</span>` (so no span inside).
_MARKED_START = r"<(?P<marked>span)\s[^<>]*?data-orbit-no-link(?=[\s=>])[^<>]*>"
_COMMENT = r"(?P<comment><!--)"
_ENDS = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in (*_SKIP, "span")}
_SPACE = r"[\s\u00a0\-\u2010\u2011]"
_SEPARATOR = f"{_SPACE}+"
_RAW_SEPARATOR = f"(?:{_SPACE}|&nbsp;|&#160;)+"
_APOSTROPHES = "'\u2018\u2019\u02bc"
_APOSTROPHE = f"[{_APOSTROPHES}]"
_RAW_APOSTROPHE = f"(?:{_APOSTROPHE}|&#x27;|&#39;|&rsquo;|&apos;)"
_BEFORE = r"(?<![\w/@.\-])"
_AFTER = r"(?![\w/@\-]|\.\w)"


class Mention(NamedTuple):  # a tuple: a large site makes a great many
    """One linked mention: which entity, and the anchor of the link on the page."""

    entity: str
    anchor: str
    scope: str


@dataclass
class Linker:
    """A compiled matcher for every entity name; build once per build, use on every page."""

    entities: dict[str, Entity]
    _by_key: dict[str, str] = field(init=False)  # folded name -> entity id
    _exact: dict[str, set[str]] = field(init=False)  # folded acronym -> the spellings it must match
    _scanner: re.Pattern = field(init=False)
    _spellings: dict[str, str | None] = field(init=False, default_factory=dict)  # raw match -> entity id

    def __post_init__(self) -> None:
        self._by_key, exact, free = {}, {}, set()
        for entity in self.entities.values():
            for name in map(_normalise, entity.names):
                self._by_key.setdefault(_fold(name), entity.id)
                if _is_acronym(name):
                    exact.setdefault(_fold(name), set()).add(name)
                else:
                    free.add(_fold(name))
        # A folded name with any non-acronym spelling matches in any case.
        self._exact = {key: spellings for key, spellings in exact.items() if key not in free}
        self._scanner = _scanner(_all_names(self.entities.values()), 0)

    @functools.cached_property
    def _any_case_scanner(self) -> re.Pattern:
        """For the rare page whose lowercase differs in length (such as "İ"): slower, never misaligned."""
        return _scanner(_all_names(self.entities.values()), re.I)

    def link(self, page_html: str, page_url: str, exclude: Iterable[str] = ()) -> tuple[str, list[Mention]]:
        """Link first mentions in `page_html` (at `page_url`); return the HTML and what was linked."""
        state = _State(page_url, set(exclude))
        # Case-sensitive matching of lowercase names in lowercase text is twice as fast as re.I.
        text = page_html.lower()
        scanner = self._scanner
        if len(text) != len(page_html):
            log.debug("Linking %s with the slower any-case matcher: its lowercase changes length", page_url)
            text, scanner = page_html, self._any_case_scanner
        out, last, pos, walls = [], 0, 0, _Walls(text)
        while match := scanner.search(text, pos):
            kind, pos = match.lastgroup, match.end()
            if kind == "comment":  # an unclosed comment runs to the end of the page
                pos = _find(text, "-->", pos) + 3
            elif kind in ("skip", "marked"):
                pos = walls.past_end(match.group(kind).lower(), pos)
            elif kind == "scope":
                state.enter(match.group("scope"))
            elif not walls.in_tag(pos):
                raw = page_html[match.start() : pos]
                key = self._lookup(raw)
                if key is None or key in state.seen or key in state.exclude:
                    continue
                out += [page_html[last : match.start()], state.anchor(self.entities[key], raw)]
                last = pos
        return "".join(out) + page_html[last:] if out else page_html, state.mentions

    def _lookup(self, raw: str) -> str | None:
        """The entity id of a matched spelling; the same few spellings recur on every page."""
        if raw not in self._spellings:
            self._spellings[raw] = self._resolve(raw)
        return self._spellings[raw]

    def _resolve(self, raw: str) -> str | None:
        """The entity id of a matched name, or None when an acronym's case differs ("Leo" is not "LEO")."""
        norm = _normalise(html.unescape(raw))
        key = _fold(norm)
        if key in self._exact and norm not in self._exact[key]:
            return None
        return self._by_key.get(key)


class _Walls:
    """Where tags and skipped elements end, found by forward searches only (so linear in all)."""

    def __init__(self, text: str):
        self.text, self.next_lt, self.next_gt = text, -1, -1
        self.endless: dict[str, int] = {}  # element -> a position after which it has no end tag

    def in_tag(self, at: int) -> bool:
        """Whether position `at` is inside a tag: its next `>` comes before its next `<`."""
        if self.next_lt < at:
            self.next_lt = _find(self.text, "<", at)
        if self.next_gt < at:
            self.next_gt = _find(self.text, ">", at)
        return self.next_gt < self.next_lt

    def past_end(self, element: str, at: int) -> int:
        """Just after the end tag of `element` that follows `at`; `at` itself when there is none."""
        if self.endless.get(element, len(self.text) + 1) <= at:
            return at
        end = _ENDS[element].search(self.text, at)
        if end is None:
            self.endless[element] = at
            return at
        return end.end()


def _find(text: str, char: str, at: int) -> int:
    found = text.find(char, at)
    return len(text) + 1 if found < 0 else found


@dataclass
class _State:
    page_url: str
    exclude: set[str]
    seen: set[str] = field(default_factory=set)
    scope: str = "page"
    scopes: int = 0
    mentions: list[Mention] = field(default_factory=list)

    def enter(self, scope: str) -> None:
        """A new scope (such as the comment thread) links its own first mentions again."""
        self.scope, self.scopes, self.seen = scope, self.scopes + 1, set()

    def anchor(self, entity: Entity, raw: str) -> str:
        """The link for a first mention; `raw` is the matched HTML text, already escaped."""
        self.seen.add(entity.id)
        anchor = f"ref-{entity.id}" + (f"-{self.scopes}" if self.scopes else "")
        self.mentions.append(Mention(entity.id, anchor, self.scope))
        href = relative_url(entity.url, self.page_url)
        # No preview text in the page: orbit.js fetches it from beside the entry (`preview_files`).
        text = raw if raw.isascii() else unicodedata.normalize("NFC", raw)
        return f'<a class="orbit-term" id="{anchor}" href="{html.escape(href)}">{text}</a>'


def _scanner(names: list[str], flags: int) -> re.Pattern:
    """Comments, scopes, skipped elements (each consumed whole) and names, in one pass over a page."""
    pattern = f"{_COMMENT}|{_SCOPE_TAG}|{_SKIP_START}|{_MARKED_START}|(?P<name>{_names_pattern(names)})"
    return re.compile(pattern, flags | re.S)


def _all_names(entities: Iterable[Entity]) -> list[str]:
    return [name for entity in entities for name in entity.names]


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _normalise(name: str) -> str:
    """One spelling per name: NFC, straight apostrophes, single spaces for spaces and hyphens."""
    name = re.sub(_APOSTROPHE, "'", unicodedata.normalize("NFC", name))
    return re.sub(_SEPARATOR, " ", name).strip()


def _fold(name: str) -> str:
    """The case-free key of a normalised name."""
    return name.lower()


def compile_names(names: Iterable[str]) -> re.Pattern:
    """One case-insensitive regex, shaped as a trie of all names, so the longest name wins.

    The trie is deterministic (one branch per next character), so its greedy optional endings
    find the longest name; the exact case of acronyms is checked after the match (`Linker._lookup`).
    """
    return re.compile(_names_pattern(names), re.IGNORECASE)


def _names_pattern(names: Iterable[str]) -> str:
    """The trie of all names, also accepting them as escaped HTML text and in decomposed form."""
    keys = {_fold(_normalise(name)) for name in names if _normalise(name)}
    if not keys:
        return r"(?!x)x"
    return f"{_BEFORE}(?:{_node_pattern(_trie(keys))}){_AFTER}"


def _trie(words: set[str]) -> dict:
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie


def _node_pattern(node: dict) -> str:
    """Longest alternatives first and optional endings greedy, so the longest name wins."""
    ends = "" in node
    options = [_char(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not options:
        return ""
    body = options[0] if len(options) == 1 else f"(?:{'|'.join(options)})"
    if ends:
        return f"(?:{body})?"
    return body


def _char(char: str) -> str:
    if char == " ":
        return _RAW_SEPARATOR
    if char == "'":
        return _RAW_APOSTROPHE
    # Text in HTML may be escaped ("&amp;") or decomposed ("o" + combining diaeresis).
    spellings = {
        re.escape(html.escape(char, quote=False)),
        re.escape(char),
        re.escape(unicodedata.normalize("NFD", char)),
    }
    return spellings.pop() if len(spellings) == 1 else f"(?:{'|'.join(sorted(spellings, key=len, reverse=True))})"
