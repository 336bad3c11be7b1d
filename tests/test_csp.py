"""Content-Security-Policy: on every page, only own script files and the theme's inline scripts run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import copy_project, run_build, serve
from orbit.site import csp

CSP = "Content-Security-Policy"
INJECTED = '\n\n<script>alert("inline")</script>\n\n<img src="x.png" onerror="alert(\'handler\')">\n'


def _policy(page: BeautifulSoup) -> str:
    return page.find("meta", attrs={"http-equiv": CSP})["content"]


def _directive(policy: str, name: str) -> list[str]:
    """The source list of one directive of a policy."""
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"no {name} in {policy!r}")


def _pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def _violations(page) -> list[str]:
    return [text for text in page.log.console_errors if "Content Security Policy" in text]


def test_unit_hashes_come_from_the_rendered_theme_scripts_only() -> None:
    """Executable inline scripts of the snippets are hashed; files and data blocks are not."""
    snippets = ["<script>theme()</script><script src='a.js'></script>", '<script type="application/json">{}</script>']
    assert csp.theme_hashes(snippets) == {csp._hash("theme()")}


def test_unit_theme_scripts_render_every_partial_with_each_context() -> None:
    from jinja2 import DictLoader, Environment

    env = Environment(
        loader=DictLoader(
            {
                "partials/javascripts/a.html": '<script>s("{{ config.extra.scope | d(base_url) }}")</script>',
                "partials/javascripts/b.html": "{% if 'x' in features %}<script>x()</script>{% endif %}",
                "partials/other.html": "<script>never()</script>",
            }
        )
    )
    contexts = [{"config": {"extra": {}}, "features": ["x"], "base_url": url} for url in csp.base_urls(["a/b/", ""])]
    assert csp.theme_scripts(env, contexts) == [
        '<script>s(".")</script>',
        '<script>s("..")</script>',
        '<script>s("../..")</script>',
        "<script>x()</script>",
        "<script>x()</script>",
        "<script>x()</script>",
    ]


def test_unit_policy_goes_after_charset() -> None:
    """The meta sits right after `<meta charset>`, before any script."""
    page = '<html><head>\n<meta charset="utf-8">\n<script>x()</script></head><body>a</body></html>'
    out = csp.add_policy(page, "default-src 'self'")
    assert re.match(r'<html><head>\n<meta charset="utf-8">\n\s*<meta http-equiv="Content-Security-Policy"', out)


def test_every_page_has_policy_at_top_of_head(site_dir: Path) -> None:
    """Every page: charset first, then the policy, before any script, style sheet or other meta."""
    for path in _pages(site_dir):
        head = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").head
        first = head.find_all(True, recursive=False)[:2]
        assert first[0].name == "meta" and first[0].get("charset") == "utf-8", path
        assert first[1].get("http-equiv") == CSP, path


def test_every_page_carries_the_same_policy(site_dir: Path) -> None:
    """One policy site-wide: instant navigation adds the next page's <head> elements to the
    current page, so a different policy per page would stack and could block the theme."""
    policies = {
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', path.read_text(encoding="utf-8")).group(1)
        for path in _pages(site_dir)
    }
    assert len(policies) == 1, policies


def test_theme_scope_is_the_site_root_path() -> None:
    """Material's storage scope comes from site_url, so its inline script is the same at every depth."""
    assert csp.theme_scope("https://example.github.io/orbit/") == "/orbit/"
    assert csp.theme_scope("http://127.0.0.1:8000") == "/"
    assert csp.theme_scope(None) is None


def test_policy_allows_no_inline_or_eval(site_dir: Path) -> None:
    """script-src is 'self' plus hashes: no 'unsafe-inline', 'unsafe-eval', wildcards or schemes."""
    page = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser")
    sources = _directive(_policy(page), "script-src")
    assert sources[0] == "'self'"
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]+={0,2}'", s) for s in sources[1:]), sources
    assert _directive(_policy(page), "object-src") == ["'none'"]
    assert _directive(_policy(page), "default-src") == ["'self'"]


def test_every_inline_script_is_hashed(site_dir: Path) -> None:
    """Each executable inline script the theme wrote (the site has no others) has its hash listed."""
    for path in _pages(site_dir):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        allowed = set(_directive(_policy(page), "script-src"))
        for script in page.find_all("script", src=False):
            if script.get("type") in (None, "text/javascript", "module"):
                assert f"'{csp._hash(script.string or '')}'" in allowed, (path, (script.string or "")[:60])


@pytest.mark.browser
def test_theme_works_under_policy(page, server) -> None:
    """Palette toggle and search work with zero CSP violations or script errors."""
    page.goto(server)
    body = page.locator("body")
    scheme = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== {scheme!r}")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("cooperation", delay=30)  # Material searches on key events
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search-result__item").count() > 0
    assert _violations(page) == [] and page.log.page_errors == [] and page.log.console_errors == []


