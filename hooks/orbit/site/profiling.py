"""Seconds spent in each hook event, for scripts/bench_build.py (set ORBIT_PROFILE=<file.json>).

Events are named `on_*`; other profiled steps (the social cards' `cards_*`) run inside an event
and are reported apart from it.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

_PROFILE = os.environ.get("ORBIT_PROFILE")
_times: dict[str, dict[str, float]] = {}


def profiled(event: Callable) -> Callable:
    """Time every call of `event` when ORBIT_PROFILE is set; otherwise return it unchanged (zero cost)."""
    if not _PROFILE:
        return event

    @functools.wraps(event)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return event(*args, **kwargs)
        finally:
            record = _times.setdefault(event.__name__, {"seconds": 0.0, "calls": 0})
            record["seconds"] += time.perf_counter() - start
            record["calls"] += 1
            if event.__name__ == "on_post_build":  # the last event: write the totals of this build
                Path(_PROFILE).write_text(json.dumps(_times, indent=1), encoding="utf-8")
                _times.clear()

    return timed
