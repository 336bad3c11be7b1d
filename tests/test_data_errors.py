"""Bad data stops the build with one clear message per problem: file, line, field path, what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, Case, data_problems, run_build
from orbit.data.errors import DataError
from orbit.data.loading import load_site

COMMENTS = "comments/china-us-space-cooperation.yml"
ARTICLE = "articles/china-us-space-cooperation.yml"


def replace(data: Path, name: str, old: str, new: str) -> str:
    """Replace the first `old` in data file `name`; return the new text."""
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {name}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _syntax(data: Path) -> str:
    text = replace(data, COMMENTS, "  - id: c2\n", "  - id: c2\n   author: misaligned\n")
    hint = "check the indentation, colons and quotes on this line and the one before"
    return f"data/{COMMENTS}:{line_of(text, 'misaligned')}: YAML syntax error: expected <block end>, but found '<block mapping start>'; {hint}"


def _unknown_key(data: Path) -> str:
    text = replace(data, COMMENTS, "    author: Whydening Gyre", "    autor: Whydening Gyre")
    return f"data/{COMMENTS}:{line_of(text, 'autor:')}: comments.1.autor: unknown field (a typo would silently drop data); did you mean 'author'?"


def _missing(data: Path) -> str:
    text = replace(data, COMMENTS, "    author: Whydening Gyre\n    date: 2014-01-12\n", "    author: Whydening Gyre\n")
    return f"data/{COMMENTS}:{line_of(text, '- id: c2')}: comments.1.date: is required but missing"


def _wrong_type(data: Path) -> str:
    text = replace(data, COMMENTS, "rating: {average: 2, votes: 3}", "rating: {average: 2, votes: three}")
    return f"data/{COMMENTS}:{line_of(text, 'votes: three')}: comments.2.rating.votes: must be a valid integer, unable to parse string as an integer, got 'three'"


def _bad_date(data: Path) -> str:
    text = replace(data, COMMENTS, "    date: 2014-01-13", "    date: 2014-02-30")
    return f"data/{COMMENTS}:{line_of(text, '2014-02-30')}: comments.5.date: must be a date as YYYY-MM-DD, got '2014-02-30'"


def _rating_range(data: Path) -> str:
    text = replace(data, COMMENTS, "rating: {average: 5, votes: 1}", "rating: {average: 6, votes: 1}")
    return f"data/{COMMENTS}:{line_of(text, 'average: 6')}: comments.0.rating.average: must be between 0 and 5, got 6"


def _duplicate_id(data: Path) -> str:
    text = replace(data, COMMENTS, "  - id: c3", "  - id: c2")
    return f"data/{COMMENTS}:{line_of(text, 'id: c2') + 5}: comments.2.id: duplicate comment id 'c2'"


def _dangling_reply(data: Path) -> str:
    text = replace(data, COMMENTS, "  - id: c2\n", "  - id: c2\n    reply_to: c9\n")
    return f"data/{COMMENTS}:{line_of(text, 'reply_to: c9')}: comments.1.reply_to: 'c9' is not an earlier comment in this file"


def _orphan_comments(data: Path) -> str:
    text = (data / COMMENTS).read_text(encoding="utf-8")
    (data / "comments/no-such-story.yml").write_text(text, encoding="utf-8")
    return f"data/comments/no-such-story.yml:{line_of(text, 'comments:')}: unknown article id 'no-such-story'; add data/articles/no-such-story.yml or fix the id"


def _dangling_person(data: Path) -> str:
    text = replace(data, "agencies/nasa.yml", "person: charles-bolden", "person: charles-boldin")
    return f"data/agencies/nasa.yml:{line_of(text, 'charles-boldin')}: heads.0.person: unknown person id 'charles-boldin'; did you mean 'charles-bolden'?"


def _empty(data: Path) -> str:
    (data / "people/nobody.yml").write_text("# nothing yet\n", encoding="utf-8")
    return "data/people/nobody.yml: is empty; add the fields the data contract requires"


def _not_utf8(data: Path) -> str:
    (data / "people/latin.yml").write_bytes("name: José\n".encode("latin-1"))
    return "data/people/latin.yml: is not UTF-8 text (bad byte at offset 9); save it as UTF-8"


def _duplicate_key(data: Path) -> str:
    text = replace(data, ARTICLE, "byline: Jean-Louis Santini\n", "byline: Jean-Louis Santini\nbyline: J.-L. Santini\n")
    return f"data/{ARTICLE}:{line_of(text, 'byline: J.-L.')}: byline: appears twice; keep one"


def _bad_paragraph(data: Path) -> str:
    text = replace(data, ARTICLE, "after_paragraph: 15", "after_paragraph: 99")
    return f"data/{ARTICLE}:{line_of(text, 'after_paragraph: 99')}: images.1.after_paragraph: paragraph 99 does not exist: the body has 21"


def _caveat_missing(data: Path) -> str:
    text = replace(
        data,
        "agencies/nasa.yml",
        'cooperation with China."\n    confidence: high',
        'cooperation with China."\n    confidence: low',
    )
    line = line_of(text, "- year: 2014")
    return f"data/agencies/nasa.yml:{line}: budget.2: a low-confidence fact needs a 'caveat' for readers"


def _reserved_term_id(data: Path) -> str:
    text = replace(data, "glossary.yml", "  - id: zarya\n", "  - id: index\n")
    return f"data/glossary.yml:{line_of(text, 'id: index')}: terms.2.id: id 'index' is reserved for the glossary's A-Z page; choose another id"


def _reserved_file_name(data: Path) -> str:
    (data / "charts" / "index.yml").write_bytes((data / "charts" / "space-stations.yml").read_bytes())
    return (
        "data/charts/index.yml: file name 'index' is reserved for the charts gallery (charts/index.md); rename the file"
    )


def _year_slug(data: Path) -> str:
    (data / "articles" / "2014.yml").write_bytes((data / ARTICLE).read_bytes())
    return "data/articles/2014.yml: file name '2014' is reserved for the page of the stories of 2014; rename the file, e.g. '2014-story.yml'"


CASES = [
    Case("yaml-syntax", _syntax),
    Case("unknown-key", _unknown_key),
    Case("missing-field", _missing),
    Case("wrong-type", _wrong_type),
    Case("invalid-date", _bad_date),
    Case("rating-out-of-range", _rating_range),
    Case("duplicate-id", _duplicate_id),
    Case("dangling-reply", _dangling_reply),
    Case("comments-without-article", _orphan_comments),
    Case("dangling-person", _dangling_person),
    Case("empty-file", _empty),
    Case("not-utf8", _not_utf8),
    Case("duplicate-key", _duplicate_key),
    Case("paragraph-out-of-range", _bad_paragraph),
    Case("caveat-missing", _caveat_missing),
    Case("reserved-term-id", _reserved_term_id),
    Case("reserved-file-name", _reserved_file_name),
    Case("year-as-story-slug", _year_slug),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_data_message_names_file_line_and_field(case: Case, data_copy: Path) -> None:
    expected = case.breaks(data_copy)
    assert expected in data_problems(data_copy)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_data_stops_the_build_without_traceback(case: Case, data_copy: Path, tmp_path: Path) -> None:
    expected = case.breaks(data_copy)
    site = tmp_path / "site"
    result = run_build(ROOT, site, data_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"  - {expected}" in output
    assert "Traceback" not in output
    assert not any(site.rglob("*.html")), "a failed build must not leave pages behind"


def test_every_problem_is_reported_at_once(data_copy: Path) -> None:
    _rating_range(data_copy)
    _unknown_key(data_copy)
    _empty(data_copy)
    with pytest.raises(DataError) as caught:
        load_site(data_copy)
    assert len(caught.value.problems) == 3
    assert str(caught.value).startswith("3 problems in the site data:")


def test_chart_clash_and_field_error_in_other_files_are_reported_together(data_copy: Path) -> None:
    expected = [_rating_range(data_copy)]
    (data_copy / "charts" / "agency-nasa.yml").write_text(
        (data_copy / "charts" / "agency-budgets.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    expected.append(
        "data/charts/agency-nasa.yml: the id 'agency-nasa' is reserved for the budget chart of agency 'nasa'; rename the file"
    )
    assert sorted(data_problems(data_copy)) == sorted(expected)


def test_a_broken_file_is_reported_once_not_again_by_what_refers_to_it(data_copy: Path) -> None:
    text = replace(data_copy, "people/charles-bolden.yml", "name: ", "nam: ")
    problems = data_problems(data_copy)
    assert [p for p in problems if "charles-bolden" in p] == [
        p for p in problems if p.startswith("data/people/charles-bolden.yml")
    ]
    assert (
        f"data/people/charles-bolden.yml:{line_of(text, 'nam:')}: nam: unknown field (a typo would silently drop data); did you mean 'name'?"
        in problems
    )


def test_an_unknown_term_id_names_the_glossary_file(data_copy: Path) -> None:
    text = replace(data_copy, "glossary.yml", "see_also: [", "see_also: [zzzzqqq, ")
    line = line_of(text, "zzzzqqq")
    assert data_problems(data_copy) == [
        f"data/glossary.yml:{line}: terms.{_term_index(text, line)}.see_also.0: unknown term id 'zzzzqqq'; add a term with id 'zzzzqqq' to data/glossary.yml or fix the id"
    ]


def _term_index(text: str, line: int) -> int:
    """Which term of glossary.yml holds `line`: the count of `- id:` items above it, less one."""
    return sum(1 for row in text.splitlines()[:line] if row.lstrip().startswith("- id:")) - 1


def test_an_unknown_actor_names_both_folders(data_copy: Path) -> None:
    text = replace(data_copy, "events.yml", "actors: [", "actors: [zzzzqqq, ")
    with pytest.raises(DataError) as caught:
        load_site(data_copy)
    message = (
        "unknown agency or person id 'zzzzqqq'; add data/agencies/zzzzqqq.yml or data/people/zzzzqqq.yml, or fix the id"
    )
    assert [str(p).partition(": ")[2].partition(": ")[2] for p in caught.value.problems] == [message]
    assert str(caught.value.problems[0]).startswith(f"data/events.yml:{line_of(text, 'zzzzqqq')}: events.")


def six_mistakes(data: Path) -> list[str]:
    """One story broken six ways: a wrong date, an unknown person, a second spelling of a tag, a
    claim's quote not in its paragraph, an outcome before the story, a paragraph the body lacks."""
    for old, new in [
        ("    date: 2013-02-28", "    date: 2013-10-9"),
        ("{person: john-logsdon, paragraph: 12}", "{person: john-logsdn, paragraph: 12}"),
        ("international cooperation]", "international cooperation, CHINA]"),
        ('    paragraph: 3\n    quote: "high-level', '    paragraph: 4\n    quote: "high-level'),
        ('  - date: "2014-01-17"', '  - date: "2013-01-17"'),
    ]:
        replace(data, ARTICLE, old, new)
    text = replace(data, ARTICLE, "after_paragraph: 15", "after_paragraph: 99")
    at, quote = f"data/{ARTICLE}:", 'quote: "high-level'
    return [
        f"{at}{line_of(text, '2013-10-9')}: related.0.date: must be a date as YYYY-MM-DD (text, without a time), got '2013-10-9'",
        f"{at}{line_of(text, 'john-logsdn')}: quotes.6.person: unknown person id 'john-logsdn'; did you mean 'john-logsdon'?",
        f"{at}{line_of(text, 'after_paragraph: 99')}: images.1.after_paragraph: paragraph 99 does not exist: the body has 21",
        f"{at}{line_of(text, 'CHINA]')}: tags.4: tag 'CHINA' is already in this story's tags; remove it",
        f"{at}{line_of(text, quote)}: claims.0.quote: is in paragraph 3, not 4; set paragraph: 3",
        f"{at}{line_of(text, '2013-01-17')}: outcomes.0.date: 2013-01-17 is before the story's date (2014-01-12); "
        "an outcome is what happened after the story",
    ]


