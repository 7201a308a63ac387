"""The editors' reference page, "Velden van een record", generated from the JSON Schema
and the vocabularies so it can never drift from what validation accepts.

`reference_markdown(config)` returns plain Markdown: an overview table of the top-level
fields, then a section per field (nested fields included) with its kind, whether it is
required, the schema's description, its rules in words and the allowed values with
their labels. Rules the schema cannot express (checked in validate.check_collection)
are listed at the end.
"""

from __future__ import annotations

from typing import Any, Iterator

from .config import SiteConfig

# Patterns of the schema, said in words. A pattern missing here is shown as a regular
# expression, and tests/test_reference.py fails so that someone writes the words.
PATTERNS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": (
        "alleen kleine letters (zonder accenten) en cijfers, woorden gescheiden door één "
        "koppelteken; geen spaties of hoofdletters. Bijvoorbeeld `pilot-tsn-woonzorg`"
    ),
    "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$": (
        "een datum als jaar-maand-dag (`\"2030-07-01\"`), tussen aanhalingstekens"
    ),
    "^[0-9]{4}(-(0[1-9]|1[0-2]))?$": (
        "een jaar (`\"2022\"`) of een jaar en maand (`\"2022-09\"`), tussen aanhalingstekens"
    ),
    "^(https?://|mailto:)[^\\u0000-\\u0020\\u007f-\\u00a0\\u00ad\\u1680\\u180e\\u2000-\\u200f\\u2028-\\u202f"
    "\\u205f-\\u206f\\u3000\\ufeff<>\"]+$": (
        "een volledige link die begint met `https://`, `http://` of `mailto:`, zonder spaties, "
        "stuurtekens of onzichtbare tekens"
    ),
}

TYPE_WORDS = {
    "string": "tekst",
    "integer": "een heel getal (zonder aanhalingstekens)",
    "number": "een getal",
    "boolean": "ja of nee (`true` of `false`)",
    "object": "een groep velden",
    "array": "een lijst",
}


def _cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _anchor(path: str) -> str:
    out = path.replace("[]", "").replace("<criterium>", "criterium")
    return "veld-" + "".join(c if c.isalnum() else "-" for c in out).strip("-").lower()


REFERENCE_PAGE = "/bijdragen/velden/"


def field_link(path: tuple, schema: dict) -> str:
    """Where the field at a record path is explained: /bijdragen/velden/#veld-... ."""
    resolver, node, parts = _Schema(schema), schema, []
    for part in path:
        node = resolver.resolve(node)
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[]"] if parts else []
            node = node.get("items", {})
        elif part in node.get("properties", {}):
            parts.append(str(part))
            node = node["properties"][part]
        elif isinstance(node.get("additionalProperties"), dict):
            parts.append("<criterium>")  # a map like criteria: one section for every key
            node = node["additionalProperties"]
        else:
            break
    return REFERENCE_PAGE + ("#" + _anchor(".".join(parts)) if parts else "")


class _Schema:
    """Resolves local $refs; a property's own description wins over its definition's."""

    def __init__(self, schema: dict):
        self.root = schema
        self.defs = schema.get("$defs", {})

    def resolve(self, node: dict) -> dict:
        node = dict(node)
        seen = 0
        while "$ref" in node and seen < 10:
            target = self.defs.get(node.pop("$ref").rsplit("/", 1)[-1], {})
            node = {**target, **node}
            seen += 1
        return node


def walk_fields(schema: dict) -> Iterator[tuple[str, dict, bool, str]]:
    """Every field of the schema as (path, resolved schema, required, parent path).

    Paths read like the records: `organisations[].name` is the field name of every item of
    the list organisations; `criteria.<criterium>.verdict` is verdict under any criterion.
    """
    resolver = _Schema(schema)

    def fields_of(node: dict, prefix: str) -> Iterator[tuple[str, dict, bool, str]]:
        node = resolver.resolve(node)
        required = set(node.get("required", []))
        for name, sub in node.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            resolved = resolver.resolve(sub)
            yield path, resolved, name in required, prefix
            yield from children(resolved, path)

    def children(node: dict, path: str) -> Iterator[tuple[str, dict, bool, str]]:
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            items = resolver.resolve(node["items"])
            if items.get("type") == "object":
                yield from fields_of(items, path + "[]")
        elif node.get("type") == "object":
            if node.get("properties"):
                yield from fields_of(node, path)
            extra = node.get("additionalProperties")
            if isinstance(extra, dict):
                yield from fields_of(extra, path + ".<criterium>")

    yield from fields_of(schema, "")


