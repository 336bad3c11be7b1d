"""Validate parsed YAML against a model and word each failure for an editor."""

from __future__ import annotations

import difflib
import functools
import typing
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

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
    """Build `model` from `data` (default: the whole file); on failure, one Problem per bad field,
    and what did validate (`salvage`), so the later checks can still look at it."""
    data = source.data if data is None else data
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = [_problem(model, source, prefix + tuple(err["loc"]), err, len(prefix)) for err in exc.errors()]
        return salvage(model, data), problems


def salvage(model: type[M], data: Any) -> M | None:
    """The parts of an invalid record that validate on their own, for the cross-file, claim, tag and
    date checks; a field or list item that does not is None, as its problem is already reported.

    Never rendered: a record with problems stops the build. Each field is checked with its own
    constraints, not the model's cross-field rules, which have their own problem."""
    if not isinstance(data, dict):
        return None
    fields = {}
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key in data:
            fields[name] = _salvaged(_field_type(model, name), data[key])
        elif field.is_required():
            fields[name] = None
    return model.model_construct(**fields)


@functools.cache  # a few dozen field types; a broken file asks for each one many times
def _adapter(annotation: Any) -> TypeAdapter:
    return TypeAdapter(annotation)


@functools.cache
def _field_type(model: type[BaseModel], name: str) -> Any:
    """A field's type with its own constraints (`ge=1`, `max_length`, validators) put back on it."""
    field = model.model_fields[name]
    return Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation


def _salvaged(annotation: Any, value: Any) -> Any:
    """`value` as `annotation` if valid; else what of it is: a model's valid fields, a list's valid items."""
    try:
        return _adapter(annotation).validate_python(value)
    except ValidationError:
        pass
    item = _list_item(annotation)
    if item is not None:
        return [_salvaged(item, entry) for entry in value] if isinstance(value, list) else None
    model = _inner(annotation)
    return salvage(model, value) if _is_model(model) else None


def _list_item(annotation: Any) -> Any:
    """The item type of list[...] (also inside Annotated or Optional), or None."""
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    return next((item for arg in typing.get_args(annotation) if (item := _list_item(arg)) is not None), None)


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
