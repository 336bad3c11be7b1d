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


def test_unit_hashes_skip_content_and_data_scripts() -> None:
    """Only executable inline scripts outside the content markers get a hash."""
    page = (
        "<head><script>theme()</script><script src='a.js'></script>"
        '<script type="application/json">{}</script></head><body>'
        f"{csp.CONTENT_START}<script>evil()</script>{csp.CONTENT_END}</body>"
    )
    assert csp.theme_hashes(page) == {csp._hash("theme()")}


def test_unit_policy_goes_after_charset_and_markers_go() -> None:
    """The meta sits right after `<meta charset>`, before any script, and the markers vanish."""
    page = f'<html><head>\n<meta charset="utf-8">\n<script>x()</script></head><body>{csp.CONTENT_START}a{csp.CONTENT_END}</body></html>'
    out = csp.add_policy(page, "default-src 'self'")
    assert re.match(r'<html><head>\n<meta charset="utf-8">\n\s*<meta http-equiv="Content-Security-Policy"', out)
    assert csp.CONTENT_START not in out and csp.CONTENT_END not in out


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
