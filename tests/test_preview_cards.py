"""Preview cards (issue "Ready to publish"): every page's Open Graph and Twitter tags, and the
card image they point to, drawn at build time with Pillow and a Debian font, cached by text."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from PIL import Image

from generator.preview_cards import SIZE, Card, CardDrawer, _fitted, card_path

DEVENTER = "deventer-qleaning-oekraiense-vluchtelingen"


class Meta(HTMLParser):
    """property/name -> content of every <meta> tag."""

    def __init__(self):
        super().__init__()
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.tags[a.get("property") or a["name"]] = a.get("content") or ""


def meta(page: Path) -> dict[str, str]:
    parser = Meta()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.tags


def pages(site: Path) -> list[Path]:
    # the pages MkDocs renders; not the web editor (admin/), a static page of its own
    return sorted(p for p in site.rglob("index.html") if not {"pagefind", "assets", "admin"} & set(p.parts))


# -- on the built real site ---------------------------------------------------------------------

def test_every_practice_page_has_its_preview_tags_and_the_image_exists(real_site_dir):
    practices = sorted((real_site_dir / "praktijken").glob("*/index.html"))
    assert len(practices) >= 60
    for page in practices:
        tags = meta(page)
        if "refresh" in page.read_text():  # an old id: only sends the reader on
            assert "og:image" not in tags
            continue
        for name in ["og:title", "og:description", "og:image", "og:type", "twitter:card", "twitter:image",
                     "og:image:alt"]:
            assert tags.get(name), (page, name)
        assert tags["og:type"] == "article" and tags["twitter:card"] == "summary_large_image"
        # no site_url in this build: the image is relative to the page, and is there
        image = (page.parent / tags["og:image"]).resolve()
        assert image.is_file(), image
        with Image.open(image) as card:
            assert (card.format, card.size) == ("PNG", SIZE)


def test_a_practice_card_says_what_the_practice_is(real_site_dir):
    tags = meta(real_site_dir / "praktijken" / DEVENTER / "index.html")
    record = yaml.safe_load((Path(__file__).parents[1] / "practices" / f"{DEVENTER}.yaml").read_text())
    assert tags["og:title"] == " ".join(record["title"].split())
    assert record["summary"].split(".")[0] in tags["og:description"]
    assert tags["og:image"].endswith(f"assets/kaarten/praktijken/{DEVENTER}.png")


def test_every_other_page_has_a_card_too(real_site_dir):
    for page in pages(real_site_dir):
        if "refresh" in page.read_text():
            continue
        tags = meta(page)
        assert tags.get("og:image") and (page.parent / tags["og:image"]).resolve().is_file(), page
        assert tags["og:type"] in ("article", "website")


def test_hostile_titles_stay_text_in_the_tags(records_site):
    for rid, text in records_site.records.items():
        if not rid.startswith("vijandig-"):
            continue
        tags = meta(records_site.site / "praktijken" / rid / "index.html")
        assert tags["og:title"] == " ".join(yaml.safe_load(text)["title"].split()), rid
        assert tags["twitter:title"] == tags["og:title"]


# -- drawing and the cache ----------------------------------------------------------------------

def test_a_long_title_is_cut_with_an_ellipsis_and_never_overflows():
    from PIL import ImageDraw, ImageFont

    from generator.preview_cards import BOLD, _font_file

    draw = ImageDraw.Draw(Image.new("RGB", SIZE))
    font = ImageFont.truetype(str(_font_file(BOLD)), 50)
    lines = _fitted(draw, "woord " * 200, font, 1000, 4)
    assert len(lines) == 4 and lines[-1].endswith(" …")
    assert all(draw.textlength(line, font=font) <= 1000 for line in lines)
    assert _fitted(draw, "kort", font, 1000, 4) == ["kort"]


def test_a_card_is_drawn_once_and_then_read_from_the_cache(tmp_path, monkeypatch):
    drawer = CardDrawer(tmp_path / "kaarten")
    card = Card("Een titel", "Pilot", "Een organisatie · Utrecht")
    first = drawer.png(card)
    with Image.open(io.BytesIO(first)) as image:
        assert image.size == SIZE
    monkeypatch.setattr(CardDrawer, "draw", lambda self, c: pytest.fail("drawn again"))
    assert CardDrawer(tmp_path / "kaarten").png(card) == first  # a later build reads it
    assert Card("Een andere titel", "Pilot").key() != card.key()


def test_cards_no_page_uses_leave_the_cache(tmp_path):
    drawer = CardDrawer(tmp_path / "kaarten")
    drawer.png(Card("Oud", "Pilot"))
    later = CardDrawer(tmp_path / "kaarten")
    kept = later.png(Card("Nieuw", "Pilot"))
    later.forget_unused()
    assert [p.name for p in (tmp_path / "kaarten").iterdir()] == [Card("Nieuw", "Pilot").key() + ".png"]
    assert kept


def test_card_paths_follow_the_page_url():
    assert card_path("") == "assets/kaarten/index.png"
    assert card_path("praktijken/x/") == "assets/kaarten/praktijken/x.png"
    assert json.dumps(card_path("criteria/innovatie/")) == '"assets/kaarten/criteria/innovatie.png"'


def test_each_set_of_records_has_its_own_cache_folder(tmp_path):
    from generator.project import Project

    public = Project(tmp_path)
    assert public.cache("kaarten") == tmp_path / "build" / "cache" / "kaarten"
    jury = Project(tmp_path, jury_edition="prijs-2030", jury_practices=tmp_path.parent / "vertrouwelijk")
    elsewhere = Project(tmp_path, practices=tmp_path.parent / "elders")
    folders = {public.cache("kaarten"), jury.cache("kaarten"), elsewhere.cache("kaarten")}
    assert len(folders) == 3 and all(f.parent == tmp_path / "build" / "cache" for f in folders)
    assert jury.cache("kaarten") == Project(tmp_path, jury_edition="prijs-2030",
                                            jury_practices=tmp_path.parent / "vertrouwelijk").cache("kaarten")
    assert jury.cache("juryrapporten").name.startswith("juryrapporten-")
