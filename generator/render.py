"""Render the collection into pages: Markdown from Jinja templates, plus data files.

The result is a plain mapping of relative path -> text, so writing, comparing
and testing it needs nothing from Jinja or MkDocs.

Safety: every value printed by a template passes `finalize`, which escapes HTML
(`<script>` shows as text) and neutralises Markdown links whose target is not
http, https or mailto. Only strings the templates mark as safe skip it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, Iterator

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .charts import bar_chart
from .config import Facet
from .context import BuildContext
from .model import Collection, Practice
from .search_data import search_data

SAFE_LINK = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
# A lookahead, so that every `](` is looked at, also one inside the target of another
# (`](x[Klik](javascript:…)`); the HTML of every page is checked again after Markdown
# (safe_urls.py), this only keeps the generated Markdown from asking for such links.
MD_LINK = re.compile(r"\]\((?=\s*<?([^)\s>]*))")
# Not only at the start of a line: Markdown also reads `- [r]: javascript:…` in a list
# item, or an indented line under one, as a reference definition.
MD_REF_DEF = re.compile(r"(\[[^\[\]]*\]):(?=\s*(\S*))")  # a lookahead, like MD_LINK


def neutralise_links(text: str) -> str:
    """Break the Markdown link syntax around unsafe targets; the text stays readable."""

    def inline(m: re.Match) -> str:
        return "](" if SAFE_LINK.match(m.group(1)) else "]&#40;"

    def ref(m: re.Match) -> str:
        return m.group(0) if SAFE_LINK.match(m.group(2)) else m.group(1) + "&#58;"

    # `![…](…)` would make every visitor's browser fetch an image from another host
    # (a record has no images of its own), so it always stays text: `&#33;` is `!`.
    return MD_REF_DEF.sub(ref, MD_LINK.sub(inline, text)).replace("![", "&#33;[")


# Characters that escaping or link neutralising would touch; text without any of them
# (most labels, ids, numbers and many sentences) is passed through as it is, which keeps
# rendering 1,000 pages fast: this function runs for every value every template prints.
_NEEDS_WORK = re.compile(r"[&<>\"'{}\[\]!]")


def safe_text(value: Any) -> Any:
    """Jinja finalize: escape everything a record wrote before it reaches a page."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if not isinstance(value, str):
        return value
    if not _NEEDS_WORK.search(value):
        return Markup(value)
    # `{` is escaped too, so text can never smuggle attributes in via attr_list syntax
    return Markup(neutralise_links(str(escape(value))).replace("{", "&#123;").replace("}", "&#125;"))


def flat(value: str) -> str:
    """One line of text: every run of whitespace, line breaks included, becomes one space (a blank
    line inside a title would end the HTML or list around it and start blocks of its own)."""
    return " ".join(str(value).split())


# Markdown reads these inside a line: emphasis, code spans (which swallow table pipes), links,
# images, headings' closing #, table pipes, and a backslash escaping whatever follows.
_MD_INLINE = re.compile(r"([\\`*_\[\]()#!|])")
# and these at the start: a list, a quote, an ordered list (2. or 2) followed by a space)
_MD_LEADING = re.compile(r"^([-+>])|^(\d+)(?=[.)](\s|$))")


def one_line(value: str) -> str:
    """Plain text where Markdown reads it (a heading, link text, table cell, list item): one line,
    with every Markdown special escaped, so it shows as written and can never make a link, a
    block or another cell."""
    text = _MD_INLINE.sub(r"\\\1", flat(value))
    return _MD_LEADING.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\", text)


# Front matter of a page that lists practices or serves editors: out of the search index, so a
# search finds the practice itself, not the pages that reprint its card (main.html reads it)
NOT_INDEXED = {"search": {"exclude": True}}


# The overview's criterion filter and its verdict (praktijkbank.js reads the same names)
CRITERION_PARAM, VERDICT_PARAM = "criterium", "oordeel"


def worked_out_first(p: Practice) -> tuple:
    """The overview's order: full practices before teasers, then by the criteria they meet, then title."""
    return (bool(p.get("teaser")), -sum(1 for a in p.assessments if a.meets), flat(p.title).lower())


