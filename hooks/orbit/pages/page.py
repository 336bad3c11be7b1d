"""A generated page: where it lives, its Markdown, and what to do with it after conversion."""

from __future__ import annotations

from dataclasses import dataclass, field

# Pages that present one story, profile, term or chart (its thread and table pages included): the
# places "where it appears" lists; index, list, timeline and tag pages only point at such pages.
CONTENT_KINDS = frozenset({"story", "thread", "agency", "person", "term", "chart", "table"})


@dataclass(frozen=True)
class GeneratedPage:
    """A virtual page: where it lives, its Markdown, the data file to edit, late HTML and links."""

    doc: str
    markdown: str
    edit: str | None = None
    splices: dict[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()  # entities not to auto-link here (the page's own subject)
    listed: bool = True  # False: reached from its parent page only, never from the nav
    apart: bool = False  # its one splice is a linking scope and the rest has nothing to link: a worker may link it
    subject: tuple[str, ...] = ()  # what the page presents, e.g. ("story", slug): its sharing metadata follows

    @property
    def is_content(self) -> bool:
        """Whether the page presents one story, profile, term or chart (CONTENT_KINDS)."""
        return bool(self.subject) and self.subject[0] in CONTENT_KINDS