@pytest.mark.browser
def test_charts_render_under_policy(page, server, site_dir: Path) -> None:
    """The self-hosted Plotly bundle draws a chart with no CSP violation."""
    charted = [p for p in _pages(site_dir) if "data-orbit-figure" in p.read_text(encoding="utf-8")]
    if not charted:
        pytest.skip("no page with a chart in this build")
    page.goto(server + charted[0].relative_to(site_dir).as_posix())
    page.hover("[data-orbit-figure]")  # Plotly replaces the light preview when the chart is pointed at
    page.wait_for_selector("[data-orbit-rendered] .main-svg", timeout=20000)
    assert _violations(page) == [] and page.log.page_errors == [] and page.log.console_errors == []


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory) -> Path:
    """The project with a raw inline script and an inline event handler added to an editor page."""
    project = tmp_path_factory.mktemp("csp") / "project"
    copy_project(project)
    editors = project / "docs" / "editors.md"
    editors.write_text(editors.read_text(encoding="utf-8") + INJECTED, encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.browser
def test_inline_script_in_content_is_blocked(page, injected_site: Path) -> None:
    """An inline script or handler in page content has no hash, so the browser refuses to run it."""
    assert '<script>alert("inline")</script>' in (injected_site / "editors" / "index.html").read_text(encoding="utf-8")
    with serve(injected_site) as base:
        page.goto(base + "editors/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
    assert page.log.dialogs == []
    violations = _violations(page)
    assert any("inline script" in v for v in violations), violations
    assert any("event handler" in v for v in violations), violations


# --- issue 16: data that reaches outside its context can never add a hash ---------------------

TITLE_ATTACK = "</title><script>alert('title')</script>"
BODY_ATTACK = "<!-- /orbit:content -->\n<script>alert('body')</script>"


def _with_last_paragraph(article: str, paragraph: str) -> str:
    """A story file with `paragraph` added at the end of its body (so the claims' paragraphs keep their numbers)."""
    lines = article.splitlines(keepends=True)
    start = lines.index("body: |\n") + 1
    end = next(i for i in range(start, len(lines)) if lines[i].strip() and not lines[i].startswith(" "))
    added = ["\n", *(f"  {line}\n" for line in paragraph.splitlines())]
    return "".join(lines[:end] + added + lines[end:])


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The project with a glossary term named like a closing title tag and a script, and a story
    paragraph faking the end of the content before a script."""
    project = copy_project(tmp_path_factory.mktemp("csp-hostile") / "project")
    glossary = project / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8").replace("    term: Zarya\n", f'    term: "{TITLE_ATTACK}"\n', 1)
    glossary.write_text(text, encoding="utf-8")
    article = project / "data" / "articles" / "china-us-space-cooperation.yml"
    text = article.read_text(encoding="utf-8")
    article.write_text(_with_last_paragraph(text, BODY_ATTACK), encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_data_adds_no_hash_and_titles_are_escaped(hostile_site: Path, site_dir: Path) -> None:
    """The policy of the hostile build equals the real site's; the title stays text."""
    real = _policy(BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "html.parser"))
    term = hostile_site / "glossary" / "zarya" / "index.html"
    page = BeautifulSoup(term.read_text(encoding="utf-8"), "html.parser")
    assert page.title.get_text() == f"{TITLE_ATTACK} - Orbit Explainer"
    # The JSON-LD block names the term too, as JSON text the browser never runs (`<` as \u003c).
    scripts = [s for s in page.head.find_all("script") if s.get("type") != "application/ld+json"]
    assert not [s for s in scripts if "alert" in (s.string or "")]
    (data,) = page.head.find_all("script", type="application/ld+json")
    assert "<" not in data.string and TITLE_ATTACK in data.string.replace("\\u003c", "<").replace("\\u003e", ">")
    for path in _pages(hostile_site):
        assert _policy(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")) == real, path
    story = (hostile_site / "articles" / "china-us-space-cooperation" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert('body')</script>" in story  # an editor's raw HTML is kept, and blocked:
    assert csp._hash("alert('body')") not in real


@pytest.mark.browser
@pytest.mark.parametrize("address", ["glossary/zarya/", "glossary/", "articles/china-us-space-cooperation/"])
def test_scripts_from_data_do_not_run(page, hostile_site: Path, address: str) -> None:
    with serve(hostile_site) as base:
        page.goto(base + address)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        title = page.title()
    assert page.log.dialogs == [] and page.log.page_errors == []
    if address == "glossary/zarya/":
        assert title == f"{TITLE_ATTACK} - Orbit Explainer"
