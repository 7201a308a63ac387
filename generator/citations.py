"""Does a number or a quote stand in the lines a record cites? Text matching for the content rules.

A source's stored text keeps the line breaks of its PDF, so a word may be split over two lines
("werk-" / "nemers") and a compound may end a line at its own hyphen ("privaat-" / "private").
The joined text keeps such a line-end hyphen as SOFT, which matches both readings: a correct
quote never fails on the way its source happened to be broken into lines.
"""

from __future__ import annotations

import re

SOFT = "\u00ad"  # a line-end hyphen: either hyphenation (gone when joined) or a real hyphen

_RANGE = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")
_LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=\w)")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
                              "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
# quotation marks, not apostrophes: a ' or " that does not stand between two letters (zo'n, auto's)
_QUOTATION_MARK = re.compile(r"""(?<!\w)['"]|['"](?!\w)""")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")

# A number the source writes as a word ("vier") may be given in digits. "een" is not one (it is
# "a" far more often) and "niet" is not zero (it denies, it does not count); "geen", the
# quantifier of none ("geen kandidaten"), is how the sources state a zero.
NUMBER_WORDS = {  # "eén": één at the start of a sentence (Eén)
    "0": ("nul", "geen"), "1": ("één", "eén"), "2": ("twee", "beide"), "3": ("drie", "drietal"),
    "4": ("vier",), "5": ("vijf", "vijftal"), "6": ("zes",), "7": ("zeven",), "8": ("acht",),
    "9": ("negen",), "10": ("tien",), "11": ("elf",), "12": ("twaalf",), "13": ("dertien",),
    "14": ("veertien",), "15": ("vijftien",), "20": ("twintig",), "30": ("dertig",),
    "40": ("veertig",), "50": ("vijftig",), "100": ("honderd",),
}


def line_ranges(where: str) -> list[tuple[int, int]]:
    """'r. 120-125, 130' -> [(120, 125), (130, 130)]."""
    return [(int(start), int(end or start)) for start, end in _RANGE.findall(where)]


def cited_text(lines: list[str], where: str) -> str:
    """The text of the cited lines, joined into one line; a line-end hyphen becomes SOFT."""
    text = "\n".join("\n".join(lines[first - 1:last]) for first, last in line_ranges(where))
    return " ".join(_LINE_END_HYPHEN.sub(SOFT, text).split())


def _normalise(text: str) -> str:
    text = " ".join(text.translate(_APOSTROPHES).split()).lower()
    return _QUOTATION_MARK.sub("", text)


def _pattern(fragment: str) -> re.Pattern:
    """The fragment, letting every SOFT of the source stand between two of its characters."""
    parts = [f"[-{SOFT}]" if ch == "-" else re.escape(ch) for ch in fragment]
    return re.compile(f"{SOFT}?".join(parts))


def quote_stands_in(quote: str, text: str) -> list[str]:
    """The fragments of a quote (split at … or ...) that do not stand in text; [] if all do."""
    source = _normalise(text)
    missing = []
    for fragment in _ELLIPSIS.split(quote):
        wanted = _normalise(fragment).strip(" .,;:")
        if wanted and not _pattern(wanted).search(source):
            missing.append(fragment)
    return missing


def number_stands_in(value: str, text: str) -> bool:
    """Whether value stands in text as a whole number or phrase ("1" is not in "100" or "2019")."""
    value = " ".join(str(value).split())
    whole = re.compile(rf"(?<![\w.,]){re.escape(value)}(?!\w|[.,]\d)", re.IGNORECASE)
    joined = text.replace(SOFT, "")
    hyphenated = text.replace(SOFT, "-")
    if whole.search(joined) or whole.search(hyphenated):
        return True
    return any(re.search(rf"(?<!\w){word}(?!\w)", joined, re.IGNORECASE) for word in NUMBER_WORDS.get(value, ()))
