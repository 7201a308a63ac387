"""How deep the flow collections (`[ ]` and `{ }`) of a YAML text nest, read before any parser.

libyaml reads a whole flow collection ahead before it hands out the first event (it must know
whether the collection is a mapping key), so a record of a thousand `[` reaches libyaml's own
limit, with libyaml's own English message, before the loader's event-by-event depth check sees
more than a few events. And that limit moves with PyYAML's version (6.0.4 added it). Counting
the brackets on the raw text first gives the editor the project's own message, at the bracket
that goes too deep, whatever parser is installed.

The scan knows just enough YAML to tell a bracket from text: quoted scalars (also across
lines), comments, block scalars (`|`, `>`) and plain scalars, whose brackets and quotes are
text in block context (`title: Een [x] titel`, `summary: mama's werk`).
"""

from __future__ import annotations

import re

# a YAML line break (YAML 1.1, which libyaml reads, also counts NEL, LS and PS)
_LINES = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# where a plain scalar in block context ends: a value indicator or a comment
_PLAIN_END = re.compile(r":(?=[ \t]|$)| #|\t#")
# what can end a plain scalar inside a flow collection
_FLOW_INDICATOR = re.compile(r"[\[\]{},:#?]")
# node properties before a node: an anchor (&a) or a tag (!x, !!str)
_PROPERTY = re.compile(r"[&!][^ \t]*(?=[ \t]|$)")


def _closing_double_quote(line: str, start: int) -> int:
    """Index of the `"` that ends a double-quoted scalar, or -1 if it goes on past this line."""
    i = line.find('"', start)
    while i != -1:
        backslashes = len(line[start:i]) - len(line[start:i].rstrip("\\"))
        if backslashes % 2 == 0:
            return i
        i = line.find('"', i + 1)
    return -1


def _closing_single_quote(line: str, start: int) -> int:
    """Index of the `'` that ends a single-quoted scalar (`''` is an escaped quote), or -1."""
    i = line.find("'", start)
    while i != -1 and line[i + 1:i + 2] == "'":
        i = line.find("'", i + 2)
    return i


def _space_or_end(line: str, i: int) -> bool:
    return i >= len(line) or line[i] in " \t"


def too_deep(text: str, max_depth: int) -> tuple[int, int] | None:
    """(line, column) of the first `[` or `{` nested deeper than max_depth, else None."""
    if text.count("[") + text.count("{") <= max_depth:
        return None  # the common case: too few brackets to nest that deep
    depth = 0
    quote = ""  # '"' or "'" while a quoted scalar runs on over line ends
    block_owner: int | None = None  # lines indented deeper than this belong to a block scalar
    plain_owner: int | None = None  # lines indented deeper than this continue a plain scalar
    seen = False  # whether the document's root node has begun (its owner is column -1)
    waiting: int | None = None  # a key or `-` ended the last line: its column owns the next node
    for number, line in enumerate(_LINES.split(text), 1):
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        marker = line[:3] in ("---", "...") and _space_or_end(line, 3)
        if marker:  # a document marker ends every scalar, even a quoted one
            depth, quote, seen, block_owner, plain_owner, waiting = 0, "", False, None, None, None
        if block_owner is not None:
            if not body.strip() or indent > block_owner:
                continue
            block_owner = None
        if plain_owner is not None and not quote and depth == 0:
            if not body.strip():
                continue  # a blank line inside a multi-line plain scalar
            if indent > plain_owner and not body.startswith("#"):
                if " #" in body or "\t#" in body:
                    plain_owner = None  # a comment ends it
                continue
            plain_owner = None
        i = 0 if (quote or depth) else indent
        start = True  # a node may begin here
        in_plain = False  # inside a plain scalar of a flow collection (`[a#b]`: # is text)
        if not body.strip() or (not quote and not depth and body.startswith("#")):
            continue  # blank and comment lines change nothing
        owner = indent if seen else -1  # the column of the node that owns what follows
        if waiting is not None and indent > waiting:
            owner = waiting
        waiting = None
        if marker:
            i = 3  # a new root node may follow on the same line
        while i < len(line):
            if quote:
                end = (_closing_double_quote if quote == '"' else _closing_single_quote)(line, i)
                if end < 0:
                    break
                quote, start, i = "", False, end + 1
                continue
            ch = line[i]
            if ch in " \t\r":
                i += 1
                continue
            if ch == "#" and (i == 0 or line[i - 1] in " \t" or not in_plain):
                break  # a comment: `#` after a space, or where a token begins (`[#`, `"x"#`)
            in_plain = False
            seen = True
            if start and ch in "&!" and (m := _PROPERTY.match(line, i)):
                i = m.end()  # an anchor or tag: the node itself comes after it
                continue
            if ch in "[{":
                if depth or start:
                    depth += 1
                    if depth > max_depth:
                        return number, i + 1
                    start = True
                    i += 1
                    continue
            elif depth:  # inside a flow collection every indicator counts
                if ch in "]}":
                    depth, start = depth - 1, False
                elif ch == ",":
                    start = True
                elif ch in "\"'" and start:
                    quote = ch
                elif ch in ":?" and _space_or_end(line, i + 1):
                    start = True
                elif not (ch in "\"'" and not start):
                    start = False  # a plain scalar: nothing in it counts until the next indicator
                    nxt = _FLOW_INDICATOR.search(line, i + 1)
                    i, in_plain = (nxt.start() if nxt else len(line)), True
                    continue
                i += 1
                continue
            # block context
            if not start:
                if ch == ":" and _space_or_end(line, i + 1):
                    start = True
                i += 1
                continue
            if ch in "\"'":
                quote = ch
                i += 1
            elif ch in "|>":
                block_owner = owner
                break
            elif ch in "-?" and _space_or_end(line, i + 1):
                owner, i = i, i + 1  # a sequence entry or an explicit key
            else:  # a plain scalar: a key (ends at ': ') or a value (may run on over lines)
                end = _PLAIN_END.search(line, i)
                if end is None:
                    plain_owner = owner
                    break
                if end.group() != ":":
                    break  # a comment ends the line
                owner, i = i, end.end()
        if start and not depth and not quote and block_owner is None and plain_owner is None:
            waiting = owner
    return None
