"""Build the real site and synthetic corpora, and print one table of how the build scales.

    python scripts/bench_build.py [--sizes 100 1000] [--out DIR] [--root PROJECT]

For each data set (the real `data/`, then `make_corpus.py N` for each size) it runs, each in its
own subprocess so time and peak memory are honest:

- hooks: `mkdocs build` as editors run it, with ORBIT_PROFILE set so `orbit_hooks.py` records the
  seconds spent in each of our events;
- plain: the same pages with no hooks: every generated page's Markdown (markers expanded, the
  comment HTML spliced in) written to a docs folder next to the editors' pages, built with a copy
  of mkdocs.yml that has the same nav and theme but no `hooks:`. hooks/plain is our overhead.
  (Plain pages lack the first-mention links and the CSP, which only the hooks add.)

and a Material baseline: N plain 800-word pages in 20 sections (inside one top section, so that
navigation.prune folds them) with the same theme, Material's best case, for the per-page
comparison.

Social cards: each hooked build is run three times, with cards off (ORBIT_CARDS=off), with an
empty card cache (cold: every card drawn) and with that cache again (warm: the case of every
build after the first, and of CI, which keeps the cache); the warm run is the one in the main
table, and a second table gives what cards add cold and warm. `--no-cards` runs only the warm
build (with a cache of its own, cold the first time). Numbers are printed, not judged: no timing
is asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EVENTS = {
    "on_config": "cfg",
    "on_files": "files",
    "on_page_markdown": "md",
    "on_page_content": "content",
    "on_env": "env",
    "on_page_context": "ctx",
    "on_post_page": "page",
    "on_post_build": "post",
}
WORDS = [
    "space",
    "station",
    "orbit",
    "launch",
    "agency",
    "budget",
    "rocket",
    "module",
    "crew",
    "mission",
    "partner",
    "treaty",
    "satellite",
    "cooperation",
    "programme",
    "capsule",
    "lander",
    "probe",
    "engine",
    "stage",
    "payload",
]


@dataclass
class Run:
    """One build: what was built and what it cost."""

    label: str
    seconds: float
    peak_mb: float
    pages: int
    sizes: dict[str, int]  # page path -> HTML bytes
    hooks: dict[str, dict] = field(default_factory=dict)  # event -> {"seconds", "calls"}
    warnings: int = 0
    ok: bool = True

    @property
    def hook_seconds(self) -> float:
        return sum(event["seconds"] for name, event in self.hooks.items() if name.startswith("on_"))

    @property
    def card_seconds(self) -> float:
        """Our own work on cards, inside the events: planning them (digests, cache look-ups) and publishing."""
        return sum(event["seconds"] for name, event in self.hooks.items() if name.startswith("cards_"))

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / max(self.pages, 1)

    def largest(self, prefix: str = "") -> tuple[int, str]:
        found = [(size, page) for page, size in self.sizes.items() if page.startswith(prefix)]
        return max(found) if found else (0, "-")


# --- building -------------------------------------------------------------------------------


def build(
    label: str,
    config: Path,
    site: Path,
    data: Path | None = None,
    profile: Path | None = None,
    extra: dict[str, str] | None = None,
) -> Run:
    """`mkdocs build` in a subprocess; wall time, peak RSS (wait4), HTML sizes and hook profile."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}
    env.pop("ORBIT_PROFILE", None)
    if data is not None:
        env["ORBIT_DATA_DIR"] = str(data)
    if profile is not None:
        env["ORBIT_PROFILE"] = str(profile)
        profile.unlink(missing_ok=True)
    log = site.with_suffix(".log")
    with log.open("w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=config.parent,
        )
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory, not the max of all
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(errors="replace")
    sizes = (
        {path.relative_to(site).as_posix(): path.stat().st_size for path in site.rglob("*.html")}
        if site.exists()
        else {}
    )
    hooks = json.loads(profile.read_text()) if profile and profile.exists() else {}
    run = Run(
        label, seconds, usage.ru_maxrss / 1024, len(sizes), sizes, hooks, text.count("WARNING"), process.returncode == 0
    )
    if not run.ok:
        print(f"[{label}] build failed, see {log}:\n{text[-2000:]}", file=sys.stderr)
    return run


