"""Preview cards: the picture a shared link to a page shows on LinkedIn, in a mail or a chat.

Material's social plugin fetches its font from another host at build time, which fails here and
in a locked-down CI. These cards are drawn with Pillow and a font from Debian's packages
(fonts-dejavu-core, which `make system-deps` installs), and kept on disk by their text, so a
build draws only the cards whose text changed. A visitor's browser never asks another host.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

SIZE = (1200, 630)  # what Open Graph and X/Twitter's large card expect (1.91:1)
LOOK = "1"  # part of every cache key: raise it when the drawing below changes
FONT_FOLDERS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
BOLD, REGULAR = "DejaVuSans-Bold.ttf", "DejaVuSans.ttf"

# the site's colours (site_config/assets/praktijkbank.css)
PRIMARY, PRIMARY_DARK, ACCENT = "#00574b", "#003d34", "#b33c00"
PAPER, INK, MUTED = "#ffffff", "#1a1a1a", "#4d4d4d"
MARGIN, BAND = 72, 110
TITLE_SIZES = (66, 58, 50, 44, 38)
TAGLINE = "goede praktijken in inclusief werkgeverschap"


class FontMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Card:
    title: str
    kicker: str  # above the title: the kind and sector of a practice, or the section of a page
    footer: str = ""  # below it: a practice's organisations and place

    def key(self) -> str:
        text = "\0".join([LOOK, self.title, self.kicker, self.footer])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def practice_card(practice) -> Card:
    """A practice: its kind and sectors above the title, its organisations and place below."""
    kicker = " · ".join(t.label for _, t in practice.badges[:3])
    names = [o["name"] for o in practice.get("organisations", [])[:3]]
    footer = ", ".join(names) + (f" · {practice.get('place')}" if practice.get("place") else "")
    return Card(" ".join(practice.title.split()), kicker, footer)


def card_path(page_url: str) -> str:
    """Where a page's card is published: praktijken/x/ -> assets/kaarten/praktijken/x.png."""
    return f"assets/kaarten/{page_url.strip('/') or 'index'}.png"


def _font_file(name: str) -> Path:
    for folder in FONT_FOLDERS:
        if (folder / name).is_file():
            return folder / name
    raise FontMissing(f"lettertype {name} ontbreekt voor de deelkaarten: installeer fonts-dejavu-core "
                      "(make system-deps)")


class _Fonts:
    def __init__(self):
        from PIL import ImageFont

        self._cache: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}
        self._truetype = ImageFont.truetype

    def __call__(self, name: str, size: int):
        if (name, size) not in self._cache:
            self._cache[(name, size)] = self._truetype(str(_font_file(name)), size)
        return self._cache[(name, size)]


def _wrapped(draw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _fitted(draw, text: str, font, width: int, most: int) -> list[str]:
    """At most `most` lines, the last one cut with "…" when the text is longer."""
    lines = _wrapped(draw, text, font, width)
    if len(lines) <= most:
        return lines
    last = lines[most - 1]
    while last and draw.textlength(last + " …", font=font) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return lines[: most - 1] + [last.rstrip(",;:") + " …"]


class CardDrawer:
    """Draws cards, and keeps each one in `cache` under the hash of its text."""

    def __init__(self, cache: Path):
        self.cache = cache
        self.used: set[str] = set()
        self._fonts: _Fonts | None = None

    def png(self, card: Card) -> bytes:
        key = card.key()
        self.used.add(key)
        stored = self.cache / f"{key}.png"
        if stored.is_file():
            return stored.read_bytes()
        data = self.draw(card)
        self.cache.mkdir(parents=True, exist_ok=True)
        partial = stored.with_suffix(".tmp")
        partial.write_bytes(data)
        partial.replace(stored)  # two builds at once never read half a card
        return data

    def forget_unused(self) -> None:
        """After a full build: cards no page uses any more leave the cache."""
        for stored in self.cache.glob("*.png") if self.cache.is_dir() else []:
            if stored.stem not in self.used:
                stored.unlink(missing_ok=True)

    def draw(self, card: Card) -> bytes:
        from PIL import Image, ImageDraw

        fonts = self._fonts = self._fonts or _Fonts()
        image = Image.new("RGB", SIZE, PAPER)
        draw = ImageDraw.Draw(image)
        width = SIZE[0] - 2 * MARGIN
        draw.rectangle([0, 0, 18, SIZE[1]], fill=PRIMARY)
        y = 64
        if card.kicker:
            kicker = fonts(BOLD, 30)
            draw.text((MARGIN, y), _fitted(draw, card.kicker.upper(), kicker, width, 1)[0], font=kicker, fill=ACCENT)
            y += 58
        footer = fonts(REGULAR, 30)
        footer_lines = _fitted(draw, card.footer, footer, width, 2) if card.footer else []
        room = SIZE[1] - BAND - 36 - y - 44 * len(footer_lines)
        # the largest size at which the whole title fits in four lines above the footer
        for size in TITLE_SIZES:
            title_font = fonts(BOLD, size)
            lines = _wrapped(draw, card.title, title_font, width)
            if len(lines) <= 4 and len(lines) * int(size * 1.22) <= room:
                break
        lines = _fitted(draw, card.title, title_font, width, max(1, min(4, room // int(size * 1.22))))
        for line in lines:
            draw.text((MARGIN, y), line, font=title_font, fill=INK)
            y += int(size * 1.22)
        y += 10
        for line in footer_lines:
            y += 8
            draw.text((MARGIN, y), line, font=footer, fill=MUTED)
            y += 36
        top = SIZE[1] - BAND
        draw.rectangle([0, top, SIZE[0], SIZE[1]], fill=PRIMARY_DARK)
        name = fonts(BOLD, 40)
        draw.text((MARGIN, top + 32), "Praktijkbank", font=name, fill=PAPER)
        tagline = fonts(REGULAR, 26)
        left = MARGIN + draw.textlength("Praktijkbank", font=name) + 28
        draw.text((left, top + 44), _fitted(draw, TAGLINE, tagline, SIZE[0] - left - MARGIN, 1)[0], font=tagline, fill="#d9ece8")
        out = io.BytesIO()
        # few colours: a palette keeps a card near 25 KB instead of 60 (octree: 20 ms, not 60)
        image.quantize(colors=64, method=Image.Quantize.FASTOCTREE).save(out, format="PNG")
        return out.getvalue()
