"""The editors' guide tells the truth: each message in its table of errors (docs/editors.md, "What
each error means") is what `python -m orbit check` prints for that mistake, and its example story
(docs/step-by-step.md: photo above the text, source cut off, no comments) builds as it says."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_build, script_module, soup
from orbit.data.loading import load_site
from orbit.render.article import render_article
from orbit.site.check import check
from test_data_errors import ARTICLE, COMMENTS, replace

GUIDE = ROOT / "docs" / "editors.md"
HEADING = "## What each error means"
CHART = "charts/government-space-budgets-2013.yml"
SECOND = "articles/ministers-meet-in-washington.yml"


Mistake = Callable[[Path, Path], object]  # makes one mistake in a copy of data/ or in an empty docs/


def edit(name: str, old: str, new: str) -> Mistake:
    """Replace the first `old` in data file `name` with `new`."""
    return lambda data, docs: replace(data, name, old, new)


def page(text: str) -> Mistake:
    """A page of docs/ with `text` under its heading."""
    return lambda data, docs: (docs / "briefing.md").write_text(f"# Briefing\n\n{text}\n", encoding="utf-8")


def _tag_spelling(data: Path, docs: Path) -> None:
    shutil.copy(ROOT / "tests" / "fixtures" / "esa-story.yml", data / SECOND)
    replace(data, SECOND, "international cooperation,", "International Cooperation,")


RIGHTS = "rights: Article text © AFP, reproduced from Phys.org for annotation.\n"
CAVEAT = '    caveat: "Figure from an archived Wikipedia revision citing ESA; not seen on an ESA page."\n'
OUTCOME = '- date: "2014-01-17"\n    text: "The FY2014'
# One mistake per row of the guide's table, in the table's order.
MISTAKES: list[Mistake] = [
    edit(ARTICLE, "byline: Jean-Louis Santini\n", "byline: Jean-Louis Santini\n  author: x\n"),
    edit(ARTICLE, "\ndek:", "\ndeck:"),
    edit(CHART, "\nunit:", "\nlegend: yes\nunit:"),
    edit(ARTICLE, RIGHTS, ""),
    edit(ARTICLE, "after_paragraph: 8", "after_paragraph: eight"),
    edit(ARTICLE, "date: 2014-01-12", "date: 12 January 2014"),
    edit("agencies/esa.yml", 'founded: "1975-05-30"', "founded: 1975"),
    edit(ARTICLE, "{person: john-logsdon, paragraph: 12}", "{person: john-logsden, paragraph: 12}"),
    edit("people/charles-bolden.yml", "agency: nasa", "agency: nassa"),
    edit("glossary.yml", "see_also: [space-station,", "see_also: [space-statoin,"),
    edit("glossary.yml", "  - id: zarya\n", "  - id: iss-intergovernmental-agreement\n"),
    lambda data, docs: shutil.copy(data / COMMENTS, data / "comments/china-us-space-co-operation.yml"),
    lambda data, docs: shutil.move(data / "people/john-logsdon.yml", data / "people/john-logsdon.yaml"),
    edit(ARTICLE, 'quote: "high-level envoys from', 'quote: "high-level envoys of'),
    edit(ARTICLE, OUTCOME, OUTCOME.replace("2014-01-17", "2013-12-17")),
    edit(ARTICLE, ": NASA gets $17.646 billion, China ban kept", ""),
    _tag_spelling,
    edit(ARTICLE, "tags: [China,", "tags: [" + "Space cooperation " * 6 + ", China,"),
    edit("agencies/esa.yml", CAVEAT, ""),
    edit(CHART, "kind: hbar", "kind: spans"),
    edit(CHART, "{x: China, y: 10.774", "{x: 2013, y: 10.774"),
    page("See [[wolf-amendmnt]]."),
    page("[[chart:budgets]]"),
]


def guide_messages() -> list[str]:
    """The messages of the guide's table of errors, in order: each row's second cell, in backticks."""
    text = GUIDE.read_text(encoding="utf-8").split(HEADING, 1)[1]
    table = re.search(r"^\|.*?(?=\n[^|]|\Z)", text, re.MULTILINE | re.DOTALL)
    rows = table.group().splitlines() if table else []
    assert len(rows) > 2, f"no table under {HEADING!r}"
    return [re.search(r"`([^`]+)`", row.split(" | ")[1]).group(1) for row in rows[2:]]


def printed(tmp_path: Path, mistake: Mistake) -> list[str]:
    """The problem lines `orbit check` prints for one mistake, made in a copy of the data or in a docs page."""
    data, docs = tmp_path / "data", tmp_path / "docs"
    shutil.copytree(ROOT / "data", data)
    docs.mkdir()
    mistake(data, docs)
    report = check(data, docs)
    assert report, "the mistake went unnoticed"
    return [line.removeprefix("  - ") for line in report.splitlines()[1:]]


def _pattern(message: str) -> re.Pattern[str]:
    """The guide's message with any line number and each "…" (a part left out) matching anything."""
    parts = [re.escape(part) for part in message.split("…")]
    return re.compile(re.sub(r"^(\S+?):\d+:", r"\1:\\d+:", ".*".join(parts)))


