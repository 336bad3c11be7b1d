"""Read one YAML data file into plain data plus a map from field path to line number."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, dotted

FieldPath = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """Safe loader that leaves dates as text, so the models report bad dates themselves."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same with libyaml (~10x faster); syntax errors are re-read with _Loader for its wording."""


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

    def line_of(self, path: FieldPath) -> int | None:
        """The line of the deepest known field on `path` (parents stand in for missing keys)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None


# The last parse of each file, by path, with a digest of its bytes: `mkdocs serve` keeps this
# module between rebuilds, so a live reload parses only the files an editor changed.
_CACHE: dict[str, tuple[bytes, tuple[YamlFile | None, list[Problem]]]] = {}


def read_yaml(path: Path, name: str) -> tuple[YamlFile | None, list[Problem]]:
    """Parse `path` (or reuse its unchanged parse); return the file or the problems that stop it being read."""
    raw = path.read_bytes()
    digest = hashlib.blake2b(raw, digest_size=16).digest() + name.encode()
    cached = _CACHE.get(str(path))
    if cached is None or cached[0] != digest:
        cached = _CACHE[str(path)] = (digest, _parse_bytes(raw, name))
    return cached[1]


def _parse_bytes(raw: bytes, name: str) -> tuple[YamlFile | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, None, "", f"is not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8")]
    return _parse(text, name, _FastLoader) or _parse(text, name, _Loader)


def _parse(text: str, name: str, loader_class) -> tuple[YamlFile | None, list[Problem]] | None:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(name, None, "", "is empty; add the fields the data contract requires")]
        lines: dict[FieldPath, int] = {}
        problems = _walk(node, (), lines, name)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        return None if loader_class is _FastLoader else (None, [_syntax_problem(name, exc)])
    finally:
        loader.dispose()
    return YamlFile(name, data, lines), problems


def _syntax_problem(name: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark else None
    what = getattr(exc, "problem", None) or str(exc)
    hint = "check the indentation, colons and quotes on this line and the one before"
    return Problem(name, line, "", f"YAML syntax error: {what}; {hint}")


def _walk(node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int], name: str) -> list[Problem]:
    """Record the line of every field and report keys that appear twice in one mapping."""
    lines[path] = node.start_mark.line + 1
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = path + (key,)
            if key in seen:
                problems.append(Problem(name, key_node.start_mark.line + 1, dotted(child), "appears twice; keep one"))
            seen.add(key)
            problems += _walk(value_node, child, lines, name)
            lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems += _walk(item, path + (index,), lines, name)
    return problems

