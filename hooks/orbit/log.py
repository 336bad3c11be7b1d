"""The generator's logger: under `mkdocs.plugins.`, so MkDocs shows its messages and `--strict` counts warnings."""

from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.plugins.orbit")
