"""Validate loaded records: the JSON Schema first, then what a schema cannot say.

Schema errors from the jsonschema library are turned into messages an editor
understands: the field, what is wrong, what is allowed and, for a misspelt
vocabulary value or field name, the closest allowed ones.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Iterable


if TYPE_CHECKING:  # config.py uses this module to explain its own files' problems
    from .config import SiteConfig
from .loader import RESERVED_IDS, ID_PATTERN, Document
from .problems import Problem

COLON_HINT = ("; staat er een ': ' in een tekst? Dan leest YAML er een veld in: "
              "zet de hele tekst tussen aanhalingstekens")

TYPE_NAMES = {
    "string": "tekst", "integer": "een heel getal", "array": "een lijst",
    "object": "een verzameling velden", "boolean": "ja/nee", "null": "niets",
}


def describe(value: Any) -> str:
    if value is None:
        return "niets (het veld is leeg)"
    if isinstance(value, bool):
        return f"ja/nee ({str(value).lower()})"
    if isinstance(value, int):
        return f"een getal ({value})"
    if isinstance(value, str):
        return f"tekst ({value!r})" if len(value) < 40 else "tekst"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een verzameling velden"
    return type(value).__name__


def printable(key: Any) -> str:
    """A key the editor wrote, fit for a one-line message: no line breaks or terminal
    escapes (they could forge a line of the report), and not a whole page long."""
    text = str(key)
    text = "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in text)
    return text if len(text) <= 60 else text[:60] + "…"


def did_you_mean(value: str, allowed: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(value), list(allowed), n=2, cutoff=0.6)
    return _asked(close)


def _asked(close: list[str]) -> str:
    return "; bedoelde u " + " of ".join(f"`{c}`" for c in close) + "?" if close else ""


def _words(text: str) -> list[str]:
    import unicodedata

    plain = unicodedata.normalize("NFKD", str(text).lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", plain)


STRONG = 0.75  # below this a near spelling is more often another word (groothandel, detailhandel)


def closest_values(value: str, entries: dict[str, dict], taken: Iterable = ()) -> list[str]:
    """Values of a vocabulary an editor most likely meant: by id, label and synonyms, by whole
    words ("techniek" in "Industrie en techniek") and by near spelling; never one already taken."""
    wanted = " ".join(_words(value))
    if not wanted:
        return []
    scores: dict[str, float] = {}
    for vid, entry in entries.items():
        if vid in taken:
            continue
        names = [" ".join(_words(n)) for n in [vid, entry.get("label", ""), *entry.get("synonyms", [])]]
        best = 0.0
        for name in names:
            if name == wanted:
                best = max(best, 1.0)
            elif len(wanted) >= 4 and (f" {wanted} " in f" {name} " or f" {name} " in f" {wanted} "):
                best = max(best, 0.9)  # a whole word of it
            elif min(len(wanted), len(name)) >= 5 and (name in wanted or wanted in name):
                best = max(best, 0.8)  # part of a word: schoonmaakbedrijven holds schoonmaak
            else:
                best = max(best, difflib.SequenceMatcher(None, wanted, name).ratio())
        if best >= STRONG:
            scores[vid] = best
    return sorted(scores, key=lambda vid: (-scores[vid], list(entries).index(vid)))[:2]


# Two validators for one schema, both kept on the config object (config.py): jsonschema-rs
# (Rust) answers "is this record valid?" for 1,000 records in ~15 ms, against ~1.6 s for the
# pure-Python jsonschema library; only the records it rejects go through jsonschema, whose error
# objects (validator, schema, path) carry what explain() needs for an editor's message. Both
# implement Draft 2020-12, and tests/test_validate.py checks that they agree.
def fast_is_valid(doc_data: Any, config: SiteConfig) -> bool:
    return config.fast_validator.is_valid(doc_data)


def schema_validator(config: SiteConfig):
    return config.detailed_validator


def _subschema_description(error) -> str:
    desc = error.schema.get("description") if isinstance(error.schema, dict) else None
    return f" ({desc})" if desc else ""


def _is_required(path: tuple, defs: dict, root: dict) -> bool:
    """Whether the field at path is required by its parent object in the schema."""
    schema = root
    for part in path[:-1]:
        schema = defs.get(schema["$ref"].rsplit("/", 1)[-1], {}) if "$ref" in schema else schema
        if isinstance(part, int):
            schema = schema.get("items", {})
        else:
            schema = schema.get("properties", {}).get(part) or schema.get("additionalProperties") or {}
    schema = defs.get(schema["$ref"].rsplit("/", 1)[-1], {}) if "$ref" in schema else schema
    return bool(path) and path[-1] in schema.get("required", [])


def _allowed(values: list[str], path: tuple, doc_schema: dict | None) -> str:
    """ Toegestaan: a, b, c; and where the whole list is explained (a long list is shortened)."""
    shown = ", ".join(values) if len(values) <= 15 else ", ".join(values[:15]) + f", … ({len(values)} in totaal)"
    if doc_schema is None:
        return f" Toegestaan: {shown}"
    from .reference import field_link

    return f" Toegestaan: {shown}; uitleg bij elke waarde: {field_link(path, doc_schema)}"


def _taken(doc: Document, path: tuple) -> set:
    """The other values of the list a value stands in (never suggested again)."""
    parent: Any = doc.data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return set()
    return {v for v in parent if isinstance(v, str)} if isinstance(parent, list) else set()


def explain(error, doc: Document, defs: dict, doc_schema: dict | None = None,
            vocabularies: dict | None = None) -> list[Problem]:
    """One jsonschema error -> the editor's problems (usually one)."""
    path = tuple(error.absolute_path)
    v = error.validator
    if v == "required":
        missing = [name for name in error.validator_value if name not in (error.instance or {})]
        props = error.schema.get("properties", {})
        return [
            doc.problem(path + (name,), f"het verplichte veld `{name}` ontbreekt{_prop_desc(props.get(name), defs)}")
            for name in missing
        ]
    if v == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        if not allowed:  # criteria-like maps: keys checked by propertyNames
            return [doc.problem(path, error.message)]
        return [
            doc.problem(path + (k,), f"onbekend veld `{printable(k)}`{did_you_mean(k, allowed)} Toegestaan: {', '.join(allowed)}"
                        + (COLON_HINT if " " in k else ""), key=True)
            for k in extra
        ]
    if "propertyNames" in error.schema_path and v == "enum":
        # a key of a map (criteria) is not allowed: point at the key itself
        bad, allowed = error.instance, [str(a) for a in error.validator_value]
        return [doc.problem(path + (bad,), f"onbekend criterium `{printable(bad)}`{did_you_mean(bad, allowed)} Toegestaan: {', '.join(allowed)}", key=True)]
    if v == "enum" and error.instance is None and "type" in error.schema:
        return []  # an empty value: the type error says "vul het veld in", once
    if v == "enum":
        allowed = [str(a) for a in error.validator_value]
        vocabulary = error.schema.get("x-vocabulary") if isinstance(error.schema, dict) else None
        if vocabulary and vocabularies and vocabulary in vocabularies and isinstance(error.instance, str):
            close = closest_values(error.instance, vocabularies[vocabulary], _taken(doc, path))
        else:
            close = difflib.get_close_matches(str(error.instance), allowed, n=2, cutoff=0.6)
        return [doc.problem(path, f"{describe(error.instance)} is geen toegestane waarde{_asked(close) or '.'}"
                                  f"{_allowed(allowed, path, doc_schema)}")]
    if v == "type":
        expected = error.validator_value
        expected = " of ".join(TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected]))
        hint = ""
        if expected == "tekst" and isinstance(error.instance, (int, bool)):
            hint = "; zet de waarde tussen aanhalingstekens (\"…\") zodat ze tekst blijft zoals geschreven"
        if error.instance is None:
            required = _is_required(path, defs, doc_schema)
            return [doc.problem(path, "is nog leeg; vul het in" + (_subschema_description(error) if required else
                                "; of laat dit optionele veld weg door het te verwijderen of er een # voor te zetten"))]
        if expected == "tekst" and isinstance(error.instance, dict):
            hint = COLON_HINT
        return [doc.problem(path, f"verwacht {expected}, maar vond {describe(error.instance)}{hint}{_subschema_description(error)}")]
    if v == "pattern":
        return [doc.problem(path, f"{describe(error.instance)} heeft niet de juiste vorm{_subschema_description(error)}")]
    if v == "minLength":
        return [doc.problem(path, f"de tekst is te kort: minstens {error.validator_value} tekens{_subschema_description(error)}")]
    if v == "maxLength":
        return [doc.problem(path, f"de tekst is te lang: hoogstens {error.validator_value} tekens (nu {len(error.instance)})")]
    if v == "minItems":
        return [doc.problem(path, f"de lijst heeft minstens {error.validator_value} item(s) nodig{_subschema_description(error)}")]
    if v == "uniqueItems":
        return [doc.problem(path, "een waarde staat twee keer in de lijst")]
    if v in ("minimum", "maximum"):
        return [doc.problem(path, f"{error.instance} ligt buiten het toegestane bereik ({v} {error.validator_value})")]
    return [doc.problem(path, error.message)]


