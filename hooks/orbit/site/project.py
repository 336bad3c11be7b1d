"""Where a project's build takes its data, social-card cache and address from: one answer for every engine."""

from __future__ import annotations

import os
from pathlib import Path

from ..pages.meta import SiteInfo
from .build import Build


def _root(site_url: str | None) -> str:
    """The site's public address, ending in "/" (absolute URLs in feeds and shared links need one)."""
    url = site_url or "http://127.0.0.1:8000/"
    return url if url.endswith("/") else url + "/"


def load_project(project: Path, docs_dir: Path, site_url: str | None, name: str, description: str) -> Build:
    """The project's data validated (raising DataError): `data/` unless ORBIT_DATA_DIR says otherwise."""
    data_dir = Path(os.environ.get("ORBIT_DATA_DIR", project / "data"))
    info = SiteInfo(_root(site_url), name, description)
    # Social cards are cached by content between builds (CI keeps the folder); ORBIT_CARDS=off skips them.
    cards = Path(os.environ.get("ORBIT_CARD_CACHE", project / ".cache" / "cards"))
    return Build.load(data_dir, info, None if os.environ.get("ORBIT_CARDS") == "off" else cards, docs_dir)