def plain_config(root: Path, docs: Path, nav: list, dest: Path, unlisted: list[str] = ()) -> Path:
    """A copy of mkdocs.yml without hooks (and without watch), reading `docs` with this `nav`;
    `unlisted` pages (long threads, table pages) are kept out of the nav as the hooks keep them."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^(hooks|watch|nav|docs_dir):.*\n(?:[ \t]+.*\n|\n)*", "", text, flags=re.M)
    text = re.sub(r"^(\s+custom_dir:\s*)(\S+)", lambda m: m.group(1) + str(root / m.group(2)), text, flags=re.M)
    extra = {"docs_dir": str(docs), "nav": nav, "not_in_nav": "\n".join(f"/{doc}" for doc in unlisted)}
    text += "\n" + yaml.safe_dump(extra, sort_keys=False, allow_unicode=True)
    dest.write_text(text, encoding="utf-8")
    return dest


def export_plain(root: Path, data: Path, work: Path) -> Path:
    """Write the plain-Markdown twin of a hooked build (in a subprocess: it imports root's hooks)."""
    docs, config = work / "docs", work / "mkdocs.yml"
    subprocess.run([sys.executable, __file__, "--export", str(root), str(data), str(docs), str(config)], check=True)
    return config


def _export(root: Path, data: Path, docs: Path, config: Path) -> None:
    """Internal: generated pages as plain Markdown, the editors' docs, the same nav."""
    sys.path.insert(0, str(root / "hooks"))
    from orbit.site.build import Build
    from orbit.site.nav import site_nav

    state = Build.load(data)
    state.close()  # its worker links threads for the hooks; the plain twin has none
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(root / "docs", docs)
    editor_docs = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
    for page in state.pages.values():
        markdown = page.markdown  # `[[...]]` markers stay as typed: the plain twin has no Markdown extension for them
        for placeholder, html in page.splices.items():  # the comment thread, as the hooks splice it
            markdown = markdown.replace(placeholder, html)
        _write(docs / page.doc, markdown)
    for path, content in state.downloads().items():
        _write(docs / path, content)
    nav = site_nav(state.ctx.site, set(editor_docs) | set(state.pages), editor_docs)
    plain_config(root, docs, nav, config, [page.doc for page in state.pages.values() if not page.listed])


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")


def material_baseline(root: Path, pages: int, work: Path) -> Path:
    """`pages` plain 800-word pages in 20 sections, with the site's theme config and no hooks."""
    rng, docs = random.Random(pages), work / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(root / "docs" / "assets", docs / "assets")
    nav: list = []
    for section in range(20):
        items = []
        for number in range(section, pages, 20):
            doc = f"s{section:02d}/page-{number:04d}.md"
            paragraphs = [" ".join(rng.choices(WORDS, k=80)).capitalize() + "." for _ in range(10)]
            headings = [f"## Part {part}\n\n" + "\n\n".join(paragraphs[part * 2 : part * 2 + 2]) for part in range(5)]
            _write(docs / doc, f"# Page {number}\n\n" + "\n\n".join(headings) + "\n")
            items.append(doc)
        nav.append({f"Section {section + 1}": items})
    _write(docs / "index.md", "# Home\n")
    # Under one top section: navigation.sections never folds top-level sections, prune folds these.
    return plain_config(root, docs, ["index.md", {"Pages": nav}], work / "mkdocs.yml")


# --- the table ------------------------------------------------------------------------------


def row(run: Run, plain: Run | None = None, small: Run | None = None) -> list[str]:
    sizes = sorted(run.sizes.values()) or [0]
    biggest, where = run.largest()
    story, _ = run.largest("articles/")
    hooks = " ".join(
        f"{EVENTS.get(k, k)} {v['seconds']:.2f}" for k, v in run.hooks.items() if v["seconds"] >= 0.005 and k in EVENTS
    )
    return [
        run.label + ("" if run.ok else " FAILED"),
        f"{run.pages}",
        f"{run.seconds:.1f}",
        f"{run.hook_seconds:.2f} ({100 * run.hook_seconds / run.seconds:.0f}%)" if run.hooks else "-",
        hooks or "-",
        f"{run.ms_per_page:.1f}",
        f"{run.peak_mb:.0f}",
        f"{statistics.median(sizes) / 1000:.0f}",
        f"{biggest / 1000:.0f} {where.removesuffix('index.html') or '/'}",
        f"{story / 1000:.0f}" if story else "-",
        f"{run.seconds / plain.seconds:.2f}" if plain else "-",
        f"{run.seconds / small.seconds:.1f}" if small else "-",
        f"{run.warnings}",
    ]


HEADER = [
    "build",
    "pages",
    "total s",
    "hooks s (share)",
    "hooks by event, s",
    "ms/page",
    "peak MB",
    "HTML kB med",
    "HTML kB max (page)",
    "story kB max",
    "x plain",
    "x smaller",
    "warn",
]


def print_table(rows: list[list[str]], header: list[str] = HEADER) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "  ".join(
        c.ljust(w) if i in (0, 4, 8) else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
    )
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for cells in rows:
        print(line(cells))


# --- social cards ---------------------------------------------------------------------------

CARD_HEADER = ["build", "cards", "off s", "cold s", "cold +", "warm s", "warm +", "warm: card work s (share)"]


def card_builds(label: str, root: Path, out: Path, data: Path, n: int, compare: bool) -> tuple[Run, list[str] | None]:
    """The hooked build with a warm card cache, and (if `compare`) the table row of what cards cost."""
    cache = out / f"cards-{n}"
    hooked = lambda name, extra: build(
        f"{label}: {name}", root / "mkdocs.yml", out / f"site-{n}", data, out / f"profile-{n}.json", extra
    )
    if not compare:
        return hooked("hooks", {"ORBIT_CARD_CACHE": str(cache)}), None
    shutil.rmtree(cache, ignore_errors=True)
    off = hooked("hooks, no cards", {"ORBIT_CARDS": "off"})
    cold = hooked("hooks, cold cards", {"ORBIT_CARD_CACHE": str(cache)})
    warm = hooked("hooks", {"ORBIT_CARD_CACHE": str(cache)})
    cards = len(list((out / f"site-{n}" / "assets" / "cards").rglob("*.png")))
    share = lambda run: f"{run.seconds - off.seconds:+.2f} ({100 * (run.seconds - off.seconds) / off.seconds:+.0f}%)"
    row = [
        label,
        str(cards),
        f"{off.seconds:.1f}",
        f"{cold.seconds:.1f}",
        share(cold),
        f"{warm.seconds:.1f}",
        share(warm),
    ]
    # Wall times compare three builds; the card work of the warm one is measured inside it, so a
    # busy machine moves it much less.
    return warm, [*row, f"{warm.card_seconds:.2f} ({100 * warm.card_seconds / warm.seconds:.1f}%)"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000], help="corpus sizes in stories")
    parser.add_argument("--root", type=Path, default=ROOT, help="project to benchmark (default: this one)")
    parser.add_argument("--out", type=Path, help="work folder, kept (default: a temporary one)")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain-Markdown twins")
    parser.add_argument("--no-cards", action="store_true", help="skip the builds without cards and with a cold cache")
    parser.add_argument("--export", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export:
        return _export(*map(Path, args.export))
    root = args.root.resolve()
    out = args.out or Path(tempfile.mkdtemp(prefix="orbit-bench-"))
    out.mkdir(parents=True, exist_ok=True)
    rows, by_size, card_rows = [], {}, []  # corpus runs by size; what social cards cost
    datasets = [("real", root / "data", 0)] + [(f"{n} stories", out / f"data-{n}", n) for n in args.sizes]
    for label, data, n in datasets:
        if n:
            subprocess.run([sys.executable, str(root / "scripts" / "make_corpus.py"), str(n), str(data)], check=True)
        hooked, card_row = card_builds(label, root, out, data, n, not args.no_cards)
        card_rows += [card_row] if card_row else []
        plain = None
        if not args.no_plain:
            config = export_plain(root, data, out / f"plain-{n}")
            plain = build(f"{label}: plain", config, out / f"plain-site-{n}")
        smallest = by_size[min(by_size)] if by_size else None  # the ratio to the smallest corpus
        if n:
            by_size[n] = hooked
        rows.append(row(hooked, plain, smallest))
        if plain:
            rows.append(row(plain, None, None))
        print(f"... {label} done", file=sys.stderr)
    material = {}
    for n in sorted({*args.sizes}):
        config = material_baseline(root, n, out / f"material-{n}")
        material[n] = build(f"Material, {n} plain pages", config, out / f"material-site-{n}")
        smallest = material[min(material)] if n != min(material) else None
        rows.append(row(material[n], None, smallest))
    print_table(rows)
    if card_rows:
        print()
        print_table(card_rows, CARD_HEADER)
    if args.sizes:
        n = max(args.sizes)
        corpus, base = by_size[n], material[n]
        print(
            f"\n{n} stories vs Material's {n} plain pages, per page: {corpus.ms_per_page:.1f} / {base.ms_per_page:.1f} ms"
            f" = {corpus.ms_per_page / base.ms_per_page:.2f}x   (work folder: {out})"
        )


if __name__ == "__main__":
    main()
