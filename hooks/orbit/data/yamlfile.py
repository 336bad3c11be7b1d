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
        reader = _Reader(loader, name)
        data = reader.document(node)
    except yaml.YAMLError as exc:
        return None if loader_class is _FastLoader else (None, [_syntax_problem(name, exc)])
    finally:
        loader.dispose()
    return YamlFile(name, data, reader.lines), reader.problems


def _syntax_problem(name: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark else None
    what = getattr(exc, "problem", None) or str(exc)
    hint = "check the indentation, colons and quotes on this line and the one before"
    return Problem(name, line, "", f"YAML syntax error: {what}; {hint}")


_STR, _MAP, _SEQ, _MERGE = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "map", "seq", "merge"))


class _Reader:
    """One pass over a node tree: the plain data, the line of every field, and keys that appear twice.

    Plain mappings, sequences and text are built here; everything else goes through PyYAML's
    constructor, so its conversions (numbers, booleans, merges, tags) stay exactly the same.
    """

    def __init__(self, loader, name: str):
        self.loader, self.name = loader, name
        self.lines: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []
        # PyYAML's own memo, so an alias yields the same object whether we or PyYAML built it.
        self.made: dict[yaml.Node, Any] = loader.constructed_objects
        self.open: set[yaml.Node] = set()  # collections being filled: an alias to one is a cycle

    def document(self, node: yaml.Node) -> Any:
        data = self.value(node, ())
        while self.loader.state_generators:  # finish what PyYAML deferred, as construct_document does
            generators, self.loader.state_generators = self.loader.state_generators, []
            for generator in generators:
                for _ in generator:
                    pass
        return data

    def value(self, node: yaml.Node, path: FieldPath) -> Any:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            return node.value if node.tag == _STR else self.loader.construct_object(node)
        data = self.made.get(node)
        if data is not None and node in self.open:  # a cycle: walking on would never end
            return data
        self.open.add(node)
        if isinstance(node, yaml.MappingNode):
            data = self.mapping(node, path, data)
        else:
            data = self.sequence(node, path, data)
        self.open.discard(node)
        return data

    def mapping(self, node: yaml.MappingNode, path: FieldPath, data: Any) -> Any:
        if data is not None:  # an alias already built: same object, but its fields get lines here too
            self.fields(node, path, None)
        elif node.tag != _MAP:  # !!set and the like
            data = self.made[node] = self.loader.construct_object(_unmerged(node))
            self.fields(node, path, None)
        else:
            data = self.made[node] = {}  # in the memo before its fields, for aliases inside it
            if not self.fields(node, path, data):  # merge or non-text keys: let PyYAML fill it
                data.clear()
                data.update(self.loader.construct_mapping(_unmerged(node)))
        return data

    def fields(self, node: yaml.MappingNode, path: FieldPath, data: dict | None) -> bool:
        """Walk a mapping's fields, filling `data` if given; False if some key is not plain text."""
        plain, seen = True, set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = path + (key,)
            line = key_node.start_mark.line + 1
            if key in seen:
                self.problems.append(Problem(self.name, line, dotted(child), "appears twice; keep one"))
            seen.add(key)
            value = self.value(value_node, child)
            self.lines[child] = line  # a field's line is its key's, not its value's
            if key_node.tag != _STR or not isinstance(key_node, yaml.ScalarNode):
                plain = False
            elif data is not None:
                data[key] = value  # a repeated key keeps its first place and last value, as in PyYAML
        return plain

    def sequence(self, node: yaml.SequenceNode, path: FieldPath, data: Any) -> Any:
        fill = data is None and node.tag == _SEQ
        if fill:
            data = self.made[node] = []
        elif data is None:  # !!omap, !!pairs
            data = self.made[node] = self.loader.construct_object(node)
        for index, item in enumerate(node.value):
            value = self.value(item, path + (index,))
            if fill:
                data.append(value)
        return data


def _unmerged(node: yaml.Node) -> yaml.Node:
    """A copy for PyYAML's merge, which rewrites in place the nodes it merges (later aliases must see them as written)."""
    if isinstance(node, yaml.SequenceNode):
        return yaml.SequenceNode(node.tag, [_unmerged(item) for item in node.value], node.start_mark, node.end_mark)
    if isinstance(node, yaml.MappingNode):
        pairs = [(key, _unmerged(value) if key.tag == _MERGE else value) for key, value in node.value]
        return yaml.MappingNode(node.tag, pairs, node.start_mark, node.end_mark)
    return node