class _Writer:
    def __init__(self, config: SiteConfig):
        self.config = config
        self.resolver = _Schema(config.schema)
        self.lines: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    # -- words for one field -------------------------------------------------

    def vocabulary_for(self, values: list) -> str | None:
        wanted = sorted(str(v) for v in values)
        for name, entries in self.config.vocabularies.items():
            if sorted(entries or {}) == wanted:
                return name
        return None

    def kind_words(self, node: dict) -> str:
        if "enum" in node:
            return "een vaste waarde uit de lijst hieronder"
        kind = node.get("type")
        if kind == "array":
            items = self.resolver.resolve(node.get("items", {}))
            if "enum" in items:
                return "een lijst van vaste waarden, tussen haken: `[a, b]`"
            if items.get("type") == "object":
                return "een lijst; elk item begint met `- ` en is een groep velden"
            return f"een lijst van {TYPE_WORDS.get(items.get('type'), 'waarden')}; elk item op een eigen regel die met `- ` begint"
        if kind == "object" and isinstance(node.get("additionalProperties"), dict):
            return "een groep met per criterium een eigen groep velden"
        if isinstance(kind, list):
            return " of ".join(TYPE_WORDS.get(k, k) for k in kind)
        return TYPE_WORDS.get(kind, str(kind))

    def rules(self, node: dict) -> list[str]:
        rules = []
        lo, hi = node.get("minLength"), node.get("maxLength")
        if lo and hi:
            rules.append(f"{lo} tot {hi} tekens")
        elif hi:
            rules.append(f"hoogstens {hi} tekens")
        elif lo and lo > 1:
            rules.append(f"minstens {lo} tekens")
        elif lo == 1:
            rules.append("mag niet leeg zijn")
        if "minimum" in node and "maximum" in node:
            rules.append(f"van {node['minimum']} tot en met {node['maximum']}")
        elif "minimum" in node:
            rules.append(f"minstens {node['minimum']}")
        elif "maximum" in node:
            rules.append(f"hoogstens {node['maximum']}")
        if node.get("minItems"):
            rules.append(f"minstens {node['minItems']} {'item' if node['minItems'] == 1 else 'items'}")
        if node.get("maxItems"):
            rules.append(f"hoogstens {node['maxItems']} items")
        if node.get("uniqueItems"):
            rules.append("elke waarde hoogstens één keer")
        pattern = node.get("pattern")
        if pattern:
            rules.append("vorm: " + PATTERNS.get(pattern, f"moet passen bij het patroon `{pattern}`"))
        items = self.resolver.resolve(node.get("items", {})) if node.get("type") == "array" else {}
        if items and items.get("type") != "object":
            rules += [f"elk item: {r}" for r in self.rules(items)]
        return rules

    def allowed(self, path: str, node: dict) -> tuple[list[str], str | None] | None:
        """The allowed values of a field (or of its items) and the vocabulary they come from."""
        if path == "award.edition":
            return list(self.config.editions), "editions"
        if "enum" in node:
            return [str(v) for v in node["enum"]], self.vocabulary_for(node["enum"])
        items = self.resolver.resolve(node.get("items", {})) if node.get("type") == "array" else {}
        if "enum" in items:
            return [str(v) for v in items["enum"]], self.vocabulary_for(items["enum"])
        return None

    def values_table(self, values: list[str], vocabulary: str | None) -> None:
        if vocabulary == "editions":
            self.add("| Waarde | Prijseditie |", "| --- | --- |")
            for value in values:
                edition = self.config.editions[value]
                self.add(f"| `{value}` | {_cell(edition.get('name', value))} ({_cell(edition.get('organiser', ''))}) |")
            self.add("")
            return
        entries = self.config.vocabularies.get(vocabulary or "", {})
        extra = next((key for key in ("wording", "description", "short")
                      if any(key in (e or {}) for e in entries.values())), None)
        header = "| Waarde | Betekenis |" + (" Toelichting |" if extra else "")
        self.add(header, "| --- | --- |" + (" --- |" if extra else ""))
        for value in values:
            entry = entries.get(value) or {}
            row = f"| `{value}` | {_cell(entry.get('label', ''))} |"
            if extra:
                row += f" {_cell(entry.get(extra, ''))} |"
            self.add(row)
        self.add("")

    def field_section(self, path: str, node: dict, required: bool, parent: str, level: int) -> None:
        if parent.endswith("[]"):
            need = f"verplicht in elk item van `{parent[:-2]}`" if required else "optioneel"
        elif parent:
            need = f"verplicht als `{parent}` er staat" if required else "optioneel"
        else:
            need = "ja" if required else "nee, optioneel"
        self.add(f"{'#' * level} `{path}` {{#{_anchor(path)}}}", "")
        if node.get("description"):
            self.add(node["description"], "")
        self.add(f"- **Verplicht:** {need}", f"- **Soort:** {self.kind_words(node)}")
        for rule in self.rules(node):
            self.add(f"- **Regel:** {rule}")
        self.add("")
        names = self.resolver.resolve(node.get("propertyNames", {}))
        if "enum" in names:
            vocabulary = self.vocabulary_for(names["enum"])
            self.add(f"Toegestane namen onder `{path}` (uit `{vocabulary}` in `site_config/vocabularies.yaml`), "
                     "elk met de velden hieronder:", "")
            self.values_table([str(v) for v in names["enum"]], vocabulary)
        allowed = self.allowed(path, node)
        if allowed:
            values, vocabulary = allowed
            source = {"editions": "`site_config/editions.yaml`", None: "het schema"}.get(
                vocabulary, f"`{vocabulary}` in `site_config/vocabularies.yaml`")
            self.add(f"Toegestane waarden (uit {source}):", "")
            self.values_table(values, vocabulary)

    # -- the page --------------------------------------------------------------

    def page(self) -> str:
        schema = self.config.schema
        fields = list(walk_fields(schema))
        top = [(p, n, r) for p, n, r, parent in fields if not parent]
        self.add(
            "---",
            "search: {exclude: true}  # an editors' page: out of the search index",
            "---",
            "",
            "# Velden van een record",
            "",
            "Elke praktijk is één YAML-bestand in de map `practices/`. Deze pagina noemt elk veld dat "
            "zo'n bestand mag hebben: wat erin hoort, of het verplicht is, en welke waarden zijn "
            "toegestaan. Ze wordt bij elke bouw van de site opnieuw gemaakt uit het JSON Schema "
            "([practice.schema.json](../schema/practice.schema.json)) en uit de vaste lijsten in "
            "`site_config/vocabularies.yaml`, dus ze zegt precies wat `praktijkbank validate` controleert.",
            "",
            "Hoe begint u? Lees de handleiding [Een praktijk toevoegen](../bijdragen.md) en maak een "
            "nieuw record met `praktijkbank new`: dat zet alle velden al met uitleg in het bestand.",
            "",
            "!!! tip \"Zo leest u een veldnaam\"",
            "    `organisations[].name` is het veld `name` in elk item van de lijst `organisations`. "
            "In een foutmelding staat het nummer van het item, geteld vanaf 0: `organisations[0].name` "
            "is de naam van de eerste organisatie, `organisations[1].name` die van de tweede. "
            "`criteria.<criterium>.verdict` is het veld `verdict` onder elk criterium, bijvoorbeeld "
            "`criteria.innovatie.verdict`.",
            "",
            "## Overzicht",
            "",
            "| Veld | Verplicht | Soort | Wat erin hoort |",
            "| --- | --- | --- | --- |",
        )
        for path, node, required in top:
            self.add(
                f"| [`{path}`](#{_anchor(path)}) | {'ja' if required else 'nee'} | "
                f"{_cell(self.kind_words(node))} | {_cell(node.get('description', ''))} |"
            )
        self.add("", "## Alle velden", "")
        for path, node, required, parent in fields:
            self.field_section(path, node, required, parent, 3 if not parent else 4)

        self.add(
            "## Regels over meer velden of bestanden",
            "",
            "Deze regels kan het schema niet uitdrukken; `praktijkbank validate` controleert ze toch:",
            "",
            "- De bestandsnaam is de id en het webadres van de praktijk: alleen kleine letters, cijfers "
            "en koppeltekens, met de extensie `.yaml`. Twee praktijken hebben nooit dezelfde id.",
            "- Elke id in `related` en in `part_of` is de id van een bestaande praktijk, en nooit de "
            "eigen id.",
            "- `award.edition` is een prijseditie uit `site_config/editions.yaml`.",
            "- `by: jury` mag alleen bij een praktijk met `award`, en alleen voor een criterium dat die "
            "prijseditie beoordeelt. Een inschatting van de redactie heeft `by: redactie`.",
            "- Een sleutel staat hoogstens één keer op hetzelfde niveau; ankers, verwijzingen en tags "
            "(`&`, `*`, `!`) zijn niet toegestaan.",
            "- Getallen die tekst zijn (`value`, jaren in `period`) staan tussen aanhalingstekens, zodat "
            "`\"100.000\"` honderdduizend blijft.",
            "",
        )
        return "\n".join(self.lines).rstrip("\n") + "\n"


def reference_markdown(config: SiteConfig) -> str:
    """The Markdown of the page "Velden van een record" (published at /bijdragen/velden/)."""
    return _Writer(config).page()
