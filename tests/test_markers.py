"""Editors' explicit syntax: `[[id]]`, `[[id|label]]`, `[[chart:id]]`, found by the Markdown parser.

A marker in any code stays as typed; unknown ids outside code stop the build before the output
folder is touched, named by the file and line that hold them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from conftest import ROOT, run_build
from orbit.data.errors import Problem
from orbit.data.loading import load_site
from orbit.data.site import Site
from orbit.link.entities import Entity
from orbit.link.markers import SITE_EXTENSIONS, MarkerContext, MarkerExtension, check_markers

EXTENSIONS = [*SITE_EXTENSIONS, "pymdownx.tabbed"]


@pytest.fixture
def ctx() -> MarkerContext:
    cnes = Entity("cnes", "agencies", "CNES", ("CNES",), "agencies/cnes.md", 'France\'s "space" agency')
    orbit = Entity("orbit", "terms", "Orbit", ("orbit",), "glossary/orbit.md", "A path")
    return MarkerContext(
        {"cnes": cnes, "orbit": orbit},
        {"budgets": "Budgets"},
        lambda key, doc: f'<figure class="c">{key} on {doc}</figure>',
    )


def convert(text: str, ctx: MarkerContext, doc: str = "notes/page.md", html_links: bool = False) -> str:
    ext = MarkerExtension(ctx, html_links)
    ext.doc = doc
    return markdown.Markdown(extensions=[*EXTENSIONS, ext]).convert(text)


def test_entity_marker_links_with_label_and_no_preview_text_inline(ctx) -> None:
    out = convert("See [[cnes]] and [[orbit|orbits]].", ctx)
    assert out == (
        '<p>See <a class="orbit-term" href="../agencies/cnes.md">CNES</a>'
        ' and <a class="orbit-term" href="../glossary/orbit.md">orbits</a>.</p>'
    )


def test_chart_marker_alone_in_its_paragraph_embeds_inline_links(ctx) -> None:
    out = convert(
        "Intro\n\n[[chart:budgets]]\n\nAs the [[chart:budgets|chart]] shows, [[chart:budgets]] too.", ctx, "x.md"
    )
    assert '\n<figure class="c">budgets on x.md</figure>\n' in out
    assert '<a href="charts/budgets.md">chart</a>' in out
    assert out.endswith('<a href="charts/budgets.md">Budgets</a> too.</p>')
    assert "data-orbit-embed" not in out


def test_a_chart_marker_in_an_admonition_embeds_there(ctx) -> None:
    out = convert('!!! note "Budgets"\n\n    [[chart:budgets]]\n', ctx, "x.md")
    assert '<div class="admonition note">' in out and '<figure class="c">budgets on x.md</figure>' in out


def test_html_links_for_markdown_converted_outside_mkdocs(ctx) -> None:
    assert convert("[[chart:budgets|see]]", ctx, "articles/story.md", html_links=True) == (
        '<p><a href="../../charts/budgets/">see</a></p>'
    )


CODE = {
    "inline": "Write `[[cnes]]` and ``[[nope]]``.\n",
    "fenced": "```text\n[[nope]] [[cnes]]\n```\n",
    "tilde-fenced": "~~~\n[[nope]]\n~~~\n",
    "indented": "Text.\n\n    [[nope]] [[cnes]]\n",
    "fenced-in-list": "- item\n\n    ```\n    [[nope]]\n    ```\n",
    "indented-in-list": "1. item\n\n        [[nope]]\n",
    "fenced-in-admonition": '!!! note "Syntax"\n\n    ```\n    [[nope]]\n    ```\n',
    "inline-in-admonition": "!!! note\n\n    Type `[[nope]]`.\n",
    "indented-in-admonition": "!!! note\n\n    Text.\n\n        [[nope]]\n",
    "fenced-in-details": '??? info "Syntax"\n\n    ```\n    [[nope]]\n    ```\n',
    "inline-in-details": "???+ info\n\n    `[[nope]]`\n",
    "fenced-in-tabs": '=== "Markdown"\n\n    ```\n    [[nope]]\n    ```\n\n=== "Other"\n\n    `[[nope]]`\n',
    "html-code": "<pre><code>[[nope]]</code></pre>\n",
    "escaped": "\\[[nope]] stays text.\n",
}


@pytest.mark.parametrize("text", CODE.values(), ids=CODE.keys())
def test_markers_in_code_stay_as_typed(ctx, text: str, tmp_path: Path) -> None:
    """The parser decides what is code: no link, no problem, and the marker's text still shows."""
    out = convert(text, ctx)
    assert "<a " not in out and "[[" in out
    assert check(text, ctx, tmp_path) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("one\n\n[[cness]]\n", 3),
        ("- a\n- b [[cness]]\n", 2),
        ("!!! note\n\n    First.\n\n    See [[cness]].\n", 5),
        ('??? info "x"\n\n    `[[cnes]]` and [[cness]]\n', 3),
        ('=== "Tab"\n\n    [[cness]]\n', 3),
        ("`[[cness]]` on one line, [[cness]] on it too\n", 1),
        ("---\ntitle: x\n---\n\n# Title\n\n[[cness]]\n", 7),
    ],
    ids=["paragraph", "list", "admonition", "details", "tabs", "code-then-prose", "after-front-matter"],
)
def test_unknown_ids_outside_code_name_page_line_and_suggestion(ctx, text: str, line: int, tmp_path: Path) -> None:
    problems = check(text, ctx, tmp_path)
    assert [str(p) for p in problems] == [
        f"docs/page.md:{line}: [[cness]]: unknown entry id 'cness'; did you mean 'cnes'?"
    ]


