"""Validate parsed YAML against a model and word each failure for an editor."""

from __future__ import annotations

import difflib
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problem, dotted
from .yamlfile import YamlFile

M = TypeVar("M", bound=BaseModel)

_DATE_ERRORS = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"}
_PLAIN = {
    "missing": "is required but missing",
    "model_type": "must be a mapping of fields (key: value)",
    "dict_type": "must be a mapping of fields (key: value)",
    "list_type": "must be a list (items starting with '- ')",
    "string_type": "must be text",
}


def validate(model: type[M], source: YamlFile, data: Any = None, prefix: tuple = ()) -> tuple[M | None, list[Problem]]:
    """Build `model` from `data` (default: the whole file); on failure, one Problem per bad field."""
    try:
        return model.model_validate(source.data if data is None else data), []
    except ValidationError as exc:
        return None, [_problem(model, source, prefix + tuple(err["loc"]), err, len(prefix)) for err in exc.errors()]


def _problem(model: type[BaseModel], source: YamlFile, loc: tuple, err: dict, skip: int) -> Problem:
    return Problem(source.name, source.line_of(loc), dotted(loc), _message(model, loc[skip:], err))


def _message(model: type[BaseModel], loc: tuple, err: dict) -> str:
    kind, value = err["type"], err.get("input")
    if kind in _PLAIN:
        return _PLAIN[kind]
    if kind == "extra_forbidden":
        return _unknown_field(model, loc)
    if kind in _DATE_ERRORS:
        return f"must be a date as YYYY-MM-DD, got {value!r}"
    if kind == "string_pattern_mismatch" and "a-z0-9" in err["ctx"]["pattern"]:
        return f"must be a lowercase kebab-case id such as 'long-march-3b', got {value!r}"
    if kind == "string_too_long":
        return f"is {len(value)} characters long; at most {err['ctx']['max_length']} are allowed: shorten it"
    if kind == "too_long":
        return f"has {err['ctx']['actual_length']} items; at most {err['ctx']['max_length']} are allowed"
    if kind.startswith("url_"):
        return f"must be a web address starting with https://, got {value!r}"
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, ")
    text = err["msg"].replace("Input should be", "must be").replace("Input", "value")
    return f"{text}, got {value!r}" if isinstance(value, (str, int, float)) else text


def _unknown_field(model: type[BaseModel], loc: tuple) -> str:
    """Name the unknown key and suggest the closest allowed one."""
    allowed = _fields_at(model, loc[:-1])
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(sorted(allowed))}"
    return f"unknown field (a typo would silently drop data); {hint}"


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys the model accepts at `loc`, walking through lists and nested models."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            current = _inner(current)
            continue
        fields = current.model_fields
        field = next((f for name, f in fields.items() if (f.alias or name) == part), None)
        if field is None:
            return []
        current = _inner(field.annotation)
    return [f.alias or name for name, f in current.model_fields.items()] if _is_model(current) else []


def _inner(annotation: Any) -> Any:
    """Unwrap Optional[...] and list[...] down to the model inside, if any."""
    for arg in (annotation, *typing.get_args(annotation)):
        if _is_model(arg):
            return arg
        nested = typing.get_args(arg)
        if nested and any(_is_model(a) for a in nested):
            return next(a for a in nested if _is_model(a))
    return annotation


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)
