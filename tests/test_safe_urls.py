"""No live script link from any field: URL attributes are checked on the final HTML of every page.

The nested-link case of "Hostile input, round two" (finding 1) made 176 script links on 56 pages
of a site built from tests/hostile_links.py's records before this check existed.
"""

from __future__ import annotations

import logging
import random
import shutil

import markdown
import pytest

import generator.render as render
from generator.cli import main as cli_main
from generator.safe_urls import has_unsafe_url, is_safe_url, strip_unsafe_urls

from helpers import ROOT, make_project
from hostile_input import PAYLOADS
from hostile_links import NESTED, fuzz_texts, link_records, unsafe_links


@pytest.mark.parametrize("value", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "\x01javascript:x",
    "java\tscript:x", "java\nscript:x", "jav&#x61;script:x", "&#106;avascript:x", "&#x6A;avascript:x",
    "javascript&colon;x", "java&NewLine;script:x", "java&Tab;script:x", "\u200bjavascript:x",
    "vbscript:x", "data:text/html,<script>x</script>", "DATA:image/svg+xml,x", "file:///etc/passwd",
    "blob:x", "a:b",
])
def test_unsafe_urls_as_a_browser_reads_them(value):
    assert not is_safe_url(value)


@pytest.mark.parametrize("value", [
    "https://www.example.nl/a?b=1&amp;c=2", "http://x.nl", "HTTPS://X.NL", "mailto:info@example.nl",
    "praktijken/x/", "../x/", "/data/praktijken.json", "#kop", "?jaar=2022", "x?y=a:b", "x#a:b", "",
])
def test_safe_urls_stay(value):
    assert is_safe_url(value)


def test_only_the_unsafe_attribute_goes_and_the_rest_of_the_page_is_kept():
    page = ('<p>Tekst <a class="x" href="javascript:alert(1)" title="t">Klik</a> en '
            '<a href="https://www.example.nl/">goed</a>.</p>\n<img srcset="a.png 1x, javascript:x 2x" alt="a">')
    cleaned, removed = strip_unsafe_urls(page)
    assert removed == 2
    assert cleaned == ('<p>Tekst <a class="x" title="t">Klik</a> en '
                       '<a href="https://www.example.nl/">goed</a>.</p>\n<img alt="a">')


def test_text_that_only_looks_like_an_attribute_is_left_alone():
    page = "<script>var s = \"<a href='javascript:x'>\";</script><p>href=\"javascript:x\"</p>"
    assert strip_unsafe_urls(page) == (page, 0)


HOSTILE_MARKDOWN = list(NESTED.values()) + list(PAYLOADS.values()) + fuzz_texts(300)


def test_the_html_line_alone_removes_every_script_link_markdown_makes():
    """Raw hostile Markdown, not defused first: Markdown makes script links of it, and
    strip_unsafe_urls leaves none, whatever the nesting."""
    made = 0
    for text in HOSTILE_MARKDOWN:
        page = markdown.markdown(text)
        made += len(unsafe_links(page))
        cleaned, _ = strip_unsafe_urls(page)
        assert unsafe_links(cleaned) == [], text
    assert made >= 15  # the corpus really makes script links (20 with this seed)


def test_the_quick_look_never_misses_what_the_exact_check_finds():
    rng = random.Random(7)
    names = ["href", "HREF", "src", "action", "formaction", "srcset", "xlink:href", "title", "data"]
    values = ["javascript:x", "JAVASCRIPT:x", "jav&#x61;script:x", "java&Tab;script:x", " javascript:x",
              "https://ok.nl", "praktijken/x/", "x?a=b:c", "data:x", "&#106;avascript:x", "a.png 1x, vbscript:x 2x"]
    quotes = ['"{}"', "'{}'", "{}"]
    for _ in range(3000):
        attrs = " ".join(f"{rng.choice(names)}={rng.choice(quotes).format(rng.choice(values).replace(' ', '') if True else '')}"
                         for _ in range(rng.randint(1, 3)))
        page = f"<p>x</p><a {attrs}>t</a>"
        if unsafe_links(page):
            assert has_unsafe_url(page), page
            assert unsafe_links(strip_unsafe_urls(page)[0]) == [], page


@pytest.fixture(scope="module")
def link_project(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("links"))
    for rid, text in link_records().items():
        (project / "practices" / f"{rid}.yaml").write_text(text, encoding="utf-8")
    return project


def test_no_page_built_from_hostile_links_has_an_unsafe_link(records_site):
    """The whole pipeline: seeded nested and mixed Markdown in every text field of 47 records
    (on the test-records site of tests/sites.py, with the other hostile records)."""
    pages = sorted(records_site.site.rglob("*.html"))
    assert len(pages) > 60 and (records_site.site / "praktijken" / "link-000" / "index.html").is_file()
    found = {str(p.relative_to(records_site.site)): links for p in pages if (links := unsafe_links(p.read_text()))}
    assert found == {}


@pytest.mark.subprocess  # a whole site build: kept out of mutation testing
def test_every_page_type_is_checked_after_markdown(link_project, tmp_path, monkeypatch, caplog):
    """With the Markdown-level defusing switched off, the check on the HTML still removes every
    script link, on every page type, and says so (so a --strict build refuses the site)."""
    monkeypatch.setattr(render, "neutralise_links", lambda text: text)
    monkeypatch.chdir(link_project)
    caplog.set_level(logging.WARNING, logger="mkdocs")
    assert cli_main(["build", "--practices", str(link_project / "practices"), "--out", str(tmp_path / "site")]) == 0
    pages = sorted((tmp_path / "site").rglob("*.html"))
    found = {str(p.relative_to(tmp_path)): links for p in pages if (links := unsafe_links(p.read_text()))}
    assert found == {}
    warned = [r.getMessage() for r in caplog.records if "onveilig protocol" in r.getMessage()]
    kinds = {w.rsplit(" uit ", 1)[1].split("/")[0].split(";")[0] for w in warned}
    # titles and other one-line fields are escaped text everywhere (render.one_line), so only the
    # Markdown fields (summary, description, criteria texts) still make links for this line to remove
    assert {"praktijken", "prijzen"} <= kinds, kinds
    assert sum(int(w.split(" ")[1]) for w in warned) >= 30  # 36 with these records