def test_the_table_has_a_mistake_for_each_row() -> None:
    assert len(guide_messages()) == len(MISTAKES)


@pytest.mark.parametrize("row", range(len(MISTAKES)), ids=lambda row: f"row-{row + 1}")
def test_each_message_in_the_guide_is_what_the_check_prints(tmp_path: Path, row: int) -> None:
    message = guide_messages()[row]
    lines = printed(tmp_path, MISTAKES[row])
    assert any(_pattern(message).fullmatch(line) for line in lines), f"the guide says {message!r}; printed: {lines}"


def screenshots_module():
    return script_module("guide_screenshots")


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, str]:
    """The site the guide's pictures are taken from (the real data and the example story), built."""
    screenshots = screenshots_module()
    base = tmp_path_factory.mktemp("guide")
    result = run_build(ROOT, base / "site", screenshots.guide_data(base / "data"))
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site", screenshots.EXAMPLE


def test_a_photo_at_0_comes_before_the_first_paragraph(example) -> None:
    site, slug = example
    blocks = soup(site, f"articles/{slug}/").select("p.orbit-para, figure.orbit-photo")
    assert [block.name for block in blocks] == ["figure", "p", "p"]
    assert blocks[0].figcaption.get_text() == "Delegates arrive at the US State Department for the forum"


def test_a_cut_off_source_says_so_after_the_last_paragraph(example) -> None:
    site, slug = example
    page = soup(site, f"articles/{slug}/")
    note = page.select_one("p.orbit-cut-off")
    assert note.find_previous_sibling("p", class_="orbit-para")["id"] == "p-2"
    assert note.find_next_sibling().get("class") == ["orbit-rights"]
    story = yaml.safe_load(screenshots_module().EXAMPLE_STORY.read_text(encoding="utf-8"))
    assert note.get_text() == f"[…] {story['cut_off']}"


def test_a_story_without_comments_shows_no_thread_and_no_comments_link(example) -> None:
    site, slug = example
    page = soup(site, f"articles/{slug}/")
    assert page.find(id="comments") is None and "comment" not in page.find("article").get_text().lower()
    front = next(
        item for item in soup(site, "").select(".orbit-front li") if item.strong.a["href"] == f"articles/{slug}/"
    )
    assert not front.select(f'a[href^="articles/{slug}/#"]') and "comment" not in front.get_text().lower()


def test_cut_off_text_is_plain_text() -> None:
    story = (
        load_site(ROOT / "data")
        .articles["china-us-space-cooperation"]
        .model_copy(update={"cut_off": "<b>[[nasa]]</b>"})
    )
    assert '<p class="orbit-cut-off"><span class="orbit-cut-off__mark">[…]</span> &lt;b&gt;[[nasa]]&lt;/b&gt;</p>' in (
        render_article("china-us-space-cooperation", story, has_comments=False)
    )
