"""The site's declared model: vocabularies and facets, award editions, and the record schema.

Everything the site is made of is declared in site_config/ and checked up front, like MkDocs
checks mkdocs.yml: each YAML file is read with the records' own strict loader (duplicate keys,
`no` or `100.000` never silently changed) and validated against a schema of its own
(generator/schemas/), and every mistake is reported as file:line:column with the field.
The record schema is generated from the declarations (record_schema.py), so a controlled value
exists in exactly one place: vocabularies.yaml.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .loader import Document, display_path, load_file
from .problems import Problem
from .record_schema import generate, refresh

SCHEMAS = Path(__file__).parent / "schemas"
BASE_SCHEMA = "practice.base.schema.json"
SCHEMA = "practice.schema.json"
# the places a facet can be used (vocabularies.schema.json lists the same)
USES = ("filters", "search", "similarity", "csv", "nav", "badge", "chart")


class ConfigError(Exception):
    """site_config/ is not in order; `problems` say where (file:line:col) and what."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


@dataclass(frozen=True)
class Facet:
    """A vocabulary whose values classify practices: a record field, pages, a filter."""

    vocabulary: str  # its name in vocabularies.yaml
    field: str  # the record field that carries its values
    many: bool  # a list of values (sectors) or one value (kind)
    required: bool
    folder: str  # /<folder>/<value-id>/
    param: str  # ?<param>=<value-id> on the overview
    label: str  # one value: "Sector"
    heading: str  # the list: "Sectoren"
    nav: str  # the navigation entry
    uses: frozenset[str]
    weight: int  # in similar practices (the vocabulary's weight)
    archetypes: bool  # `praktijkbank new --kind` picks its template by this facet

    def used_in(self, place: str) -> bool:
        return place in self.uses


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    schema: dict[str, Any]  # the generated record schema
    vocabularies: dict[str, dict[str, dict[str, Any]]]  # name -> value id -> entry
    vocabulary_info: dict[str, dict[str, Any]]  # name -> label, heading, description
    facets: tuple[Facet, ...]
    editions: dict[str, dict[str, Any]]
    sources: dict[str, dict[str, Any]]  # the sources registry: id -> title, publisher, year, text

    def source_text(self, source_id: str) -> Path | None:
        """Where the stored plain text of a source is (its `text`, relative to site_config/)."""
        text = self.sources.get(source_id, {}).get("text")
        return (self.root / text) if text else None

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def schema_path(self) -> Path:
        return self.root / SCHEMA

    def label(self, vocabulary: str, value_id: str) -> str:
        return self.vocabularies[vocabulary][value_id]["label"]

    def flagged(self, vocabulary: str, flag: str) -> frozenset[str]:
        """The ids of a vocabulary's values that carry a flag (meets, unassessed, award_jury, container, broad)."""
        return frozenset(k for k, v in self.vocabularies.get(vocabulary, {}).items() if v.get(flag))

    # The schema's key and validators belong to the config object: computed once per schema,
    # whatever number of records is checked. Not pickled (a forked worker builds its own).
    @cached_property
    def schema_key(self) -> str:
        return json.dumps(self.schema, sort_keys=True)

    @cached_property
    def fast_validator(self):
        import jsonschema_rs

        return jsonschema_rs.validator_for(self.schema)

    @cached_property
    def detailed_validator(self):
        from .patterns import explaining_validator  # python-jsonschema: only when a record is invalid

        return explaining_validator(self.schema)

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k not in ("fast_validator", "detailed_validator")}

    def __setstate__(self, state):
        self.__dict__.update(state)

    @cached_property
    def meets(self) -> frozenset[str]:
        """Verdicts that count as meeting a criterion (fully or partly)."""
        return self.flagged("verdicts", "meets")

    @cached_property
    def jury_judges(self) -> frozenset[str]:
        return self.flagged("judges", "award_jury")

    def facet(self, name: str) -> Facet:
        return next(f for f in self.facets if f.vocabulary == name)

    def facets_for(self, place: str) -> list[Facet]:
        return [f for f in self.facets if f.used_in(place)]

    @cached_property
    def archetype_facet(self) -> Facet | None:
        return next((f for f in self.facets if f.archetypes), None)


def _read(path: Path, problems: list[Problem]) -> Document | None:
    if not path.is_file():
        problems.append(Problem(display_path(path), 1, 1, "", "dit bestand ontbreekt in site_config/"))
        return None
    doc, found = load_file(path, display=display_path(path), record=False)
    problems.extend(found)
    return doc


