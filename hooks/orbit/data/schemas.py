"""JSON Schemas of the data contract, for editors' YAML completion and outside tools."""

from __future__ import annotations

import functools
import json

from pydantic import BaseModel

from . import models as m

SCHEMAS: dict[str, type[BaseModel]] = {
    "article": m.Article,
    "comments": m.CommentThread,
    "agency": m.Agency,
    "person": m.Person,
    "glossary": m.Glossary,
    "events": m.Timeline,
    "chart": m.Chart,
}


@functools.cache  # the models are code: one rendering per process (`mkdocs serve` builds again and again)
def schema_text(model: type[BaseModel]) -> str:
    """The JSON Schema of one model, as stable, pretty JSON."""
    schema = model.model_json_schema(by_alias=True)
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schema_files() -> dict[str, str]:
    """`schemas/<name>.schema.json` -> its text, for publishing and for the repository copy."""
    return {f"schemas/{name}.schema.json": schema_text(model) for name, model in SCHEMAS.items()}
