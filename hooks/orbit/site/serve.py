"""What `mkdocs serve` shows an editor: live reload under the strict policy, and build errors.

MkDocs injects an inline live-reload script into every served page, which the site's
Content-Security-Policy (no inline script but the theme's, by hash) blocks. Under serve, the
script is loaded as a file of the site instead (`LIVERELOAD`), so the policy needs no exception.
While the data is broken, every page request is answered with the error, and that page reloads
itself when a build succeeds again.
"""

from __future__ import annotations

import html
from pathlib import Path

LIVERELOAD = "assets/javascripts/livereload.js"


def livereload_script() -> str:
    """The live-reload script, published under serve only."""
    return Path(__file__).with_name("livereload.js").read_text(encoding="utf-8")


def livereload_tag(mount_path: str, epoch: int, request: int) -> bytes:
    """The tag that loads the live-reload script for a page served from build `epoch`."""
    src = f"{mount_path.rstrip('/')}/{LIVERELOAD}"
    return f'<script src="{src}" data-epoch="{epoch}" data-request="{request}"></script>'.encode()


def inject(page: bytes, tag: bytes) -> bytes:
    """The page with `tag` just before its `</body>` (at its end if it has none)."""
    end = page.rfind(b"</body>")
    end = len(page) if end < 0 else end
    return page[:end] + tag + page[end:]


def error_page(message: str, tag: bytes) -> bytes:
    """The page every request gets while the data is broken: the problems, as the build names them."""
    lines = message.splitlines()
    items = "".join(f"<li><code>{html.escape(line.removeprefix('  - '))}</code></li>" for line in lines[1:])
    body = (
        '<main style="font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem">'
        f"<h1>The site cannot be built</h1><p>{html.escape(lines[0] if lines else message)}</p>"
        f'<ul style="padding-left:1.2rem">{items}</ul>'
        "<p>Fix the file and save it: this page reloads by itself when the site builds again.</p></main>"
    )
    head = '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
    page = f"<!doctype html><html lang=en><head>{head}<title>Build error</title></head><body>{body}</body></html>"
    return inject(page.encode(), tag)