def _schema_of(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _check(doc: Document, schema_name: str, problems: list[Problem]) -> bool:
    from .validate import problems_against

    found = problems_against(doc, _schema_of(schema_name))
    problems.extend(found)
    return not found


def _facets(doc: Document, problems: list[Problem], base_fields: set[str]) -> tuple[Facet, ...]:
    facets, fields, folders, params = [], {}, {}, {}
    for name, vocab in doc.data.items():
        spec = vocab.get("facet")
        if spec is None:
            continue
        facet = Facet(
            vocabulary=name, field=spec["field"], many=spec.get("many", True), required=spec.get("required", False),
            folder=spec["folder"], param=spec["param"], label=vocab["label"], heading=vocab["heading"],
            nav=spec.get("nav", vocab["heading"]), uses=frozenset(spec.get("use", USES)),
            weight=vocab.get("weight", 1), archetypes=spec.get("archetypes", False),
        )
        for key, value, seen, what in (("field", facet.field, fields, "het veld"), ("folder", facet.folder, folders, "de map"),
                                       ("param", facet.param, params, "het filter")):
            if value in seen:
                problems.append(doc.problem((name, "facet", key), f"{what} `{value}` hoort al bij het facet `{seen[value]}`; kies een andere naam"))
            seen[value] = name
        if facet.field in base_fields:
            problems.append(doc.problem((name, "facet", "field"), f"het veld `{facet.field}` bestaat al in {BASE_SCHEMA}; kies een andere naam"))
        facets.append(facet)
    if sum(f.archetypes for f in facets) > 1:
        problems.append(doc.problem((), "hoogstens één facet mag `archetypes: true` hebben"))
    return tuple(facets)


def _check_values(doc: Document, problems: list[Problem]) -> None:
    for name, vocab in doc.data.items():
        values = vocab["values"]
        for value_id, entry in values.items():
            parent = entry.get("parent")
            if parent is not None and parent not in values:
                problems.append(doc.problem((name, "values", value_id, "parent"),
                                            f"`{parent}` is geen waarde van {name}; een parent komt uit dezelfde vocabulaire"))
            elif parent == value_id:
                problems.append(doc.problem((name, "values", value_id, "parent"), "een waarde kan niet haar eigen parent zijn"))


def _vocabularies_needed(base: dict) -> set[str]:
    return {node["x-vocabulary"] for node in base.get("$defs", {}).values() if "x-vocabulary" in node}


def load_config(root: Path) -> SiteConfig:
    root = Path(root)
    problems: list[Problem] = []
    base_path = root / BASE_SCHEMA
    try:
        base = json.loads(base_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ConfigError([Problem(display_path(base_path), getattr(err, "lineno", 1), getattr(err, "colno", 1), "",
                                   f"kan niet gelezen worden: {getattr(err, 'msg', None) or err}")]) from err
    vocab_doc = _read(root / "vocabularies.yaml", problems)
    editions_doc = _read(root / "editions.yaml", problems)
    sources_doc = _read(root / "sources.yaml", problems)
    if vocab_doc is None or editions_doc is None or sources_doc is None or problems:
        raise ConfigError(problems)
    checked = [_check(vocab_doc, "vocabularies.schema.json", problems), _check(editions_doc, "editions.schema.json", problems),
               _check(sources_doc, "sources.schema.json", problems)]
    if not all(checked):
        raise ConfigError(problems)

    data = vocab_doc.data
    for name in sorted(_vocabularies_needed(base) - set(data)):
        problems.append(vocab_doc.problem((), f"de vocabulaire `{name}` ontbreekt; {BASE_SCHEMA} gebruikt haar"))
    _check_values(vocab_doc, problems)
    facets = _facets(vocab_doc, problems, set(base.get("properties", {})))
    criteria = data.get("criteria", {}).get("values", {})
    for edition_id, edition in editions_doc.data.items():
        for i, cited in enumerate(edition.get("sources", [])):
            if cited["source"] not in sources_doc.data:
                problems.append(editions_doc.problem((edition_id, "sources", i, "source"),
                                                     f"onbekende bron `{cited['source']}`; de bronnen staan in sources.yaml"))
        for i, criterion in enumerate(edition.get("criteria", [])):
            if criterion not in criteria:
                problems.append(editions_doc.problem((edition_id, "criteria", i), f"onbekend criterium `{criterion}`; de criteria staan in vocabularies.yaml"))
    if problems:
        raise ConfigError(problems)

    vocabularies = {name: vocab["values"] for name, vocab in data.items()}
    info = {name: {k: v for k, v in vocab.items() if k not in ("values", "facet")} for name, vocab in data.items()}
    schema = generate(base, vocabularies, info, facets, {"sources": sources_doc.data})
    config = SiteConfig(root, schema, vocabularies, info, facets, editions_doc.data, sources_doc.data)
    check_schema_is_valid(config)
    return config


def check_schema_is_valid(config: SiteConfig) -> None:
    import jsonschema_rs

    try:
        jsonschema_rs.meta.validate(config.schema)  # against the 2020-12 meta-schema
    except jsonschema_rs.ValidationError as err:
        raise ConfigError([Problem(display_path(config.root / BASE_SCHEMA), 1, 1, "", f"geen geldig JSON Schema: {err.message}")]) from err


def refresh_schema(config: SiteConfig) -> None:
    """Keep site_config/practice.schema.json, which editors' IDEs read through each record's
    modeline, equal to the generated schema; every praktijkbank command calls this."""
    try:
        refresh(config.schema, config.schema_path)
    except OSError as err:  # a read-only checkout: the check itself does not need the file
        import logging

        logging.getLogger("mkdocs.plugins.praktijkbank").warning(
            "%s kon niet bijgewerkt worden: %s", display_path(config.schema_path), err.strerror)
