"""Records whose text tries to become a script link, and a checker that reads links like a browser.

`NESTED` are the reproduced cases of "Hostile input, round two" (finding 1): a link inside the
target of another link, which a regular expression on the Markdown did not see. `fuzz_texts`
makes seeded, bounded random mixtures of Markdown link syntax, encodings and schemes. Every
record carries its text in every text field the schema has.
"""

from __future__ import annotations

import json
import random
import re
from html.parser import HTMLParser

NESTED = {
    "genest": "Meer informatie: ](x[Klik](javascript:window.__pwned='genest';alert(document.domain))",
    "genest-twee": "[a](b[c](d[Klik](javascript:window.__pwned='genest-twee')))",
    "genest-ref": "](x[Klik][r] [r]: javascript:window.__pwned='genest-ref'",
    "genest-hoek": "](<x>[Klik](<javascript:window.__pwned='genest-hoek'>)",
    "genest-entiteit": "](x[Klik](jav&#x61;script:window.__pwned='genest-entiteit')",
    "genest-spatie": "](x[Klik]( java\tscript:window.__pwned='genest-spatie')",
    "genest-data": "](x[Klik](data:text/html,<script>window.__pwned='genest-data'</script>)",
}

PIECES = [
    "[", "]", "(", ")", "<", ">", "](", "[Klik]", "[r]", "[r]: ", "![", " ", "\n", "\n\n", "x", "`", "*",
    "\\", "javascript:window.__pwned='fuzz'", "JaVaScRiPt:window.__pwned='fuzz'", "jav&#x61;script:",
    "java\tscript:", "&#106;avascript:", "javascript&colon;", "vbscript:x", "data:text/html,x",
    "https://www.example.nl/", "mailto:info@example.nl", "&", ";", "\"", "'", ":", "{", "}", "- ", "#",
]


def fuzz_texts(count: int, seed: int = 20261201) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(5, 40))) for _ in range(count)]


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def link_record(text: str, nr: int) -> str:
    """A valid nomination with the text in every text field (one-line fields get it on one line)."""
    one = " ".join(text.split())
    criteria = "\n".join(
        f"  {cid}:\n    verdict: voldoet\n    by: jury\n    text: {_s(text)}"
        for cid in ("voorbeeldfunctie", "ketensamenwerking", "duurzaamheid", "innovatie", "effect-op-werkenden")
    )
    return f"""\
title: {_s(f"Praktijk {nr} {one}"[:200])}
kind: nominatie
summary: {_s("Een samenvatting van twintig tekens of meer. " + text)}
description: {_s(text)}
organisations:
  - {{name: {_s("Bedrijf " + one)}, role: {_s(one or "rol")}, note: {_s(one)}}}
sectors: [schoonmaak]
target_groups: [statushouders]
place: {_s(one or "plaats")}
period: {{start: "2022", note: {_s(one)}}}
award: {{edition: best-practice-award-2022, stage: finalist}}
criteria:
{criteria}
results:
  - {{value: {_s(one or "1")}, unit: {_s(one or "x")}, what: {_s(one or "x")}, status: gerealiseerd}}
worked: [{_s(one)}]
failed: [{_s(one)}]
lessons: [{_s(one)}]
caveats: [{_s(one)}]
quotes:
  - {{text: {_s(one[:600] or "x")}, speaker: {_s(one or "x")}}}
sources:
  - {{source: week-van-de-1000-voorbeelden-2020, where: "r. 1", note: {_s(one or "bron")}}}
"""


def link_records(fuzz: int = 40) -> dict[str, str]:
    """id -> YAML: the nested cases and `fuzz` random texts, each related to its neighbours (both
    ways, as validate asks), so that every record's title also appears in other related lists."""
    texts = list(NESTED.values()) + fuzz_texts(fuzz)
    ids = [f"link-{nr:03d}" for nr in range(len(texts))]
    return {rid: link_record(text, nr) + f"related: [{ids[(nr - 1) % len(ids)]}, {ids[(nr + 1) % len(ids)]}]\n"
            for nr, (rid, text) in enumerate(zip(ids, texts))}


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "cite", "background",
                  "longdesc", "usemap", "xlink:href", "srcset", "ping", "icon", "manifest"}
SAFE = re.compile(r"^(?:https?|mailto)$")


def scheme_as_browser_reads(value: str) -> str | None:
    """The scheme a browser would see in an attribute value the HTML parser has decoded:
    tabs, newlines and other controls dropped, case folded. None for a relative URL."""
    value = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
    m = re.match(r"([a-z][a-z0-9+.\-]*):", value)
    return m.group(1) if m else None


class UnsafeLinks(HTMLParser):
    """Every URL attribute, in every tag, whose scheme is not http, https or mailto."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                for part in (value.split(",") if name == "srcset" else [value]):
                    scheme = scheme_as_browser_reads(part.strip().split(" ")[0])
                    if scheme is not None and not SAFE.match(scheme):
                        self.found.append((tag, name, value[:120]))

    handle_startendtag = handle_starttag


def unsafe_links(page: str) -> list[tuple[str, str, str]]:
    parser = UnsafeLinks()
    parser.feed(page)
    parser.close()
    return parser.found
