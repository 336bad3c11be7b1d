"""Hostile and careless data (issue 16): each case stops with one exact `file:line: field: what to do`
message, never a traceback, never a file read from outside data/, never silently dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, Case, data_problems, run_build
from orbit.data.errors import DataError
from orbit.data.loading import load_site
from test_data_errors import line_of, replace

COMMENTS = "comments/china-us-space-cooperation.yml"
CHART = "charts/government-space-budgets-2013.yml"
ARTICLE = "articles/china-us-space-cooperation.yml"
SECRET = "root:SECRET-LINE-THAT-MUST-NEVER-BE-PRINTED"


def person(data: Path, key: str, text: str | bytes) -> Path:
    path = data / "people" / f"{key}.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _nul(data: Path) -> str:
    person(data, "nul", b"name: Ada\x00Lovelace\nsummary: x\n")
    return "data/people/nul.yml:1: column 10: control character U+0000 (NUL) is not allowed in a data file; delete it"


def _bel(data: Path) -> str:
    text = replace(data, COMMENTS, "    author: Whydening Gyre", "    author: Whydening Gyre\x07")
    line = line_of(text, "Gyre\x07")
    return f"data/{COMMENTS}:{line}: column 27: control character U+0007 (BEL) is not allowed in a data file; delete it"


def _folder_named_yml(data: Path) -> str:
    (data / "people" / "x.yml").mkdir()
    return "data/people/x.yml: is a folder; this folder holds .yml files only"


def _dangling_link(data: Path) -> str:
    (data / "people" / "gone.yml").symlink_to(data / "people" / "nowhere.yml")
    return "data/people/gone.yml: is a link to a file that does not exist; remove it"


def _link_outside(data: Path) -> str:
    secret = data.parent / "shadow"
    secret.write_text(f"{SECRET}\nother: line\n", encoding="utf-8")
    (data / "people" / "evil.yml").symlink_to(secret)
    return "data/people/evil.yml: is a link to a file outside data/; data files must live in data/: copy the file in instead"


def _folder_link_outside(data: Path) -> str:
    outside = data.parent / "elsewhere"
    outside.mkdir()
    (outside / "x.yml").write_text(f"{SECRET}\n", encoding="utf-8")
    (data / "comments").rename(data.parent / "comments-moved")
    (data / "comments").symlink_to(outside)
    return "data/comments: is a link outside data/; data files must live in data/"


def _nested(data: Path) -> str:
    person(data, "deep", "name: " + "[" * 600 + "]" * 600 + "\n")
    return "data/people/deep.yml:1: name.0: nests more than 32 levels deep; flatten the data"


def _alias_bomb(data: Path) -> str:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    rows += [f"{c}: &{c} [{', '.join(['*' + chr(ord(c) - 1)] * 9)}]" for c in "bcdefghi"]
    person(data, "bomb", "\n".join(rows) + "\n")
    return "data/people/bomb.yml:1: a: anchors (&name) and aliases (*name) are not allowed in data files; write the value out in full"


def _long_file_name(data: Path) -> str:
    (data / "people" / f"{'a' * 200}.yml").write_bytes((data / "people" / "xu-dazhe.yml").read_bytes())
    return f"data/people/{'a' * 200}.yml: file name is 200 characters long; an id may be at most 80: shorten it"


def _long_id(data: Path) -> str:
    text = replace(data, "glossary.yml", "  - id: zarya\n", f"  - id: {'z' * 300}\n")
    return f"data/glossary.yml:{line_of(text, 'z' * 300)}: terms.2.id: is 300 characters long; at most 80 are allowed: shorten it"


def _long_alias(data: Path) -> str:
    text = replace(
        data, "glossary.yml", "    term: Zarya\n    aliases: []", f"    term: Zarya\n    aliases: [{'y' * 500}]"
    )
    return f"data/glossary.yml:{line_of(text, 'y' * 500)}: terms.2.aliases.0: is 500 characters long; at most 120 are allowed: shorten it"


def _yaml_suffix(data: Path) -> str:
    (data / "people" / "xu-dazhe.yml").rename(data / "people" / "xu-dazhe.yaml")
    return "data/people/xu-dazhe.yaml: the generator reads only .yml files here; rename it to 'xu-dazhe.yml'"


def _unknown_folder(data: Path) -> str:
    (data / "persons").mkdir()
    (data / "persons" / "x.yml").write_text("name: x\n", encoding="utf-8")
    return (
        "data/persons: the generator does not read this; it reads the folders articles/, agencies/, people/, "
        "charts/ and comments/ (one .yml file per record) and the files glossary.yml and events.yml"
    )


def _unicode_lookalike(data: Path) -> str:
    composed, decomposed = "Caf\u00e9 orbit", "Cafe\u0301 orbit"
    text = replace(data, "glossary.yml", "    term: Zarya\n", f"    term: Zarya\n    aliases: ['{composed}']\n")
    text = text.replace("    aliases: []\n", "", 1) if text.count("term: Zarya\n    aliases: ['") else text
    (data / "glossary.yml").write_text(text, encoding="utf-8")
    text = replace(data, "agencies/nasa.yml", "aliases: [", f"aliases: ['{decomposed}', ")
    line = line_of(text, decomposed)
    return (
        f"data/agencies/nasa.yml:{line}: aliases.0: name '{decomposed}' also names 'zarya' as '{composed}', "
        "the same name once case and Unicode form are set aside; a name may link to one entry only"
    )


def _date_as_number(data: Path) -> str:
    text = replace(data, COMMENTS, "    date: 2014-01-12", "    date: 0")
    return f"data/{COMMENTS}:{line_of(text, 'date: 0')}: comments.0.date: must be a date as YYYY-MM-DD (text, without a time), got 0"


def _date_with_zone(data: Path) -> str:
    text = replace(data, COMMENTS, "    date: 2014-01-12", "    date: 2014-01-12T23:30:00-05:00")
    return f"data/{COMMENTS}:{line_of(text, 'T23:30')}: comments.0.date: must be a date as YYYY-MM-DD (text, without a time), got '2014-01-12T23:30:00-05:00'"


def _year_as_number(data: Path) -> str:
    text = replace(data, "agencies/nasa.yml", 'founded: "1958-10-01"', "founded: 1958")
    return f"data/agencies/nasa.yml:{line_of(text, 'founded: 1958')}: founded: must be a date as text, YYYY-MM-DD, YYYY-MM or YYYY (in quotes: '1958'), got 1958"


def _nan_value(data: Path) -> str:
    text = replace(data, CHART, "{x: Russia, y: 8.691}", "{x: Russia, y: .nan}")
    return f"data/{CHART}:{line_of(text, 'Russia')}: series.0.points.2.y: must be a finite number, got nan"


def _infinite_value(data: Path) -> str:
    text = replace(data, CHART, "{x: Russia, y: 8.691}", "{x: Russia, y: -.inf}")
    return f"data/{CHART}:{line_of(text, 'Russia')}: series.0.points.2.y: must be a finite number, got -inf"


def _boolean_x(data: Path) -> str:
    text = replace(data, CHART, "{x: Russia, y: 8.691}", "{x: true, y: 8.691}")
    return f"data/{CHART}:{line_of(text, 'x: true')}: series.0.points.2.x: must be text or a finite number, got true"


def _mixed_axis(data: Path) -> str:
    text = replace(data, CHART, "{x: Russia, y: 8.691}", "{x: 2013, y: 8.691}")
    return (
        f"data/{CHART}:{line_of(text, 'series:')}: series: the x axis mixes text (series.0.points.0.x) and numbers "
        "(series.0.points.2.x); write every x as text (in quotes) or every x as a number"
    )


def _long_comment(data: Path) -> str:
    text = replace(
        data, COMMENTS, "    body: Regardless, it's a move in the right direction.", "    body: " + "w" * 5001
    )
    return f"data/{COMMENTS}:{line_of(text, 'w' * 5001)}: comments.1.body: is 5001 characters long; at most 5000 are allowed: shorten it"


def _long_tag(data: Path) -> str:
    """A tag becomes a folder name (tags/<tag>/): 10,000 characters stopped the build with OSError."""
    text = replace(data, ARTICLE, "international cooperation]", f"international cooperation, {'x' * 10_000}]")
    return (
        f"data/{ARTICLE}:{line_of(text, 'x' * 10_000)}: tags.4: tag '{'x' * 40}…' would be a folder name of "
        "10000 bytes (tags/<tag>/, counted in UTF-8); at most 100 are allowed: shorten it"
    )


def _long_wide_tag(data: Path) -> str:
    """Bytes, not characters: 34 characters of Chinese are 102 bytes of a file name."""
    text = replace(data, ARTICLE, "international cooperation]", f"international cooperation, {'航天' * 17}]")
    return (
        f"data/{ARTICLE}:{line_of(text, '航天')}: tags.4: tag '{'航天' * 17}' would be a folder name of "
        "102 bytes (tags/<tag>/, counted in UTF-8); at most 100 are allowed: shorten it"
    )


CASES = [
    Case("nul-byte", _nul),
    Case("bel-byte", _bel),
    Case("folder-named-yml", _folder_named_yml),
    Case("dangling-link", _dangling_link),
    Case("link-outside-data", _link_outside),
    Case("folder-link-outside-data", _folder_link_outside),
    Case("nested-brackets", _nested),
    Case("alias-bomb", _alias_bomb),
    Case("long-file-name", _long_file_name),
    Case("long-id", _long_id),
    Case("long-alias", _long_alias),
    Case("yaml-suffix", _yaml_suffix),
    Case("unknown-folder", _unknown_folder),
    Case("unicode-lookalike-names", _unicode_lookalike),
    Case("date-as-number", _date_as_number),
    Case("date-with-time-zone", _date_with_zone),
    Case("year-as-number", _year_as_number),
    Case("nan-chart-value", _nan_value),
    Case("infinite-chart-value", _infinite_value),
    Case("boolean-x", _boolean_x),
    Case("mixed-x-axis", _mixed_axis),
    Case("comment-too-long", _long_comment),
    Case("long-tag", _long_tag),
    Case("long-wide-tag", _long_wide_tag),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_data_gets_one_exact_message(case: Case, data_copy: Path) -> None:
    expected = case.breaks(data_copy)
    with pytest.raises(DataError) as caught:
        load_site(data_copy)
    messages = [str(problem) for problem in caught.value.problems]
    assert expected in messages, messages
    assert SECRET not in str(caught.value)


BUILT = ["nul-byte", "link-outside-data", "alias-bomb", "long-file-name", "date-as-number", "long-tag"]


@pytest.mark.parametrize("case", [c for c in CASES if c.name in BUILT], ids=BUILT)
def test_hostile_data_stops_the_build_cleanly(case: Case, data_copy: Path, tmp_path: Path) -> None:
    """Through the CLI: the message, no traceback, no secret, and the last site left as it was."""
    expected = case.breaks(data_copy)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous build", encoding="utf-8")
    result = run_build(ROOT, site, data_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and f"  - {expected}" in output
    assert "Traceback" not in output and SECRET not in output
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous build"


@pytest.mark.parametrize("name", [".#china-us-space-cooperation.yml", "x.yml.swp", "x.yml~", ".DS_Store", "#x.yml#"])
def test_editors_leftovers_are_ignored(data_copy: Path, name: str) -> None:
    """Lock files (a dangling link, as Emacs makes them), swap and backup files do not stop the build."""
    target = data_copy / "comments" / name
    if name.startswith(".#"):
        target.symlink_to("user@host.1234:1700000000")
    else:
        target.write_bytes(b"\x00 not yaml at all")
    assert "china-us-space-cooperation" in load_site(data_copy).comments


def test_an_unreadable_file_is_named(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests run as root, who reads everything: the refusal is simulated where Python reads."""
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "xu-dazhe.yml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert data_problems(data_copy) == [
        "data/people/xu-dazhe.yml: cannot be read (permission denied); make it readable"
    ]


