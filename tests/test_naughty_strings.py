"""Every string of the Big List of Naughty Strings as a comment's author and body, in a real browser.

The list (MIT, licence beside it) is read from `tests/corpora/`. One build, one page load.

Handling of the awkward strings, as documented for editors:
- A published comment needs a non-blank body, so a blank string is tested as the author only
  (its body is a fixed stand-in); a blank author shows "Anonymous".
- Control characters HTML cannot carry follow `visible_controls`: C0 controls and DEL show as
  their Unicode Control Pictures (U+2400...), C1 controls as U+FFFD; tab and line ends stay.
- Text is compared after collapsing whitespace runs to one space; a paragraph break counts as
  whitespace, which keeps the comparison about characters, not layout.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from conftest import ROOT, run_build, serve
from orbit.data.models import Comment
from orbit.pages.addresses import doc_url
from orbit.pages.threads import thread_layout
from orbit.render.common import visible_controls

pytestmark = pytest.mark.browser

SLUG = "china-us-space-cooperation"
CORPUS = Path(__file__).parent / "corpora" / "blns.json"
BLANK_BODY = "(blank string: tested as the author only)"
THREAD_TAGS = {"li", "ol", "article", "header", "h2", "span", "time", "a", "p", "br"}
TRAPS = """
window.__orbitCalls = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__orbitCalls.push([name, String(args[0])]); };
}
"""
READ_THREAD = """() => Array.from(document.querySelectorAll("[data-orbit-thread] li")).map(li => {
  const body = Array.from(li.querySelectorAll(":scope > article > p:not(.orbit-comment__reply)"));
  const paragraphs = body.map(p => {
    const copy = p.cloneNode(true);
    copy.querySelectorAll("br").forEach(br => br.replaceWith("\\n"));
    return copy.textContent;
  });
  return {id: li.id, author: li.querySelector(":scope > article > header > h2").textContent,
          body: paragraphs.join("\\n\\n"), bodyText: body.map(p => p.textContent).join("")};
})"""
STRAY = """allowed => {
  const ALLOWED = new Set(allowed);
  const thread = document.querySelector("[data-orbit-thread]");
  const odd = Array.from(thread.querySelectorAll("*")).filter(el => !ALLOWED.has(el.localName)
    || (el.localName === "a" && !el.matches("a.orbit-term, article > header > a[aria-label^='Permalink to comment'], p.orbit-comment__reply > a"))
    || Array.from(el.attributes).some(a => a.name.startsWith("on") || a.name === "src" || a.name === "style"));
  return odd.map(el => el.outerHTML.slice(0, 120));
}"""


def strings() -> list[str]:
    """The naughty strings, from the copy kept with the tests."""
    return json.loads(CORPUS.read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    """Whitespace runs to one space, ends trimmed: the only normalisation allowed."""
    return " ".join(text.split())


def expected_author(text: str) -> str:
    shown = visible_controls(text)
    return normalise(shown) if shown.strip() else "Anonymous"


def expected_body(text: str) -> str:
    return normalise(visible_controls(text if text.strip() else BLANK_BODY))


def thread(texts: list[str]) -> dict:
    """One comment per string; every third one replies to the one before, so nesting is tested too."""
    comments = []
    for index, text in enumerate(texts):
        comment = {
            "id": f"n{index}",
            "author": text,
            "date": "2014-01-12",
            "body": text if text.strip() else BLANK_BODY,
        }
        if index % 3 == 1:
            comment["reply_to"] = f"n{index - 1}"
        comments.append(comment)
    return {"comments": comments}


def build_with(texts: list[str], base: Path) -> Path:
    """A strict build of the real project whose article thread holds one comment per text."""
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    text = yaml.safe_dump(thread(texts), allow_unicode=True, sort_keys=False)
    (data / "comments" / f"{SLUG}.yml").write_text(text, encoding="utf-8")
    result = run_build(ROOT, base / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


@pytest.fixture(scope="module")
def naughty_site(tmp_path_factory) -> Path:
    """The real project built with the naughty strings as its article's thread."""
    return build_with(strings(), tmp_path_factory.mktemp("naughty"))


def _record(page) -> dict:
    """Start recording dialogs, console messages, script errors and requests of a page."""
    seen: dict = {"dialogs": [], "console": [], "errors": [], "requests": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: seen["console"].append((m.type, m.text)))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    return seen


def thread_pages() -> list[str]:
    """The addresses of the pages the 515 comments are laid out on (pages of their own)."""
    comments = [Comment.model_validate(c) for c in thread(strings())["comments"]]
    return [doc_url(doc) for doc in thread_layout(SLUG, comments).docs]


