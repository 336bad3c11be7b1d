"""The JSON Schemas in schemas/ match the models, are published, and validate the real data."""

from __future__ import annotations

import json
import re

from conftest import ROOT
from orbit.data.schemas import schema_files


def test_committed_schemas_match_the_models() -> None:
    for path, text in schema_files().items():
        committed = ROOT / path
        assert committed.exists(), f"{path} missing: run python scripts/export_schemas.py"
        assert committed.read_text(encoding="utf-8") == text, f"{path} is stale: run python scripts/export_schemas.py"


def test_schemas_forbid_unknown_keys() -> None:
    agency = json.loads(schema_files()["schemas/agency.schema.json"])
    assert agency["additionalProperties"] is False
    assert {"name", "acronym", "budget", "iss_partner"} <= set(agency["properties"])


def test_schema_comments_in_data_point_at_real_files() -> None:
    for path in (ROOT / "data").rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.match(r"# yaml-language-server: \$schema=(.+)$", first)
        if match:
            assert (path.parent / match.group(1)).resolve().exists(), f"{path}: bad $schema path"


def test_schemas_are_published(site_dir) -> None:
    published = json.loads((site_dir / "schemas" / "comments.schema.json").read_text(encoding="utf-8"))
    assert published["title"] == "CommentThread"
