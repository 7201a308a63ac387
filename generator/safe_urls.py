"""The second line of defence against script links: URL attributes checked on the final HTML.

The Markdown the generator writes already defuses unsafe link syntax, but Markdown is a
language of nested constructs and a regular expression cannot see every way a record's text
might turn into a link. So every page MkDocs writes passes through here, and each URL in an
attribute is read the way a browser reads it (character references decoded, tab, newline and
other control characters and spaces removed, case folded). A URL with a scheme other than
http, https or mailto loses its attribute, whatever Markdown construct produced it; relative
links (`praktijken/x/`, `#kop`, `/data/praktijken.json`) stay.

Speed: almost every URL on a page is a plain relative or https link, which one regular
expression over the page confirms; only a page that holds a suspect URL is tokenised tag by
tag (with the standard library's HTML tokenizer, which knows where script and style text is).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# every attribute that a browser resolves as a URL (HTML, SVG, MathML)
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "poster", "data", "cite", "background", "longdesc",
    "usemap", "manifest", "codebase", "archive", "profile", "icon", "ping", "lowsrc", "dynsrc",
    "xlink:href", "srcset", "imagesrcset",
})

# Characters a browser drops from a URL or that could hide a scheme; kept in one class so the
# quick look and the exact check agree.
_HIDDEN = r"\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff"
# An attribute value that is not plainly safe: it holds a character reference or a hidden
# character, or a colon before any / ? # (a scheme) without being an http(s) or mailto link.
# (A lookahead: nothing is consumed, so a value can never hide the attribute after it.)
_SUSPECT_VALUE = re.compile(
    rf"""=(?=\s*(?:"(?=[^"]*[&{_HIDDEN}]|(?!https?:|mailto:)[^"/?#]*:)([^"]*)"""
    rf"""|'(?=[^']*[&{_HIDDEN}]|(?!https?:|mailto:)[^'/?#]*:)([^']*)"""
    rf"""|(?![\s"'])(?=[^\s>]*[&{_HIDDEN}]|(?!https?:|mailto:)[^\s>/?#]*:)([^\s>]*)))"""
)
_NAME_BEFORE = re.compile(r"([^\s/>\"'=]+)\s*$")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_NOT_IN_A_URL = re.compile(f"[ {_HIDDEN}]")
_PLAIN = re.compile(f"^[^& {_HIDDEN}]*$")


def is_safe_url(value: str, decoded: bool = False) -> bool:
    """Whether a browser would open this attribute value (as written in the HTML, or already
    decoded by an HTML parser) as an http(s), mailto or relative URL."""
    if not _PLAIN.match(value):
        value = _NOT_IN_A_URL.sub("", value if decoded else html.unescape(value))
    scheme = _SCHEME.match(value.lower())
    return scheme is None or scheme.group(1) in SAFE_SCHEMES


def _is_safe_attribute(name: str, value: str, decoded: bool = False) -> bool:
    if name.lower() in ("srcset", "imagesrcset"):  # "a.png 1x, javascript:x 2x"
        value = value if decoded else html.unescape(value)
        return all(is_safe_url(part.strip().split(" ")[0], decoded=True) for part in value.split(","))
    return is_safe_url(value, decoded)


def has_unsafe_url(page: str) -> bool:
    """A quick look over the whole page: could any URL attribute be unsafe?"""
    for m in _SUSPECT_VALUE.finditer(page):
        name = _NAME_BEFORE.search(page, max(0, m.start() - 40), m.start())
        value = next(v for v in m.groups() if v is not None)
        if name and name.group(1).lower() in URL_ATTRIBUTES and not _is_safe_attribute(name.group(1), value):
            return True
    return False


class _StartTags(HTMLParser):
    """Where each start tag is in the page and which of its URL attributes are unsafe."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.unsafe: list[tuple[tuple[int, int], str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        bad = [name for name, value in attrs
               if name in URL_ATTRIBUTES and value is not None and not _is_safe_attribute(name, value, decoded=True)]
        if bad:
            self.unsafe.append((self.getpos(), self.get_starttag_text(), bad))

    handle_startendtag = handle_starttag


def _without_attributes(tag_text: str, names: list[str]) -> str:
    """The start tag as written, minus the named attributes (every occurrence)."""
    wanted = {n.lower() for n in names}

    def drop(m: re.Match) -> str:
        return "" if m.group(1).lower() in wanted else m.group(0)

    attribute = re.compile(r"""\s+([^\s/>"'=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
    head = re.match(r"<[^\s/>]+", tag_text).group(0)
    return head + attribute.sub(drop, tag_text[len(head):])


def strip_unsafe_urls(page: str) -> tuple[str, int]:
    """The page with every unsafe URL attribute removed, and how many were removed."""
    if not has_unsafe_url(page):
        return page, 0
    parser = _StartTags()
    parser.feed(page)
    parser.close()
    if not parser.unsafe:
        return page, 0  # the suspect text was not in a tag (e.g. inside a script's data)
    line_starts = [0] + [m.end() for m in re.finditer("\n", page)]
    out, at, removed = [], 0, 0
    for (line, col), tag_text, names in parser.unsafe:
        start = line_starts[line - 1] + col
        if page.startswith(tag_text, start) and start >= at:
            out += [page[at:start], _without_attributes(tag_text, names)]
            at = start + len(tag_text)
            removed += len(names)
    out.append(page[at:])
    return "".join(out), removed
