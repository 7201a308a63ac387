"""The content rules an editor must get right, checked by `praktijkbank validate` like the schema.

- Every result, quote and criterion that gives a `where` points into one of the record's own
  sources; a record with several sources says which one (`source:`).
- A number stands in the cited lines of the source's stored text as written (or as its word,
  "vier"), and a quote stands there word for word (citations.py: hyphenation, apostrophes).
- Numbers use Dutch notation: a dot only before exactly three digits (100.000), a decimal comma
  (8,6). A source that writes 8.6 still matches 8,6.

A source without stored text here (a pull request on GitHub has no ../shared) is not checked;
`notes` says so, per source, so the skip is never silent.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from dataclasses import dataclass, field

from .citations import cited_text, line_ranges, number_stands_in, quote_stands_in
from .config import SiteConfig
from .loader import Document, display_path
from .problems import Problem

_NUMBER = re.compile(r"\d+(?:[.,]\d+)+")
# characters that turn the reading direction of what follows (a title could show as another)
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
YEARS = (1900, 2100)  # a practice outside these years is a typing mistake, not history


def dutch_notation(value: str) -> str | None:
    """The value in Dutch notation if it is not written so ("8.6" -> "8,6"), else None."""
    def fix(m: re.Match) -> str:
        parts = re.split(r"([.,])", m.group())
        out = parts[0]
        for sep, digits in zip(parts[1::2], parts[2::2]):
            out += ("." if sep == "." and len(digits) == 3 else ",") + digits
        return out

    fixed = _NUMBER.sub(fix, value)
    return fixed if fixed != value else None


def _as_the_source_may_write_it(value: str) -> list[str]:
    """A Dutch decimal comma may stand as a point in a source that writes 8.6."""
    point = re.sub(r"(\d),(\d{1,2}|\d{4,})(?!\d)", r"\1.\2", value)
    return [value] if point == value else [value, point]


@dataclass
class SourceTexts:
    """The stored texts of the sources, read once per run (a text is split into lines)."""

    config: SiteConfig
    lines: dict[str, list[str] | None] = field(default_factory=dict)
    skipped: dict[str, set[str]] = field(default_factory=dict)  # source id -> records not checked

    def of(self, source_id: str, record: str) -> list[str] | None:
        if source_id not in self.lines:
            path = self.config.source_text(source_id)
            try:
                self.lines[source_id] = path.read_text(encoding="utf-8").splitlines() if path else None
            except OSError:
                self.lines[source_id] = None
        if self.lines[source_id] is None:
            self.skipped.setdefault(source_id, set()).add(record)
        return self.lines[source_id]

    def notes(self) -> list[str]:
        out = []
        for sid, records in sorted(self.skipped.items()):
            path = self.config.source_text(sid)
            where = f"de tekst staat niet in {display_path(Path(os.path.normpath(path)))}" if path else "het register noemt geen opgeslagen tekst"
            out.append(f"let op: getallen en citaten van {len(records)} record(s) zijn niet tegen bron `{sid}` "
                       f"gecontroleerd: {where}")
        return out


def _cited_source(doc: Document, path: tuple, item: dict, problems: list[Problem]) -> str | None:
    """The source an item (result, quote, assessment) cites, or None after a problem."""
    own = [s["source"] for s in doc.data.get("sources", []) if isinstance(s, dict)]
    chosen = item.get("source")
    if chosen is None:
        if len(own) == 1:
            return own[0]
        problems.append(doc.problem(path + ("where",), "deze praktijk noemt meer dan één bron; zeg met `source:` welke "
                                    f"bron deze vindplaats bedoelt (een van: {', '.join(own)})"))
        return None
    if chosen not in own:
        problems.append(doc.problem(path + ("source",), f"`{chosen}` staat niet onder sources van deze praktijk; "
                                    "voeg de bron daar toe met haar vindplaats, of kies een van: " + ", ".join(own)))
        return None
    return chosen


def _cited(doc: Document, path: tuple, item: dict, texts: SourceTexts, problems: list[Problem]) -> tuple[str, str] | None:
    """(source id, the text of the cited lines) for an item with a `where`, if it can be checked."""
    if "where" not in item:
        return None
    source = _cited_source(doc, path, item, problems)
    lines = texts.of(source, doc.id) if source else None
    return (source, cited_text(lines, item["where"])) if lines is not None else None


def _check_title(doc: Document, problems: list[Problem]) -> None:
    title = doc.data.get("title")
    if not isinstance(title, str):
        return
    if _BIDI.search(title):
        char = _BIDI.search(title).group()
        problems.append(doc.problem(("title",), f"de titel bevat een onzichtbaar teken dat de leesrichting omdraait "
                                    f"(U+{ord(char):04X}); verwijder het"))
    visible = "".join(c for c in title if unicodedata.category(c)[0] not in "CZ")
    if len(visible) < 3:
        problems.append(doc.problem(("title",), "de titel is leeg: hij bestaat alleen uit spaties of onzichtbare tekens; "
                                    "schrijf een titel in eigen woorden"))


def _check_period(doc: Document, problems: list[Problem]) -> None:
    period = doc.data.get("period")
    if not isinstance(period, dict):
        return
    when = {}
    for key in ("start", "end"):
        value = period.get(key)
        if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2})?", value):
            year = int(value[:4])
            if not YEARS[0] <= year <= YEARS[1]:
                problems.append(doc.problem(("period", key), f"`{value}` ligt niet tussen {YEARS[0]} en {YEARS[1]}; "
                                            "schrijf het jaar zoals de bron het noemt"))
            when[key] = (year, int(value[5:7]) if len(value) > 4 else 0)
    start, end = when.get("start"), when.get("end")
    # a month is 0 when only the year is given: "2022" to "2022-03" is in order, "2022-05" to "2022-03" is not
    if start and end and (end[0] < start[0] or (end[0] == start[0] and 0 < end[1] < start[1])):
        problems.append(doc.problem(("period", "end"), f"het einde ({period['end']}) ligt voor het begin ({period['start']}); "
                                    "verwissel ze of verbeter er één"))


def check_content(docs: list[Document], config: SiteConfig, texts: SourceTexts) -> list[Problem]:
    problems: list[Problem] = []
    editorial = set(config.vocabularies.get("judges", {})) - config.flagged("judges", "award_jury")
    unassessed = config.flagged("verdicts", "unassessed")
    for doc in docs:
        data = doc.data
        _check_title(doc, problems)
        _check_period(doc, problems)
        for i, result in enumerate(data.get("results") or []):
            value = str(result.get("value", ""))
            fixed = dutch_notation(value)
            if fixed is not None:
                problems.append(doc.problem(("results", i, "value"),
                                            f"`{value}` is geen Nederlandse schrijfwijze: een punt staat alleen voor precies "
                                            f"drie cijfers (100.000) en een decimaal krijgt een komma; schrijf `{fixed}`"))
            cited = _cited(doc, ("results", i), result, texts, problems)
            if cited is None:
                continue
            source, text = cited
            if not any(number_stands_in(v, text) for v in _as_the_source_may_write_it(value)):
                problems.append(doc.problem(("results", i, "value"),
                                            f"`{value}` staat niet zo in {result['where']} van bron `{source}`; neem het getal over "
                                            "zoals de bron het schrijft (in cijfers of als woord), of verbeter `where`"))
        for i, quote in enumerate(data.get("quotes") or []):
            cited = _cited(doc, ("quotes", i), quote, texts, problems)
            if cited is None:
                continue
            source, text = cited
            for fragment in quote_stands_in(quote["text"], text):
                problems.append(doc.problem(("quotes", i, "text"),
                                            f"dit citaat staat niet letterlijk in {quote['where']} van bron `{source}`: "
                                            f"„{' '.join(fragment.split())[:80]}”; neem de woorden over zoals de bron ze "
                                            "schrijft (… voor weggelaten tekst), of verbeter `where`"))
        for cid, assessment in (data.get("criteria") or {}).items():
            if not isinstance(assessment, dict):
                continue
            source = _cited_source(doc, ("criteria", cid), assessment, problems) if "where" in assessment else None
            verdict = assessment.get("verdict")
            if verdict in unassessed or verdict not in config.vocabularies.get("verdicts", {}):
                continue  # an unknown or empty verdict is the schema's to report
            if data.get("teaser") is True:
                problems.append(doc.problem(("criteria", cid, "verdict"), "deze praktijk is een teaser (`teaser: true`): de bron geeft "
                                            "de aanpak niet, dus elk criterium is `niet-beoordeeld`; zie " + RUBRIC))
            elif assessment.get("by") in editorial:
                _check_evidence(doc, cid, assessment, source, problems)
    return problems


class KeptContentChecks:
    """The content rules' findings per record, kept between the rebuilds of `serve`.

    A record whose document is the one checked last time (its file unchanged: build.py keeps the
    object) against the same site config and source texts (`key`: their files' stamps) is not
    checked again; the source texts are read once while the key holds. Which sources a record
    could not be checked against is kept with it, so the notes say the same as a check of every
    record would."""

    def __init__(self):
        self.key: object = None
        self.lines: dict[str, list[str] | None] = {}
        self.found: dict[int, tuple[Document, list[Problem], frozenset[str]]] = {}

    def check(self, docs: list[Document], config: SiteConfig, key: object) -> tuple[list[Problem], SourceTexts]:
        if key != self.key:
            self.key, self.lines, self.found = key, {}, {}
        texts = SourceTexts(config, lines=self.lines)
        problems: list[Problem] = []
        found = {}
        for doc in docs:
            entry = self.found.get(id(doc))
            if entry is None or entry[0] is not doc:
                own = check_content([doc], config, texts)
                entry = (doc, own, frozenset(sid for sid, records in texts.skipped.items() if doc.id in records))
            else:
                for sid in entry[2]:
                    texts.skipped.setdefault(sid, set()).add(doc.id)
            found[id(doc)] = entry  # holds the document, so its id cannot be reused meanwhile
            problems += entry[1]
        self.found = found
        return problems, texts


MAX_EVIDENCE_LINES = 15  # the rubric (content/over-de-criteria.md): the lines that carry a verdict, not a chapter
RUBRIC = "/over-de-criteria/#zo-oordeelt-de-redactie"


def _check_evidence(doc: Document, cid: str, assessment: dict, source: str | None, problems: list[Problem]) -> None:
    """An editorial verdict other than 'not assessed' names the lines that carry it: at most
    MAX_EVIDENCE_LINES, inside the lines the record cites for that source."""
    path = ("criteria", cid)
    verdict = assessment.get("verdict")
    where = assessment.get("where")
    if not where:
        problems.append(doc.problem(path + ("verdict",), f"een inschatting van de redactie (`{verdict}`) noemt de regels van de bron "
                                    f"die haar dragen: voeg `where: \"r. …\"` toe (hoogstens {MAX_EVIDENCE_LINES} regels), of "
                                    f"schrijf `niet-beoordeeld` als de bron te weinig zegt; zie {RUBRIC}"))
        return
    ranges = line_ranges(where)
    if not ranges:
        problems.append(doc.problem(path + ("where",), f"`{where}` noemt geen regels; schrijf de regels van de bron die het "
                                    f"oordeel dragen, zoals \"r. 12-20\" (hoogstens {MAX_EVIDENCE_LINES}); zie {RUBRIC}"))
        return
    count = sum(last - first + 1 for first, last in ranges)
    if count > MAX_EVIDENCE_LINES:
        problems.append(doc.problem(path + ("where",), f"`{where}` zijn {count} regels; een inschatting van de redactie noemt de "
                                    f"regels die haar dragen, hoogstens {MAX_EVIDENCE_LINES}; zie {RUBRIC}"))
    if source is None:
        return
    cited = [r for s in doc.data.get("sources", []) if isinstance(s, dict) and s.get("source") == source
             for r in line_ranges(str(s.get("where", "")))]
    outside = [(first, last) for first, last in ranges
               if not any(low <= first and last <= high for low, high in cited)]
    if outside:
        shown = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in outside)
        problems.append(doc.problem(path + ("where",), f"r. {shown} valt buiten wat deze praktijk van bron `{source}` noemt "
                                    "onder sources; voeg die regels daar toe, of verbeter `where`"))