def test_a_missing_data_folder_is_named(tmp_path: Path) -> None:
    assert data_problems(tmp_path / "data") == ["data/: the data folder does not exist; create it"]


# --- item 10: editors' paragraph notes sanitized as comment notes are; readers' text isolated ----


def test_paragraph_notes_are_sanitized_like_comment_notes() -> None:
    from orbit.data.models import ParagraphNote
    from orbit.render.article import _note
    from orbit.render.claims import StoryContext

    note = ParagraphNote(
        paragraph=1,
        text='Fine **bold** <script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))\n\n<div style="x">kept text</div>',
        sources=[{"title": 'A "source" <b>', "url": "https://example.org/"}],
    )
    html = _note(note, StoryContext())
    assert "<strong>bold</strong>" in html and "kept text" in html
    for banned in ("<script", "onerror", "<img", "javascript:", "style=", "<div"):
        assert banned not in html, banned
    assert html.startswith('<details class="info"><summary>Editor\'s note</summary>') and "\n\n" not in html
    assert '<a href="https://example.org/">A &quot;source&quot; &lt;b&gt;</a>' in html


def test_a_right_to_left_override_in_a_comment_stays_in_its_element() -> None:
    """U+202E in a reader's name or text turns only that element around: each carries dir="auto"."""
    import datetime as dt

    from bs4 import BeautifulSoup

    from orbit.data.models import Comment
    from orbit.render.comments import render_comments
    from orbit.render.common import plain_note_html

    comment = Comment(id="c1", date=dt.date(2014, 1, 12), author="\u202eevil\u202c", body="a \u202e b\n\nsecond")
    page = BeautifulSoup(render_comments([comment], None, plain_note_html), "html.parser")
    author = page.select_one("header h3")
    assert author["dir"] == "auto" and author.get_text() == "\u202eevil\u202c"
    assert [p["dir"] for p in page.select("article > p")] == ["auto", "auto"]
