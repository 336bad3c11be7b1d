"""Link the first mention of every known name in a page's HTML to its glossary entry or profile.

All names compile into one trie-shaped regular expression, so the cost of a scan depends on the
text, not on how many names there are. Only text nodes are touched: never tags or attributes,
and never inside links, headings (and table headers), code, scripts or form controls. Acronyms (all capitals) match
case-sensitively, other names case-insensitively; the longest name wins ("International Space
Station" before "Space Station"), and a name never starts or ends inside a word.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from .entities import Entity
from .paths import relative_url

_SKIP = {"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "select", "option",
         "button", "svg", "title", "h1", "h2", "h3", "h4", "h5", "h6", "th", "time", "label", "header"}
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)([^>]*)>")
_SCOPE = re.compile(r'data-orbit-link-scope="([a-z-]+)"')
_SEPARATOR = r"[\s\u00a0\-\u2010\u2011]+"
_APOSTROPHES = "'\u2018\u2019\u02bc"
_APOSTROPHE = f"[{_APOSTROPHES}]"
_BEFORE = r"(?<![\w/@.\-])"
_AFTER = r"(?![\w/@\-]|\.\w)"


@dataclass(frozen=True)
class Mention:
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
    _pattern: re.Pattern = field(init=False)

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
        self._pattern = compile_names(_all_names(self.entities.values()))

    def link(self, page_html: str, page_url: str, exclude: Iterable[str] = ()) -> tuple[str, list[Mention]]:
        """Link first mentions in `page_html` (at `page_url`); return the HTML and what was linked."""
        state = _State(page_url, set(exclude))
        out = [self._token(token, state) for token in _TOKEN.split(page_html)]
        return "".join(out), state.mentions

    def _lookup(self, text: str) -> str | None:
        """The entity id of a matched name, or None when an acronym's case differs ("Leo" is not "LEO")."""
        norm = _normalise(text)
        key = _fold(norm)
        if key in self._exact and norm not in self._exact[key]:
            return None
        return self._by_key.get(key)

    def _token(self, token: str, state: "_State") -> str:
        if token.startswith("<"):
            state.see_tag(token)
            return token
        if state.skipping or not token.strip():
            return token
        return self._text(token, state)

    def _text(self, raw: str, state: "_State") -> str:
        # NFC, so a decomposed "Wo\u0308rner" still meets the composed name in the pattern.
        text = unicodedata.normalize("NFC", html.unescape(raw))
        pieces, last, changed = [], 0, False
        for match in self._pattern.finditer(text):
            key = self._lookup(match.group())
            if key is None or key in state.seen or key in state.exclude:
                continue
            entity = self.entities[key]
            pieces += [html.escape(text[last:match.start()], quote=False), state.anchor(entity, match.group())]
            last, changed = match.end(), True
        if not changed:
            return raw
        return "".join(pieces) + html.escape(text[last:], quote=False)


@dataclass
class _State:
    page_url: str
    exclude: set[str]
    seen: set[str] = field(default_factory=set)
    depth: dict[str, int] = field(default_factory=dict)
    scope: str = "page"
    scopes: int = 0
    mentions: list[Mention] = field(default_factory=list)
    titled: set[str] = field(default_factory=set)  # entities whose tooltip this page already has

    @property
    def skipping(self) -> bool:
        return any(self.depth.values())

    def see_tag(self, token: str) -> None:
        match = _TAG.match(token)
        if not match or token.endswith("/>"):
            return
        closing, name = match.group(1), match.group(2).lower()
        scope = _SCOPE.search(match.group(3))
        if scope and not closing:
            # A new scope (such as the comment thread) links its own first mentions again.
            self.scope, self.scopes, self.seen = scope.group(1), self.scopes + 1, set()
        if name in _SKIP:
            self.depth[name] = max(0, self.depth.get(name, 0) + (-1 if closing else 1))

    def anchor(self, entity: Entity, text: str) -> str:
        self.seen.add(entity.id)
        anchor = f"ref-{entity.id}" + (f"-{self.scopes}" if self.scopes else "")
        self.mentions.append(Mention(entity.id, anchor, self.scope))
        href = relative_url(entity.url, self.page_url)
        # One tooltip per entity and page: a long comment thread would repeat kilobytes of them.
        title = "" if entity.id in self.titled else f' title="{html.escape(entity.tooltip)}"'
        self.titled.add(entity.id)
        return f'<a class="orbit-term" id="{anchor}" href="{html.escape(href)}"{title}>{html.escape(text, quote=False)}</a>'



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
    keys = {_fold(_normalise(name)) for name in names if _normalise(name)}
    if not keys:
        return re.compile(r"(?!x)x")
    return re.compile(f"{_BEFORE}(?:{_trie_pattern(keys)}){_AFTER}", re.IGNORECASE)


def _trie_pattern(words: set[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


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
        return _SEPARATOR
    if char == "'":
        return _APOSTROPHE
    return re.escape(char)