def _prop_desc(prop: dict | None, defs: dict) -> str:
    if prop and "$ref" in prop and "description" not in prop:
        prop = defs.get(prop["$ref"].rsplit("/", 1)[-1])
    if not prop or "description" not in prop:
        return ""
    return f" ({prop['description']})"


def check_schema(doc: Document, config: SiteConfig) -> list[Problem]:
    if fast_is_valid(doc.data, config):
        return []
    problems = _explained(list(schema_validator(config).iter_errors(doc.data)), doc, config.schema, config.vocabularies)
    return problems or _unexplained(doc, config.fast_validator)


def _unexplained(doc: Document, fast_validator) -> list[Problem]:
    """jsonschema-rs refuses what python-jsonschema lets pass (their regular expressions differ at a
    line end: "b\\n" against ^...$): never silence, so say where, from jsonschema-rs's own errors."""
    out = []
    for error in fast_validator.iter_errors(doc.data):
        path = tuple(error.instance_path)
        value: Any = doc.data
        for part in path:
            value = value[part]
        shown = printable(value) if isinstance(value, str) else describe(value)
        out.append(doc.problem(path, f"`{shown}` wordt door de controle geweigerd: let op onzichtbare tekens (een regeleinde, "
                                     "een BOM of een stuurteken) in de waarde, en verwijder ze"))
    return out


