"""The record's JSON Schema, generated: the hand-written structure plus the site's vocabularies.

`site_config/practice.base.schema.json` says what a record looks like; which values a field
may take comes from `vocabularies.yaml` (every `$defs` entry with an `x-vocabulary` gets that
vocabulary's ids as its enum) and which facet fields exist comes from the facets declared
there. The result is written to `site_config/practice.schema.json`, the file every record's
modeline points an editor's IDE at, and published at /schema/practice.schema.json.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

GENERATED_NOTE = ("Gegenereerd door praktijkbank uit practice.base.schema.json en vocabularies.yaml; "
                  "bewerk die bestanden, niet dit bestand.")


def generate(base: dict[str, Any], vocabularies: dict[str, dict], info: dict[str, dict], facets,
             registries: dict[str, dict]) -> dict[str, Any]:
    """The complete record schema. `facets` are config.Facet objects, in declaration order;
    `registries` are other id lists of site_config/ (x-registry: sources)."""
    schema = copy.deepcopy(base)
    after = schema.pop("x-facets-after", None)
    schema.pop("$comment", None)
    defs = schema.setdefault("$defs", {})
    for node in defs.values():
        if "x-vocabulary" in node:
            node["enum"] = list(vocabularies[node["x-vocabulary"]])
        elif "x-registry" in node:
            node["enum"] = list(registries[node["x-registry"]])
    fields: dict[str, Any] = {}
    for facet in facets:
        described = info[facet.vocabulary].get("description") or info[facet.vocabulary]["heading"]
        defs[facet.vocabulary] = {"type": "string", "x-vocabulary": facet.vocabulary,
                                  "enum": list(vocabularies[facet.vocabulary]), "description": described}
        ref = {"$ref": f"#/$defs/{facet.vocabulary}"}
        title = info[facet.vocabulary]["heading" if facet.many else "label"]  # the web editor's label
        if facet.many:
            field = {"title": title, "type": "array", "uniqueItems": True, "items": ref, "description": described}
            if facet.required:
                field["minItems"] = 1
        else:
            field = {"title": title, **ref, "description": described}
        fields[facet.field] = field
        if facet.required:
            schema.setdefault("required", []).append(facet.field)
    properties = schema.setdefault("properties", {})
    ordered: dict[str, Any] = {}
    for name, node in properties.items():
        ordered[name] = node
        if name == after:
            ordered.update(fields)
    if after not in properties:
        ordered.update(fields)
    schema["properties"] = ordered
    return {"$comment": GENERATED_NOTE, **schema}


def text_of(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def refresh(schema: dict[str, Any], path: Path) -> bool:
    """Write the generated schema where editors' IDEs read it, if it changed. True if written."""
    from .write import write_if_changed

    return write_if_changed(path, text_of(schema).encode("utf-8"))
