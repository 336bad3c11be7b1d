"""Read one YAML data file into plain data plus a map from field path to line number.

The file is read from libyaml's event stream in one loop with an explicit stack: no recursion,
so no depth of data can exhaust Python's stack or libyaml's (deep nesting is refused first), and
no anchor or alias is followed (they are refused, so a small file can never expand into a
huge one). Values are converted by PyYAML's own constructors, so numbers, booleans and nulls
read exactly as PyYAML reads them; dates stay text for the models to check.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events

from .errors import Problem, dotted

FieldPath = tuple[str | int, ...]

# Limits that keep one file from costing more than a page of data is worth.
MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 32
_REWORD_BYTES = 1024 * 1024  # past this size a syntax error keeps libyaml's wording (the pure-Python re-read is slow)
# Characters YAML does not allow in a file: C0 controls but tab, LF and CR; DEL; C1 but NEL; U+FFFE/U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 0x1B: "ESC", 0x7F: "DEL"}
_NO_ALIASES = "anchors (&name) and aliases (*name) are not allowed in data files; write the value out in full"


class _Loader(yaml.SafeLoader):
    """Safe loader that leaves dates as text, so the models report bad dates themselves."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same with libyaml (much faster); syntax errors are re-read with _Loader for its wording."""


# Without the implicit timestamp resolver, "2014-13-45" reaches validation instead of crashing.
_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlFile:
    """A parsed data file: its display name, its data and the line of every field path."""

    name: str
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)
    # Text values that hold `[[` (editors' markers): the line of each `[[` in the file, in order.
    texts: dict[FieldPath, tuple[int, ...]] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int | None:
        """The line of the deepest known field on `path` (parents stand in for missing keys)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None

    def text_line(self, path: FieldPath, offset: int, value: str) -> int | None:
        """The line of the `[[` at `offset` of text `value`, field `path` (whatever its YAML style:
        the file holds the same `[[` in the same order)."""
        lines = self.texts.get(path, ())
        nth = value.count("[[", 0, offset)
        return lines[nth] if nth < len(lines) else self.line_of(path)


# The last parse of each file, by path, with a digest of its bytes: `mkdocs serve` keeps this
# module between rebuilds, so a live reload parses only the files an editor changed.
_CACHE: dict[str, tuple[bytes, tuple[YamlFile | None, list[Problem]], tuple[int, int, int] | None]] = {}


def read_yaml(path: Path, name: str) -> tuple[YamlFile | None, list[Problem]]:
    """Parse `path` (or reuse its unchanged parse); return the file or the problems that stop it being read."""
    stamp = _stamp(path)
    cached = _CACHE.get(str(path))
    if cached and stamp and cached[2] == stamp and cached[0].endswith(name.encode()):
        return cached[1]  # not even read: a save changes a file's time (and the thousand others stay as they are)
    raw, problem = _read_bytes(path, name)
    if problem:
        return None, [problem]
    digest = hashlib.blake2b(raw, digest_size=16).digest() + name.encode()
    if cached is None or cached[0] != digest:
        cached = (digest, _parse_bytes(raw, name))
    # A stamp taken within a second or two of a write may outlive another write (file times are
    # coarse): as git does with "racily clean" files, such a file is read again next time.
    settled = stamp and time.time_ns() - stamp[0] > 2_000_000_000
    _CACHE[str(path)] = (*cached[:2], stamp if settled else None)
    return cached[1]


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """When and how big: a file whose stamp is unchanged holds the bytes it held."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def _read_bytes(path: Path, name: str) -> tuple[bytes, Problem | None]:
    """The file's bytes, or why they cannot be read (never a traceback)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            limit = MAX_BYTES // (1024 * 1024)
            return b"", Problem(
                name, None, "", f"is {size / 1048576:.1f} MB; a data file may be at most {limit} MB: split it"
            )
        return path.read_bytes(), None
    except IsADirectoryError:
        return b"", Problem(name, None, "", "is a folder, not a data file; rename it (data files end in .yml)")
    except FileNotFoundError:
        return b"", Problem(name, None, "", "is a link to a file that does not exist; remove it")
    except PermissionError:
        return b"", Problem(name, None, "", "cannot be read (permission denied); make it readable")
    except OSError as exc:
        return b"", Problem(name, None, "", f"cannot be read ({exc.strerror or 'input/output error'}); check the file")


def _parse_bytes(raw: bytes, name: str) -> tuple[YamlFile | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, None, "", f"is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8")]
    controls = _control_problems(text, name)
    if controls:
        return None, controls
    big = len(raw) > _REWORD_BYTES
    parsed = _Reader(name, _FastLoader, word_errors=big).read(text)
    if parsed is None:  # a syntax error: the pure-Python parser words it better (too slow for big files)
        parsed = _Reader(name, _Loader, word_errors=True).read(text)
    return parsed


def _control_problems(text: str, name: str, most: int = 5) -> list[Problem]:
    """Each line holding a character YAML refuses, by line and column (the first `most` lines)."""
    problems: list[Problem] = []
    for match in _FORBIDDEN.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if problems and problems[-1].line == line:
            continue
        column = match.start() - text.rfind("\n", 0, match.start())
        code = ord(match.group())
        label = f"U+{code:04X}" + (f" ({_CONTROL_NAMES[code]})" if code in _CONTROL_NAMES else "")
        message = f"column {column}: control character {label} is not allowed in a data file; delete it"
        problems.append(Problem(name, line, "", message))
        if len(problems) == most:
            break
    return problems


def _syntax_problem(name: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark else None
    what = getattr(exc, "problem", None) or str(exc)
    hint = "check the indentation, colons and quotes on this line and the one before"
    return Problem(name, line, "", f"YAML syntax error: {what}; {hint}")


_STR, _MAP, _SEQ, _MERGE = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "map", "seq", "merge"))
_START = (events.MappingStartEvent, events.SequenceStartEvent)
_END = (events.MappingEndEvent, events.SequenceEndEvent)


class _Open:
    """A mapping or list being filled, with its field path and (for a mapping) the key read last."""

    __slots__ = ("value", "path", "key", "key_line", "seen")

    def __init__(self, value: dict | list, path: FieldPath):
        self.value, self.path, self.key, self.key_line, self.seen = value, path, None, 0, set()


class _Reader:
    """One pass over a file's events: the plain data, the line of every field, and keys that appear twice."""

    def __init__(self, name: str, loader_class: type, word_errors: bool):
        self.name, self.loader_class, self.word_errors = name, loader_class, word_errors
        self.lines: dict[FieldPath, int] = {}
        self.texts: dict[FieldPath, tuple[int, ...]] = {}
        self.problems: list[Problem] = []

    def read(self, text: str) -> tuple[YamlFile | None, list[Problem]] | None:
        """The file and its problems; None on a syntax error when another loader should word it."""
        loader, self.text = self.loader_class(text), text
        self.loader = loader
        try:
            data = self._document(loader)
        except yaml.YAMLError as exc:
            return (None, [_syntax_problem(self.name, exc)]) if self.word_errors else None
        finally:
            loader.dispose()
        if data is _EMPTY:
            return None, [Problem(self.name, None, "", "is empty; add the fields the data contract requires")]
        if data is _STOPPED:
            return None, self.problems
        return YamlFile(self.name, data, self.lines, self.texts), self.problems

    def _document(self, loader) -> Any:
        loader.get_event()  # stream start
        if loader.check_event(events.StreamEndEvent):
            return _EMPTY
        loader.get_event()  # document start
        if loader.check_event(events.DocumentEndEvent):
            return _EMPTY
        data = self._values(loader)
        if data is _STOPPED:
            return data
        loader.get_event()  # document end
        if data is None:
            return _EMPTY
        if not loader.check_event(events.StreamEndEvent):
            line = loader.peek_event().start_mark.line + 1
            self.problems.append(
                Problem(self.name, line, "", "a second YAML document (---) starts here; keep one per file")
            )
            return _STOPPED
        return data

    def _values(self, loader) -> Any:
        """Read the document's node tree with an explicit stack of open collections."""
        stack: list[_Open] = []
        while True:
            event = loader.get_event()
            if isinstance(event, _END):
                done = stack.pop().value
                if not stack:
                    return done
                continue
            parent = stack[-1] if stack else None
            if parent is not None and isinstance(parent.value, dict) and parent.key is None:
                if self._key(event, parent) is _STOPPED:
                    return _STOPPED
                continue
            path = self._place(parent, event)
            value = self._value(event, path)
            if value is _STOPPED:
                return _STOPPED
            if parent is None and not isinstance(event, _START):
                return value
            if parent is not None:
                self._store(parent, value)
            if isinstance(event, _START):
                if len(stack) >= MAX_DEPTH:
                    # The field that holds the deep value: the path below it would be a line of zeros.
                    return self._stop(event, path[:2], f"nests more than {MAX_DEPTH} levels deep; flatten the data")
                stack.append(_Open(value, path))

    def _key(self, event, parent: _Open) -> Any:
        """Take a mapping key; only plain values (text, numbers) can be keys."""
        if isinstance(event, events.AliasEvent) or getattr(event, "anchor", None):
            return self._stop(event, parent.path, _NO_ALIASES)
        if not isinstance(event, events.ScalarEvent):
            return self._stop(event, parent.path, "a key must be plain text, not a list or mapping")
        if self._tag(event) == _MERGE:
            return self._stop(event, parent.path, "merge keys (<<) are not allowed in data files; write the fields out")
        key = self._scalar(event, parent.path)
        parent.key, parent.key_line = key, event.start_mark.line + 1
        return key

    def _place(self, parent: _Open | None, event) -> FieldPath:
        """The field path of the value `event` starts, with its line (a field's line is its key's)."""
        if parent is None:
            path, line = (), event.start_mark.line + 1
        elif isinstance(parent.value, dict):
            path, line = parent.path + (str(parent.key),), parent.key_line
            if parent.key in parent.seen:
                self.problems.append(Problem(self.name, line, dotted(path), "appears twice; keep one"))
            parent.seen.add(parent.key)
        else:
            path, line = parent.path + (len(parent.value),), event.start_mark.line + 1
        self.lines[path] = line
        return path

    def _store(self, parent: _Open, value: Any) -> None:
        if isinstance(parent.value, dict):
            parent.value[parent.key] = value  # a repeated key keeps its first place and last value
            parent.key = None
        else:
            parent.value.append(value)

    def _value(self, event, path: FieldPath) -> Any:
        if isinstance(event, events.AliasEvent) or getattr(event, "anchor", None):
            return self._stop(event, path, _NO_ALIASES)
        if isinstance(event, events.ScalarEvent):
            return self._scalar(event, path)
        if event.tag and event.tag not in (_MAP, _SEQ, "!"):
            return self._stop(event, path, f"the tag {event.tag!r} is not allowed; remove it")
        return {} if isinstance(event, events.MappingStartEvent) else []

    def _scalar(self, event: events.ScalarEvent, path: FieldPath) -> Any:
        tag = self._tag(event)
        if tag == _STR:
            if "[[" in event.value:
                self.texts[path] = self._opener_lines(event)
            return event.value
        constructor = self.loader_class.yaml_constructors.get(tag)
        if constructor is None:
            return self._stop(event, path, f"the tag {tag!r} is not allowed; remove it")
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return constructor(self.loader, node)
        except (yaml.YAMLError, ValueError, TypeError) as exc:
            return self._stop(event, path, f"cannot be read as {tag.rpartition(':')[2]} ({exc}); write it as text")

    def _opener_lines(self, event: events.ScalarEvent) -> tuple[int, ...]:
        """The line of each `[[` in the scalar as written in the file."""
        start, end = event.start_mark, event.end_mark
        raw = self.text[start.index : end.index]
        return tuple(start.line + 1 + raw.count("\n", 0, at.start()) for at in re.finditer(r"\[\[", raw))

    def _tag(self, event: events.ScalarEvent) -> str:
        if event.tag and event.tag != "!":
            return event.tag
        if event.tag == "!" or not event.implicit[0]:
            return _STR  # quoted, or tagged with the non-specific "!": text
        return self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)

    def _stop(self, event, path: FieldPath, message: str) -> object:
        """Record why reading stops here; the caller hands back _STOPPED."""
        self.problems.append(Problem(self.name, event.start_mark.line + 1, dotted(path), message))
        return _STOPPED


_EMPTY, _STOPPED = object(), object()
