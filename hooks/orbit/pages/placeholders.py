"""HTML comments that one stage writes into a page and a later stage finds and replaces."""

from __future__ import annotations

# Where an entity page lists the places that mention it (filled once every page is converted).
MENTIONS = "<!-- orbit:mentions:{id} -->"
# Where a story's comment thread goes: reader HTML is spliced in after Markdown, never through it.
COMMENTS = "<!-- orbit:comments:{slug} -->"
# Around HTML held back from the search plugin until the page is written, and where it goes back.
ASIDE_START, ASIDE_END, SLOT = "<!-- orbit:aside -->", "<!-- /orbit:aside -->", "<!-- orbit:slot -->"