def first_sentence(text: str, limit: int = 160) -> str:
    """One line of a summary for a list: its first sentence, or its first words and "…"."""
    text = " ".join(str(text).split())
    end = text.find(". ", 40)
    if 0 < end < limit:
        return text[: end + 1]
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def link_target(url: str) -> Markup:
    """A validated URL as a Markdown link target: only http(s)/mailto, brackets encoded."""
    if not SAFE_LINK.match(url):
        return Markup("#")
    return Markup(str(escape(url)).replace("(", "%28").replace(")", "%29"))


def front_matter(meta: dict[str, Any]) -> str:
    # MkDocs renders its theme without autoescape: Material prints page.meta.title into
    # <title> and the header, and the description into <meta content="…">, as they are.
    # So the text is escaped here (`'` is harmless in both places and stays readable).
    def escape_meta(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

    # a JSON string is a valid YAML double-quoted scalar, and json.dumps is much faster
    # than PyYAML's emitter for a thousand pages
    lines = [f"{key}: {json.dumps(escape_meta(v) if isinstance(v, str) else v, ensure_ascii=False)}"
             for key, v in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def make_environment(templates_dir: Path) -> Environment:
    # A build context keeps one per templates folder (context.py): compiled templates are kept
    # between rebuilds (serve), and auto_reload recompiles a template that changed.
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=True,  # macro output stays Markup; finalize does the escaping of values
        finalize=safe_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["one_line"] = lambda v: safe_text(one_line(v))  # in Markdown
    env.filters["flat"] = lambda v: safe_text(flat(v))  # inside HTML (Markdown does not read it there)
    env.filters["link_target"] = link_target
    env.filters["first_sentence"] = first_sentence
    env.filters["nl_date"] = nl_date
    env.filters["period"] = format_period
    return env


def environment_for(context: BuildContext, templates_dir: Path) -> Environment:
    """The context's environment for a templates folder, made on first use."""
    templates_dir = Path(templates_dir)
    if templates_dir not in context.environments:
        context.environments[templates_dir] = make_environment(templates_dir)
    return context.environments[templates_dir]


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]


def nl_date(iso: str) -> str:
    """'2022-09-23' -> '23 september 2022'; '2022-09' -> 'september 2022'."""
    parts = str(iso).split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def format_period(period: dict | None) -> str:
    """The period in Dutch words, or "" when the record gives none (the template says so)."""
    if not period:
        return ""
    start, end = period.get("start"), period.get("end")
    if start and end:
        text = f"{nl_date(start)} – {nl_date(end)}"
    elif start:
        text = f"vanaf {nl_date(start)}"
    elif end:
        text = f"tot {nl_date(end)}"
    else:
        text = ""
    note = period.get("note")
    return f"{text} ({note})" if text and note else (text or note or "")


def _fingerprint(config, templates_dir: Path) -> str:
    """Everything besides the records that a practice page depends on."""
    stamps = sorted((p.name, p.stat().st_mtime_ns) for p in templates_dir.glob("*.j2"))
    return json.dumps([stamps, config.vocabularies, config.editions, config.sources], sort_keys=True, default=str)


class Renderer:
    """Renders every page of the site from one collection."""

    def __init__(self, collection: Collection, content_dir: Path, context: BuildContext | None = None):
        self.c = collection
        self.config = collection.config
        self.content_dir = content_dir
        self.context = context or BuildContext()
        # the context's environment, kept between rebuilds so compiled templates are kept; the
        # globals below are set anew for every collection (rendering runs in one thread)
        self.env = environment_for(self.context, collection.config.templates_dir)
        self.fingerprint = _fingerprint(collection.config, collection.config.templates_dir)
        self.env.globals.update(
            vocab=self.config.vocabularies,
            sources=self.config.sources,
            editions={e.id: e for e in collection.editions},
            practice_count=len(collection.practices),
            unassessed=self.config.flagged("verdicts", "unassessed"),
            build_date=dt.date.today().isoformat(),  # the citation's "geraadpleegd op"; the reader's date replaces it
            search_data=lambda p: search_data(p, self.config),
        )

    def page(self, template: str, meta: dict[str, Any], **context: Any) -> str:
        body = self.env.get_template(template).render(**context)
        return front_matter(meta) + body

    def practice_page(self, p: Practice) -> str:
        # A practice page shows its own record and the titles and summaries of the practices
        # it links to. Between rebuilds in one process (serve) unchanged records keep their
        # data objects, so a page whose record, neighbours, templates and vocabularies are all
        # the same is taken from the cache. The entry holds its data objects, so their ids
        # cannot be reused by new objects while the entry exists.
        deps = [p, *p.related, *p.similar, *p.children] + ([p.parent] if p.parent else [])
        key = (self.fingerprint, tuple(id(d.data) for d in deps))
        cached = self.context.pages.get(p.id)
        if cached is not None and cached[0] == key:
            return cached[2]
        meta = {"title": flat(p.title), "description": first_sentence(flat(p.summary), 300)}
        text = self.page("practice.md.j2", meta, p=p)
        if self.context.between_builds:
            self.context.pages[p.id] = (key, [d.data for d in deps], text)
        return text

    def grouped(self, practices: list[Practice], facet: Facet) -> list[tuple]:
        """[(term, [practices])] for every value of a facet that has practices."""
        members: dict[str, list[Practice]] = {}
        for p in practices:
            for t in p.terms(facet.vocabulary):
                members.setdefault(t.id, []).append(p)
        # full practices before teasers, as on the overview
        return [(term, sorted(members[term.id], key=worked_out_first)) for term in self.c.terms(facet.vocabulary)
                if term.id in members]

    def render_all(self) -> dict[str, str | bytes]:
        return dict(self.each_page())

    def each_page(self, practices_only: bool = False) -> Iterator[tuple[str, str | bytes]]:
        """(path in the docs tree, text) of every page, one at a time: a build writes each as it
        comes, so the rendered pages of 10,000 practices are never all in memory at once.
        practices_only: the practice pages (and their old addresses) alone."""
        c = self.c
        for p in c.practices:
            yield f"praktijken/{p.id}.md", self.practice_page(p)
            for alias in p.get("aliases", []):  # an old id: its address sends the reader on
                yield f"praktijken/{alias}.md", self.page(
                    "redirect.md.j2", {"title": flat(p.title), "redirect": f"../{p.id}/", **NOT_INDEXED}, p=p)
        if practices_only:
            return

        criteria = c.terms("criteria")
        verdicts = c.terms("verdicts")
        judges = c.terms("judges")
        vocab = self.config.vocabularies
        for term in criteria:
            # {judge: {verdict: [(practice, assessment)]}}, in the vocabularies' order
            groups: dict[str, dict[str, list]] = {j.id: {v.id: [] for v in verdicts} for j in judges}
            for p in c.practices:
                if (a := p.assessment(term.id)) is not None:
                    groups[a.by.id][a.verdict.id].append((p, a))
            yield f"criteria/{term.id}.md", self.page(
                "criterion.md.j2",
                {"title": term.label, "description": vocab["criteria"][term.id]["wording"], **NOT_INDEXED},
                criterion=term, info=vocab["criteria"][term.id], groups=groups, verdicts=verdicts,
                judges=[(j, vocab["judges"][j.id]) for j in judges],
            )
        yield "criteria/index.md", self.page(
            "criteria.md.j2", {"title": self.config.vocabulary_info["criteria"]["heading"], **NOT_INDEXED}, criteria=criteria,
            counts={t.id: sum(1 for p in c.practices if p.assessment(t.id)) for t in criteria},
        )

        for facet in self.config.facets:
            groups = self.grouped(c.practices, facet)
            for term, members in groups:
                yield f"{facet.folder}/{term.id}.md", self.page(
                    "facet.md.j2", {"title": term.label, **NOT_INDEXED}, term=term, facet=facet, heading=facet.heading, practices=members,
                )
            yield f"{facet.folder}/index.md", self.page(
                "facet_index.md.j2", {"title": facet.heading, **NOT_INDEXED}, facet=facet, heading=facet.heading, groups=groups,
            )

        yield "praktijken/index.md", self.page(
            "overview.md.j2", {"title": "Alle praktijken", **NOT_INDEXED}, practices=sorted(c.practices, key=worked_out_first),
            meets=sorted(self.config.flagged("verdicts", "meets")), verdict_param=VERDICT_PARAM,
            filters=self.filters(), charts=self.charts(), facets=self.config.facets,
            filter_facets=self.config.facets_for("filters"),
        )
        yield "prijzen/index.md", self.page("editions.md.j2", {"title": "Prijzen", **NOT_INDEXED}, editions=c.editions)
        for edition in c.editions:
            yield f"prijzen/{edition.id}.md", self.page(
                "edition.md.j2", {"title": edition.name, **NOT_INDEXED}, edition=edition,
                verdicts=[{"label": v["label"], "icon": v.get("icon", "")} for v in vocab["verdicts"].values()],
                verdict_rank={k: i for i, k in enumerate(vocab["verdicts"])},
                stage_rank={k: -i for i, k in enumerate(vocab["stages"])},  # the last stage (the winner) first
            )
        compare_vocab = {name: vocab[name] for name in ("criteria", "verdicts", "judges", "stages")}
        compare_vocab["badges"] = {f.field: vocab[f.vocabulary] for f in self.config.facets_for("badge")}
        # the comparison's rows besides the criteria: every facet, results' statuses, sources' titles
        compare_vocab["facets"] = [{"label": f.label, "field": f.field, "vocabulary": f.vocabulary} for f in self.config.facets]
        compare_vocab.update({f.vocabulary: vocab[f.vocabulary] for f in self.config.facets})
        compare_vocab["result_statuses"] = vocab["result_statuses"]
        compare_vocab["sources"] = {sid: {"title": s["title"]} for sid, s in self.config.sources.items()}
        yield "vergelijk.md", self.page(
            "compare.md.j2", {"title": "Praktijken vergelijken", **NOT_INDEXED}, practices=c.practices,
            vocab_json=Markup(json.dumps(compare_vocab, ensure_ascii=False).replace("</", "<\\/")),
        )
        yield "bronnen.md", self.page("sources.md.j2", {"title": "Bronnen", **NOT_INDEXED}, sources=self.sources_cited())
        yield from self.content_pages().items()

    def sources_cited(self) -> list[tuple[str, dict, list[Practice]]]:
        """[(id, registry entry, practices that cite it)] in the registry's order."""
        citing: dict[str, list[Practice]] = {}
        for p in self.c.practices:
            for s in p.get("sources"):
                citing.setdefault(s["source"], []).append(p)
        return [(sid, entry, citing.get(sid, [])) for sid, entry in self.config.sources.items()]

    def filters(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """The overview's filters: (URL parameter, label, [(value, text)]), only values in use."""
        c, info = self.c, self.config.vocabulary_info
        out = [
            (CRITERION_PARAM, info["criteria"]["label"], [(t.id, t.label) for t in c.terms("criteria")]),
            (VERDICT_PARAM, info["verdicts"]["label"], [(t.id, t.label) for t in c.terms("verdicts")]),
        ]
        for facet in self.config.facets_for("filters"):
            used = {t.id for p in c.practices for t in p.terms(facet.vocabulary)}
            out.append((facet.param, facet.label, [(t.id, t.label) for t in c.terms(facet.vocabulary) if t.id in used]))
        years = sorted({y for p in c.practices for y in p.years}, reverse=True)
        out.append(("jaar", "Jaar", [(str(y), str(y)) for y in years]))
        return out

    def charts(self) -> list[Markup]:
        c = self.c
        by_criterion = [(t.label, sum(1 for p in c.practices if (a := p.assessment(t.id)) and a.meets))
                        for t in c.terms("criteria")]
        charts = [bar_chart("pb-chart-criteria", "Praktijken die (deels) voldoen, per criterium", by_criterion)]
        for facet in self.config.facets_for("chart"):
            rows = sorted(((t.label, len(m)) for t, m in self.grouped(c.practices, facet)), key=lambda row: -row[1])
            charts.append(bar_chart(f"pb-chart-{facet.folder}", f"Praktijken per {facet.label.lower()}", rows))
        years = sorted({p.start_year for p in c.practices if p.start_year})
        by_year = [(str(y), sum(1 for p in c.practices if p.start_year == y)) for y in years]
        charts.append(bar_chart("pb-chart-jaren", "Praktijken per startjaar", by_year))
        return charts

    def content_pages(self) -> dict[str, str]:
        """Hand-written pages from content/, copied as they are (they are the team's own text)."""
        pages = {}
        for path in sorted(self.content_dir.rglob("*")):
            # a link could publish a file from anywhere on the machine: links are skipped
            if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
                rel = path.relative_to(self.content_dir).as_posix()
                pages[rel] = path.read_bytes()
        return pages