def problems_against(doc: Document, schema: dict) -> list[Problem]:
    """A document checked against any JSON Schema (site_config/ files against theirs), the way a
    record is: jsonschema-rs decides, python-jsonschema (imported only then) explains."""
    import jsonschema_rs

    fast = jsonschema_rs.validator_for(schema)
    if fast.is_valid(doc.data):
        return []
    from .patterns import explaining_validator

    return _explained(list(explaining_validator(schema).iter_errors(doc.data)), doc, schema) or _unexplained(doc, fast)


def _explained(errors: list, doc: Document, schema: dict, vocabularies: dict | None = None) -> list[Problem]:
    defs = schema.get("$defs", {})
    problems: list[Problem] = []
    # an empty field fails both "type" and "enum"/"pattern": one message ("is nog leeg") is enough
    empty = {tuple(e.absolute_path) for e in errors if e.instance is None and e.validator == "type"}
    for error in errors:
        if tuple(error.absolute_path) in empty and error.validator != "type":
            continue
        problems.extend(explain(error, doc, defs, schema, vocabularies))
    return problems


def _alias_problems(docs: list[Document], known: set[str]) -> list[Problem]:
    """An old id (alias) leaves a redirect at its address: it may not be anyone's id, another
    record's alias or a reserved name."""
    problems, first = [], {}
    for doc in docs:
        aliases = doc.data.get("aliases") if isinstance(doc.data, dict) else None
        for i, alias in enumerate(aliases if isinstance(aliases, list) else []):
            if not isinstance(alias, str):
                continue
            where = ("aliases", i)
            if alias.lower() in known:
                problems.append(doc.problem(where, f"`{alias}` is de id van een bestaande praktijk; een oude id mag geen "
                                            "huidige zijn, want het adres kan niet tegelijk doorsturen en de praktijk tonen"))
            elif alias in RESERVED_IDS:
                problems.append(doc.problem(where, f"`{alias}` is gereserveerd: {RESERVED_IDS[alias]}"))
            elif alias in first:
                problems.append(doc.problem(where, f"`{alias}` is al een oude id van {first[alias]}; één oud adres stuurt naar één praktijk"))
            else:
                first[alias] = doc.id
    return problems


