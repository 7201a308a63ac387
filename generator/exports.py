"""Open data: the whole collection as JSON and CSV, and the published JSON Schema.

Like Datasette, every view the site shows is also available as data. Values are
written as the editors wrote them (numbers stay text such as "100.000").
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from dataclasses import dataclass

from .model import Collection, Edition, Practice

# Between the values of a list in one cell: not ';' or ',', which a spreadsheet may read as the
# column separator (Dutch Excel splits on ';'), so a list never spreads over columns.
CSV_LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class SiteAddress:
    """Where the site is published (mkdocs.yml's site_url, set by the Pages workflow). Links in
    the exports are absolute under it; when it is unknown (a local build) they are relative to
    the file that holds them, so they resolve under any address, a sub-path included."""

    site_url: str | None = None

    def link(self, target: str, from_file: str) -> str:
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + target
        target = target or "./"  # the site's home
        relative = posixpath.relpath(target, posixpath.dirname(from_file) or ".")
        return relative + "/" if target.endswith("/") else relative


# The licence of the texts and data (shown in every page's footer, on /over/ and beside the CSV)
LICENSE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.nl",
           "attribution": "Praktijkbank", "note": "Citaten uit de bronnen blijven van hun makers; noem de bron bij hergebruik."}
LICENSE_TEXT = """Praktijkbank: open data

praktijken.csv en praktijken.json staan onder de licentie Creative Commons Naamsvermelding 4.0
Internationaal (CC BY 4.0): https://creativecommons.org/licenses/by/4.0/deed.nl

U mag de gegevens delen en bewerken, ook voor commercieel gebruik, als u Praktijkbank noemt en
naar de bron linkt. Citaten uit de brondocumenten blijven van hun makers: neem ze kort over en
noem de bron die bij elke praktijk staat (sources).
"""


FEED_SIZE = 30  # the newest or latest changed practices in feed.xml


def atom_feed(c: Collection, address: SiteAddress = SiteAddress()) -> str:
    """An Atom feed of new and changed practices, newest first."""
    from xml.sax.saxutils import escape, quoteattr

    dated = sorted((p for p in c.practices if p.dates), key=lambda p: (p.dates.last_changed, p.id), reverse=True)[:FEED_SIZE]
    updated = dated[0].dates.last_changed if dated else "1970-01-01"
    entries = []
    for p in dated:
        state = "nieuw" if p.dates.first_published == p.dates.last_changed else "gewijzigd"
        entries.append(
            "  <entry>\n"
            f"    <id>tag:praktijkbank,2026:{p.id}</id>\n"
            f"    <title>{escape(p.title)}</title>\n"
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(address.link(p.url, FEED))}/>\n"
            f"    <published>{p.dates.first_published}T00:00:00Z</published>\n"
            f"    <updated>{p.dates.last_changed}T00:00:00Z</updated>\n"
            f"    <category term=\"{state}\"/>\n"
            f"    <summary>{escape(p.summary)}</summary>\n"
            "  </entry>\n")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">\n'
            "  <id>tag:praktijkbank,2026:feed</id>\n  <title>Praktijkbank: nieuwe en gewijzigde praktijken</title>\n"
            f'  <link rel="self" href={quoteattr(address.link(FEED, FEED))}/>\n'
            f'  <link rel="alternate" type="text/html" href={quoteattr(address.link("", FEED))}/>\n'
            f"  <updated>{updated}T00:00:00Z</updated>\n  <author><name>Praktijkbank</name></author>\n"
            f"  <rights>{LICENSE['name']}</rights>\n{''.join(entries)}</feed>\n")


def practice_json(p: Practice, address: SiteAddress = SiteAddress(), where: str = "") -> dict:
    dates = {"first_published": p.dates.first_published, "last_changed": p.dates.last_changed} if p.dates else {}
    return {"id": p.id, "url": address.link(p.url, where or practice_file(p)), **dates, **p.data}


def practice_file(p: Practice) -> str:
    return f"data/praktijken/{p.id}.json"


def collection_json(c: Collection, address: SiteAddress = SiteAddress()) -> str:
    data = {
        "license": LICENSE,
        "count": len(c.practices),
        "schema": address.link(SCHEMA, COLLECTION_JSON),
        # the registry the records' sources[].source ids point into (without the local text path)
        "sources": {sid: {k: v for k, v in entry.items() if k != "text"} for sid, entry in c.config.sources.items()},
        "practices": [practice_json(p, address, COLLECTION_JSON) for p in c.practices],
    }
    # compact: with indent json falls back to its pure-Python encoder (0.6 s at 1,000 records)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


# The start of a cell, or of any part of it after ';', ',' or a tab (a spreadsheet that splits
# on one of those makes that part a cell of its own), that a spreadsheet would run as a formula.
_FORMULA_AT = re.compile(r"(^|[;,\t])([ \t]*)(?=[" + re.escape("".join(FORMULA_START)) + "])")


def _cell(value: str) -> str:
    # Spreadsheet programs run cells that start with = + - @ as formulas (CSV injection).
    # Leading spaces are looked past (some programs trim them before reading a formula),
    # and the full-width forms count too (some programs read them as the ASCII ones). A quote
    # mark in front makes the part plain text; the text itself is kept.
    return _FORMULA_AT.sub(lambda m: m.group(1) + m.group(2) + "'", value)


def _joined(value) -> str:
    return CSV_LIST_SEPARATOR.join(value) if isinstance(value, list) else str(value or "")


def collection_csv(c: Collection, address: SiteAddress = SiteAddress()) -> str:
    criteria = list(c.config.vocabularies["criteria"])
    facets = c.config.facets_for("csv")
    header = ["id", "url", "title", "summary", "organisations", *[f.field for f in facets],
              "place", "period_start", "period_end", "award_edition", "award_stage"]
    header += [f"{cid}_verdict" for cid in criteria] + [f"{cid}_by" for cid in criteria]
    header += ["results", "sources", "related"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)  # every cell quoted
    writer.writerow(header)
    for p in c.practices:
        d = p.data
        award = d.get("award") or {}
        period = d.get("period") or {}
        row = [
            p.id, address.link(p.url, COLLECTION_CSV), d["title"], " ".join(d["summary"].split()),
            CSV_LIST_SEPARATOR.join(f"{o['name']} ({o['role']})" for o in d["organisations"]),
            *[_joined(d.get(f.field)) for f in facets],
            d.get("place", ""), period.get("start", ""), period.get("end", ""), award.get("edition", ""), award.get("stage", ""),
        ]
        row += [(p.assessment(cid).verdict.id if p.assessment(cid) else "") for cid in criteria]
        row += [(p.assessment(cid).by.id if p.assessment(cid) else "") for cid in criteria]
        row += [
            CSV_LIST_SEPARATOR.join(f"{r['value']} {r['unit']} {r['what']} ({r['status']})" for r in d.get("results", [])),
            CSV_LIST_SEPARATOR.join(f"{c.config.sources[s['source']]['title']} ({s['where']})" for s in d["sources"]),
            CSV_LIST_SEPARATOR.join(d.get("related", [])),
        ]
        writer.writerow([_cell(str(v)) for v in row])
    return out.getvalue()


def schema_json(c: Collection) -> str:
    return json.dumps(c.config.schema, ensure_ascii=False, indent=2) + "\n"


def edition_matrix_csv(edition: Edition, address: SiteAddress = SiteAddress()) -> str:
    """One row per nomination, a verdict column per criterion (and who judged), for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["id", "titel", "fase"] + [t.id for t in edition.criteria] + [f"{t.id}_door" for t in edition.criteria] + ["url"])
    for p in edition.nominations:
        verdicts = [(a.verdict.id if (a := p.assessment(t.id)) else "") for t in edition.criteria]
        judges = [(a.by.id if (a := p.assessment(t.id)) else "") for t in edition.criteria]
        writer.writerow([_cell(str(v)) for v in [p.id, p.title, p.stage.id, *verdicts, *judges, address.link(p.url, matrix_file(edition))]])
    return out.getvalue()


def matrix_file(edition: Edition) -> str:
    return f"prijzen/{edition.id}/matrix.csv"


COLLECTION_JSON, COLLECTION_CSV, FEED, SCHEMA = "data/praktijken.json", "data/praktijken.csv", "feed.xml", "schema/practice.schema.json"


def data_files(c: Collection, address: SiteAddress = SiteAddress()) -> dict[str, str]:
    files = {
        COLLECTION_JSON: collection_json(c, address),
        COLLECTION_CSV: collection_csv(c, address),
        "data/LICENTIE.txt": LICENSE_TEXT,
        FEED: atom_feed(c, address),
        SCHEMA: schema_json(c),
    }
    # one small file per practice, so the comparison view loads only what it shows
    for p in c.practices:
        files[practice_file(p)] = json.dumps(practice_json(p, address), ensure_ascii=False) + "\n"
    for edition in c.editions:
        files[matrix_file(edition)] = edition_matrix_csv(edition, address)
    return files
