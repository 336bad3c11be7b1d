"""Social cards: the 1200x630 picture a shared link shows, drawn from a page's words alone.

`draw_card` is a pure function (same words, same bytes), so cards can be cached by a digest of
their words and of this drawing code and its fonts (`style_digest`).
"""

from __future__ import annotations

import functools
import hashlib
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
_FONTS = Path(__file__).with_name("fonts")
_MARGIN = 80
_TEXT_WIDTH = WIDTH - 2 * _MARGIN
# Colours of the site's palette: Material's indigo (primary) and amber (accent).
_BACKGROUND = (26, 35, 126)  # indigo 900
_BAND = (40, 53, 147)  # indigo 800
_ACCENT = (255, 193, 7)  # amber 500
_TITLE = (255, 255, 255)
_DESCRIPTION = (197, 202, 233)  # indigo 100
_ELLIPSIS = "\u2026"
_TITLE_SIZES = (72, 62, 54)  # the largest that holds the title in three lines; the last ellipsizes


@functools.lru_cache(maxsize=16)
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_FONTS / f"Inter-{weight}.ttf"), size)


@functools.lru_cache(maxsize=1)
def style_digest() -> str:
    """A digest of everything that decides how a card looks besides its words: this file and the fonts."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted(_FONTS.glob("*.ttf")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def draw_card(title: str, description: str, kind: str, site_name: str) -> bytes:
    """The PNG of a card: the kind above, the title (up to 3 lines), the description (up to 3 lines
    at most, fewer under a long title), the site's name at the foot; longer text ends with an ellipsis."""
    image = Image.new("RGB", (WIDTH, HEIGHT), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 110, WIDTH, HEIGHT), fill=_BAND)
    draw.rectangle((0, 0, 16, HEIGHT), fill=_ACCENT)
    draw.text((_MARGIN, 64), " ".join(kind.upper()), font=_font("Bold", 26), fill=_ACCENT)
    size, lines = _fit_title(title)
    y = _paragraph(draw, lines, _font("Bold", size), 122, round(size * 1.18), _TITLE)
    space = (HEIGHT - 150 - y - 28) // 48  # description lines that fit above the foot
    if space > 0:
        font = _font("Regular", 34)
        _paragraph(draw, wrap(description, font, _TEXT_WIDTH, min(3, space)), font, y + 28, 48, _DESCRIPTION)
    _foot(draw, site_name)
    # A few dozen colours without dithering look the same, and the file is a third of the size.
    image = image.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()


def _fit_title(title: str) -> tuple[int, list[str]]:
    """The largest title size whose lines fit in three (the smallest size ellipsizes)."""
    for size in _TITLE_SIZES:
        lines = wrap(title, _font("Bold", size), _TEXT_WIDTH, 3)
        if not lines or not lines[-1].endswith(_ELLIPSIS):
            break
    return size, lines


def _paragraph(draw: ImageDraw.ImageDraw, lines: list[str], font, top: int, leading: int, fill) -> int:
    """Draw `lines` from `top`; returns the y below the last line."""
    for number, line in enumerate(lines):
        draw.text((_MARGIN, top + number * leading), line, font=font, fill=fill)
    return top + len(lines) * leading


def _foot(draw: ImageDraw.ImageDraw, site_name: str) -> None:
    """The site's name at the foot, after a small orbit: a planet and its ring."""
    cx, cy = _MARGIN + 22, HEIGHT - 55
    ring = (cx - 28, cy - 9, cx + 28, cy + 9)
    draw.arc(ring, 180, 360, fill=_TITLE, width=3)  # behind the planet
    draw.ellipse((cx - 14, cy - 14, cx + 14, cy + 14), fill=_ACCENT)
    draw.arc(ring, 0, 180, fill=_TITLE, width=3)  # in front of it
    name = wrap(site_name, _font("Bold", 32), _TEXT_WIDTH - 70, 1)
    draw.text((_MARGIN + 70, cy), name[0] if name else "", font=_font("Bold", 32), fill=_TITLE, anchor="lm")


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """`text` in at most `max_lines` lines no wider than `width`; words too long for a line are
    cut, and text left over ends the last line with an ellipsis."""
    words, lines, line = " ".join(text.split()).split(" "), [], ""
    for word in filter(None, words):
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while font.getlength(line) > width:  # a word longer than a line: cut it where it overflows
            cut = _fitting(line, font, width)
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsized(lines[-1], font, width)
    return lines


def _fitting(text: str, font: ImageFont.FreeTypeFont, width: int) -> int:
    """How many leading characters of `text` fit in `width` (at least one)."""
    count = 1
    while count < len(text) and font.getlength(text[: count + 1]) <= width:
        count += 1
    return count


def _ellipsized(line: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """`line` shortened at a word (or a character) so that it and an ellipsis fit in `width`."""
    while line and font.getlength(line + _ELLIPSIS) > width:
        shorter = line.rsplit(" ", 1)[0] if " " in line else line[:-1]
        line = shorter
    return line.rstrip(" ,;:.-\u2013\u2014") + _ELLIPSIS