def check_collection(docs: list[Document], config: SiteConfig) -> list[Problem]:
    """Checks across records and against site_config: what no schema can express."""
    problems: list[Problem] = []
    by_id: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        by_id[doc.id.lower()].append(doc)
    for same in by_id.values():
        for doc in same[1:]:
            problems.append(doc.problem((), f"de id `{doc.id}` bestaat al in {same[0].display}; elke praktijk heeft een eigen bestandsnaam"))
    known = set(by_id)
    problems += _alias_problems(docs, known)

    def missing(doc: Document, rid: str) -> str:
        if (doc.path.parent / f"{rid}.yaml").is_file():
            # the record is there but did not load: say so, rather than "there is none"
            return f"het record {rid}.yaml bestaat, maar heeft zelf fouten; los die eerst op"
        return f"er is geen praktijk met id `{rid}`{did_you_mean(rid, known)}"

    parents = {doc.id: doc.data.get("part_of") for doc in docs if isinstance(doc.data, dict)}
    related_of = {doc.id: set(r for r in (doc.data.get("related") or []) if isinstance(r, str))
                  for doc in docs if isinstance(doc.data, dict) and isinstance(doc.data.get("related"), list)}
    for doc in docs:
        data = doc.data if isinstance(doc.data, dict) else {}
        related = data.get("related")
        if isinstance(related, list):
            for i, rid in enumerate(related):
                if not isinstance(rid, str) or not ID_PATTERN.fullmatch(rid):
                    continue  # not an id at all ('../x', 'a/b'): the schema says so already
                if rid == doc.id:
                    problems.append(doc.problem(("related", i), "een praktijk kan niet aan zichzelf verwant zijn"))
                elif rid not in known:
                    problems.append(doc.problem(("related", i), missing(doc, rid)))
                elif doc.id not in related_of.get(rid, set()):
                    problems.append(doc.problem(("related", i), f"`{rid}` noemt deze praktijk niet terug; verwante praktijken "
                                                f"verwijzen naar elkaar: voeg `{doc.id}` toe aan related in {rid}.yaml"))
        part_of = data.get("part_of")
        if isinstance(part_of, str) and ID_PATTERN.fullmatch(part_of):
            if part_of == doc.id:
                problems.append(doc.problem(("part_of",), "een praktijk kan geen deel van zichzelf zijn"))
            elif part_of not in known:
                problems.append(doc.problem(("part_of",), missing(doc, part_of)))
            elif (ring := _part_of_ring(doc.id, parents)) is not None:
                problems.append(doc.problem(("part_of",), f"part_of maakt een kring ({' → '.join(ring)}); een praktijk kan "
                                            "niet, via andere, deel van zichzelf zijn: haal één part_of weg"))
        problems.extend(_check_award(doc, data, config))
    return problems


def _part_of_ring(start: str, parents: dict) -> list[str] | None:
    """The ids around a part_of cycle through start (start → … → start), if there is one."""
    chain, current = [start], parents.get(start)
    while isinstance(current, str) and current in parents and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain + [start] if current == start and len(chain) > 1 else None


def _check_award(doc: Document, data: dict, config: SiteConfig) -> list[Problem]:
    problems = []
    award = data.get("award")
    edition = None
    if isinstance(award, dict) and isinstance(award.get("edition"), str):
        edition = config.editions.get(award["edition"])
        if edition is None:
            problems.append(doc.problem(("award", "edition"), f"onbekende prijseditie `{award['edition']}`{did_you_mean(award['edition'], config.editions)} Bekend: {', '.join(config.editions)}"))
    criteria = data.get("criteria")
    if not isinstance(criteria, dict):
        return problems
    editorial = " of ".join(f"`by: {j}`" for j in config.vocabularies["judges"] if j not in config.jury_judges)
    for criterion, assessment in criteria.items():
        if not isinstance(assessment, dict) or assessment.get("by") not in config.jury_judges:
            continue
        if award is None:
            problems.append(doc.problem(("criteria", criterion, "by"), "alleen een praktijk met een `award` heeft een juryoordeel"
                                        + (f"; gebruik {editorial} voor een inschatting van de redactie" if editorial else "")))
        elif edition is not None and criterion not in edition.get("criteria", []):
            problems.append(doc.problem(("criteria", criterion), f"de prijseditie `{award['edition']}` beoordeelt dit criterium niet"))
    return problems