def test_unknown_chart_id_and_a_second_problem_on_one_page(ctx, tmp_path: Path) -> None:
    problems = check("one\n[[cness]]\n\n[[chart:budget]]\n", ctx, tmp_path)
    assert [str(p) for p in problems] == [
        "docs/page.md:2: [[cness]]: unknown entry id 'cness'; did you mean 'cnes'?",
        "docs/page.md:4: [[chart:budget]]: unknown chart id 'budget'; did you mean 'budgets'?",
    ]


def check(text: str, ctx: MarkerContext, tmp_path: Path) -> list[Problem]:
    """The check over a docs folder holding one page, `page.md`, with `text` (and no data)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(text, encoding="utf-8")
    return check_markers(docs, ctx, Site(), EXTENSIONS)


# --- markers in data files: reported at the data file and line that hold them ------------


def _project(tmp_path: Path) -> Path:
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("docs", "hooks", "data", "overrides"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def _line(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_markers_in_data_fields_name_their_file_and_line(tmp_path: Path) -> None:
    """Issue 16: the article body's unknown id was reported against a person file (whose page
    quotes the paragraph), without a line; now each is named where it is written."""
    data = _project(tmp_path) / "data"
    article = data / "articles" / "china-us-space-cooperation.yml"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Jean-Yves Le Gall", "[[jean-yves-le-gal]]", 1), encoding="utf-8")
    glossary = data / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace(
            "      module launched on a Proton", "      module [[chart:nope]] launched on a Proton", 1
        ),
        encoding="utf-8",
    )
    from orbit.site.build import Build

    build = Build.load(data)
    build.close()
    problems = [str(p) for p in build.check_markers(tmp_path / "docs")]
    line = _line(article, "[[jean-yves-le-gal]]")
    assert problems == [
        f"data/articles/china-us-space-cooperation.yml:{line}: [[jean-yves-le-gal]]: unknown entry id "
        "'jean-yves-le-gal'; did you mean 'jean-yves-le-gall'?",
        f"data/glossary.yml:{_line(glossary, '[[chart:nope]]')}: [[chart:nope]]: unknown chart id 'nope'",
    ]


def test_real_data_and_docs_have_no_unknown_markers() -> None:
    from orbit.site.build import Build

    build = Build.load(ROOT / "data")
    build.close()
    assert build.check_markers(ROOT / "docs") == []
    assert load_site(ROOT / "data").articles


def test_unknown_id_in_an_editor_page_stops_the_build_and_keeps_the_last_site(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "docs" / "briefing.md").write_text(
        "# Briefing\n\nThe [[wolf-amendmnt]] applies.\n\n    [[indented-code-is-fine]]\n", encoding="utf-8"
    )
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous build", encoding="utf-8")
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert (
        "  - docs/briefing.md:3: [[wolf-amendmnt]]: unknown entry id 'wolf-amendmnt'; did you mean 'wolf-amendment'?"
        in output
    )
    assert "indented-code-is-fine" not in output
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous build"


def test_markers_in_code_on_an_editor_page_build_and_show_as_typed(tmp_path: Path) -> None:
    project = _project(tmp_path)
    page = "# Syntax\n\nA link: [[cnes]].\n\n" + "\n".join(
        text for key, text in CODE.items() if key not in ("fenced-in-tabs",)
    )
    (project / "docs" / "syntax.md").write_text(page, encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site" / "syntax" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="orbit-term"') >= 1 and 'href="../agencies/cnes/"' in html
    assert html.count("[[nope]]") >= 10


def test_the_check_uses_the_extensions_of_mkdocs_yml() -> None:
    """`orbit check` runs without MkDocs: its list of extensions must be the site's (MkDocs adds the first three)."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # `!ENV` and the like
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names = [item if isinstance(item, str) else next(iter(item)) for item in config["markdown_extensions"]]
    assert [
        "toc",
        "tables",
        "fenced_code",
        *(name for name in names if name not in ("toc", "tables")),
    ] == SITE_EXTENSIONS