def test_six_mistakes_in_one_story_are_reported_in_one_pass(data_copy: Path) -> None:
    """A schema problem (the date) no longer hides the reference, tag, claim and date problems."""
    expected = six_mistakes(data_copy)
    assert data_problems(data_copy) == expected


def test_six_mistakes_in_one_story_stop_one_build_together(data_copy: Path, tmp_path: Path) -> None:
    expected = six_mistakes(data_copy)
    result = run_build(ROOT, tmp_path / "site", data_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "6 problems in the site data:" in output
    assert [line for line in output.splitlines() if line.startswith("  - ")] == [f"  - {line}" for line in expected]


@pytest.mark.parametrize(
    ("old", "new", "fields"),
    [
        ("body: |", "bod: |", {"bod", "body"}),
        ("date: 2014-01-12\nbyline", "date: 2014-1-12\nbyline", {"date"}),
        ("{person: john-logsdon, paragraph: 12}", "{person: john-logsdon, paragraph: 0}", {"quotes.6.paragraph"}),
        ("  - id: forum-30-nations\n", "  - id: Forum-30\n", {"claims.0.id"}),
    ],
    ids=["body-missing", "story-date", "quote-paragraph", "claim-id"],
)
def test_a_field_that_did_not_validate_is_not_checked_again(data_copy: Path, old: str, new: str, fields: set) -> None:
    """What the later checks would say of a bad field (no paragraphs to count, no date to compare
    outcomes with, no claim id for an outcome to name) is left unsaid: each problem is reported once."""
    replace(data_copy, ARTICLE, old, new)
    problems = data_problems(data_copy)
    assert {problem.split(": ")[1] for problem in problems} == fields, problems
    assert len(problems) == len(fields)


def test_real_data_is_valid() -> None:
    site = load_site(ROOT / "data")
    assert "china-us-space-cooperation" in site.articles
    assert len(site.comments["china-us-space-cooperation"]) == 6