def _observe(page, base: str) -> dict:
    """What the thread's pages show once their script ran, plus the globals of a page without comments."""
    seen: dict = {"calls": [], "comments": [], "stray": [], "counts": []}
    for address in thread_pages():
        page.goto(base + address)
        page.wait_for_selector("[data-orbit-controls]:not([hidden])", timeout=15000)
        seen["globals"] = page.evaluate("Object.keys(window)")
        seen["calls"] += page.evaluate("window.__orbitCalls")
        seen["comments"] += page.evaluate(READ_THREAD)
        seen["stray"] += page.evaluate(STRAY, sorted(THREAD_TAGS))
        seen["counts"].append(page.inner_text("[data-orbit-count]"))
    # Let the last page finish its requests before the server stops, or they end in resets.
    page.goto(f"{base}404.html", wait_until="networkidle")
    return seen | {"baseline": page.evaluate("Object.keys(window)"), "base": base}


@pytest.fixture(scope="module")
def loaded(browser, naughty_site: Path) -> dict:
    """Load the article once with JavaScript on (alert and friends trapped); return what happened."""
    context = browser.new_context()
    page = context.new_page()
    seen = _record(page)
    page.add_init_script(TRAPS)
    try:
        with serve(naughty_site) as base:
            seen |= _observe(page, base)
    finally:
        context.close()
    return seen


def test_corpus_copy_has_licence() -> None:
    """The corpus travels with its MIT licence, and holds the 515 strings with 6 control-laden ones."""
    assert "MIT License" in (CORPUS.parent / "blns.LICENSE").read_text(encoding="utf-8")
    assert len(strings()) == 515
    assert sum(visible_controls(s) != s.replace("\r\n", "\n").replace("\r", "\n") for s in strings()) == 6


def test_nothing_ran(loaded: dict) -> None:
    """No dialog, no trapped call, no script error, no console error or CSP violation."""
    assert loaded["dialogs"] == [] and loaded["calls"] == []
    assert loaded["errors"] == []
    assert [text for kind, text in loaded["console"] if kind == "error" or "Content Security Policy" in text] == []


def test_no_new_globals(loaded: dict) -> None:
    """The thread page has no window globals that a page without comments lacks (beyond our traps)."""
    assert set(loaded["globals"]) - set(loaded["baseline"]) - {"__orbitCalls"} == set()


def test_no_element_from_the_data(loaded: dict) -> None:
    """Only the renderer's and the linker's own elements, and no handlers, sources or styles."""
    assert loaded["stray"] == []


def test_no_request_from_the_data(loaded: dict, naughty_site: Path) -> None:
    """Every request stays on the site and names a file that the build wrote."""
    for url in loaded["requests"]:
        parsed = urlparse(url)
        assert url.startswith(loaded["base"]), url
        target = naughty_site / parsed.path.lstrip("/")
        assert target.is_file() or (target / "index.html").is_file(), url


def test_every_string_shown_exactly(loaded: dict) -> None:
    """Author and body text equal the input, with only whitespace normalised and the control rule applied."""
    texts = strings()
    shown = {c["id"]: c for c in loaded["comments"]}
    counts = [text.split() for text in loaded["counts"]]  # "Showing 64 of 64" on each page
    assert len(shown) == len(texts) and sum(int(words[1]) for words in counts) == len(texts)
    assert len(counts) > 1 and all(words[1] == words[3] for words in counts)
    wrong = []
    for index, text in enumerate(texts):
        comment = shown[f"comment-n{index}"]
        if normalise(comment["author"]) != expected_author(text):
            wrong.append(("author", index, text, comment["author"]))
        if normalise(comment["body"]) != expected_body(text):
            wrong.append(("body", index, text, comment["body"]))
    assert wrong == []


def test_body_has_nothing_outside_paragraphs(loaded: dict) -> None:
    """All of a body's text sits in its paragraphs, so the paragraph-wise comparison saw it all."""
    for comment in loaded["comments"]:
        joined = "".join(comment["body"].split())
        assert "".join(comment["bodyText"].split()) == joined, comment["id"]


def test_editor_syntax_from_readers_is_literal(tmp_path: Path) -> None:
    """Marker and template syntax typed by a reader builds and shows literally on the article."""
    texts = ["[[nosuch]] [[chart:nosuch|x]]", "[[nasa]] {{ page.title }} {% if x %}"]
    page = (build_with(texts, tmp_path) / "articles" / SLUG / "index.html").read_text(encoding="utf-8")
    for text in texts:
        assert page.count(html.escape(text, quote=True)) == 2  # author and body
