"""Tag pages: the index of every tag, one page of stories per tag (in pages of TAG_PAGE_STORIES),
and the line of tags under a story's byline."""

from __future__ import annotations

from ..data.site import Site
from ..data.tags import Tag, tag_slug
from ..pages.addresses import TAG_PAGE_STORIES, TAGS_DOC, article_doc, relative_doc, tag_doc
from .common import long_date, md_text
from .stories import story_count


def tag_pages_count(tag: Tag) -> int:
    """How many pages the tag's stories take."""
    return max(1, -(-len(tag.stories) // TAG_PAGE_STORIES))


def render_tag_index(tags: list[Tag]) -> str:
    """`tags/index.md`: every tag A-Z with its number of stories."""
    lines = ["# Tags", "", "Every tag of the stories on this site, A–Z, with the number of stories that carry it.", ""]
    lines += [f"- [{md_text(tag.name)}]({relative_doc(tag_doc(tag.slug), TAGS_DOC)}) · {_count(tag)}" for tag in tags]
    return "\n".join(lines) + "\n"


def render_tag_page(site: Site, tag: Tag, number: int) -> str:
    """Page `number` (from 1) of the stories under `tag`, newest first, with links to its other pages."""
    doc, pages = tag_doc(tag.slug, number), tag_pages_count(tag)
    first = (number - 1) * TAG_PAGE_STORIES
    title = f"# Stories tagged “{md_text(tag.name)}”" + (f": page {number} of {pages}" if pages > 1 else "")
    lines = [title, "", f"{_count(tag)} · [All tags]({relative_doc(TAGS_DOC, doc)})", ""]
    for slug in tag.stories[first : first + TAG_PAGE_STORIES]:
        article = site.articles[slug]
        link = relative_doc(article_doc(slug), doc)
        lines.append(
            f"- **[{md_text(article.title)}]({link})** · {long_date(article.date)}  \n  {md_text(article.dek)}"
        )
    if pages > 1:
        lines += ["", _pager(tag, number, pages, doc)]
    return "\n".join(lines) + "\n"


def story_tags(names: list[str], doc: str) -> str:
    """The tags of the story on page `doc`, as Material's tag chips linking to each tag's page."""
    links = (f"[{md_text(name)}]({relative_doc(tag_doc(tag_slug(name)), doc)}){{ .md-tag }}" for name in names)
    return f'<nav class="md-tags orbit-tags" aria-label="Tags" markdown="span">{" ".join(links)}</nav>'


def _pager(tag: Tag, number: int, pages: int, doc: str) -> str:
    """Links to the previous and the next page of a tag's stories."""
    links = []
    if number > 1:
        links.append(f"[Newer stories]({relative_doc(tag_doc(tag.slug, number - 1), doc)})")
    if number < pages:
        links.append(f"[Older stories]({relative_doc(tag_doc(tag.slug, number + 1), doc)})")
    return " · ".join(links)


def _count(tag: Tag) -> str:
    return story_count(len(tag.stories))
