"""Site configuration: the JSON Schema, the vocabularies and the award editions.

Checked up front, like MkDocs checks mkdocs.yml: the schema's enums and the
vocabularies' ids must agree, and every edition must use known criteria, so a
mistake in site_config/ stops the build with a message that names it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# schema $defs whose enum must equal a vocabulary's ids
SCHEMA_VOCABULARIES = {
    "kind": "kinds",
    "stage": "stages",
    "verdict": "verdicts",
    "judge": "judges",
    "criterion": "criteria",
    "sector": "sectors",
    "target_group": "target_groups",
    "region": "regions",
    "result_status": "result_statuses",
}
PLAIN_VOCABULARIES = {"practice_statuses": ("properties", "status")}


class ConfigError(Exception):
    """site_config/ is inconsistent; the message says which file and what."""


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    schema: dict[str, Any]
    vocabularies: dict[str, dict[str, dict[str, Any]]]
    editions: dict[str, dict[str, Any]]

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    def label(self, vocabulary: str, value_id: str) -> str:
        return self.vocabularies[vocabulary][value_id]["label"]


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(f"{path}: kan niet gelezen worden: {err}") from err


def load_config(root: Path) -> SiteConfig:
    root = Path(root)
    schema_path = root / "practice.schema.json"
    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ConfigError(f"{schema_path}: kan niet gelezen worden: {err}") from err
    vocabularies = _read_yaml(root / "vocabularies.yaml")
    editions = _read_yaml(root / "editions.yaml") or {}
    config = SiteConfig(root, schema, vocabularies, editions)
    check_config(config)
    return config


def check_config(config: SiteConfig) -> None:
    import jsonschema_rs

    try:
        jsonschema_rs.meta.validate(config.schema)  # against the 2020-12 meta-schema
    except jsonschema_rs.ValidationError as err:
        raise ConfigError(f"practice.schema.json: geen geldig JSON Schema: {err.message}") from err

    errors = []
    defs = config.schema.get("$defs", {})
    pairs = [(defs.get(d, {}).get("enum"), v, f"$defs/{d}") for d, v in SCHEMA_VOCABULARIES.items()]
    for vocab, (section, prop) in PLAIN_VOCABULARIES.items():
        pairs.append((config.schema.get(section, {}).get(prop, {}).get("enum"), vocab, f"{section}/{prop}"))
    for enum, vocab, where in pairs:
        ids = list(config.vocabularies.get(vocab) or {})
        if enum is None:
            errors.append(f"practice.schema.json: {where} heeft geen enum")
        elif sorted(enum) != sorted(ids):
            only_schema = sorted(set(enum) - set(ids))
            only_vocab = sorted(set(ids) - set(enum))
            errors.append(
                f"practice.schema.json {where} en vocabularies.yaml {vocab} verschillen: "
                f"alleen in het schema {only_schema}, alleen in de vocabulaire {only_vocab}"
            )
        for value_id, entry in (config.vocabularies.get(vocab) or {}).items():
            if not isinstance(entry, dict) or not entry.get("label"):
                errors.append(f"vocabularies.yaml: {vocab}.{value_id} heeft geen label")

    criteria = config.vocabularies.get("criteria", {})
    required = ("name", "organiser", "year", "criteria")
    for edition_id, edition in config.editions.items():
        if not isinstance(edition, dict):
            errors.append(f"editions.yaml: {edition_id} is geen verzameling velden")
            continue
        for key in required:
            if key not in edition:
                errors.append(f"editions.yaml: {edition_id} mist het veld {key}")
        for criterion in edition.get("criteria", []):
            if criterion not in criteria:
                errors.append(f"editions.yaml: {edition_id} noemt een onbekend criterium {criterion!r}")
    if errors:
        raise ConfigError("\n".join(errors))
