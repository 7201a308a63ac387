"""The editors' reference page is generated from the schema and the vocabularies:
it lists every field, every allowed value, and explains every pattern in words."""

from __future__ import annotations

import copy
import dataclasses
import re

import markdown
import pytest

from generator.config import load_config
from generator.reference import PATTERNS, reference_markdown, walk_fields

from helpers import ROOT


@pytest.fixture(scope="module")
def config():
    return load_config(ROOT / "site_config")


@pytest.fixture(scope="module")
def page(config):
    return reference_markdown(config)


def schema_paths(schema: dict) -> set[str]:
    """Every field of the schema, found independently of generator.reference."""
    defs = schema["$defs"]

    def resolve(node):
        while "$ref" in node:
            node = {**defs[node["$ref"].rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    found = set()

    def visit(node, prefix):
        node = resolve(node)
        for name, sub in node.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            found.add(path)
            sub = resolve(sub)
            if sub.get("type") == "array":
                visit(sub.get("items", {}), path + "[]")
            elif sub.get("type") == "object":
                visit(sub, path)
                if isinstance(sub.get("additionalProperties"), dict):
                    visit(sub["additionalProperties"], path + ".<criterium>")

    visit(schema, "")
    return found


def test_the_page_lists_every_field_of_the_schema(config, page):
    paths = schema_paths(config.schema)
    assert len(paths) > 40  # nested fields included
    headings = set(re.findall(r"^#{3,4} `([^`]+)` \{#", page, re.MULTILINE))
    assert headings == paths


def test_required_fields_are_marked_required(config, page):
    for name in config.schema["required"]:
        section = page.split(f"### `{name}` {{#", 1)[1].split("\n### ", 1)[0]
        assert "- **Verplicht:** ja" in section, name
    section = page.split("### `description` {#", 1)[1].split("\n### ", 1)[0]
    assert "- **Verplicht:** nee" in section
    section = page.split("#### `sources[].where` {#", 1)[1].split("\n#", 1)[0]
    assert "verplicht in elk item van `sources`" in section


def test_every_allowed_value_is_listed_with_its_label(config, page):
    for vocabulary in ("kinds", "stages", "verdicts", "judges", "criteria", "sectors", "target_groups",
                       "regions", "result_statuses", "practice_statuses"):
        for value_id, entry in config.vocabularies[vocabulary].items():
            assert f"| `{value_id}` | {entry['label']} |" in page, (vocabulary, value_id)
    for edition_id in config.editions:
        assert f"| `{edition_id}` |" in page


def test_every_pattern_is_explained_in_words(config, page):
    patterns = set()

    def collect(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                patterns.add(node["pattern"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(config.schema)
    assert patterns and patterns <= set(PATTERNS), "explain the new pattern in generator/reference.py PATTERNS"
    assert "moet passen bij het patroon" not in page


def test_a_new_field_or_value_appears_without_touching_the_page(config):
    schema = copy.deepcopy(config.schema)
    schema["properties"]["funding"] = {"type": "object", "description": "Wie betaalde.",
                                       "properties": {"amount": {"type": "string", "description": "Bedrag."}}}
    vocabularies = copy.deepcopy(config.vocabularies)
    vocabularies["sectors"]["ruimtevaart"] = {"label": "Ruimtevaart"}
    schema["$defs"]["sectors"]["enum"].append("ruimtevaart")
    page = reference_markdown(dataclasses.replace(config, schema=schema, vocabularies=vocabularies))
    assert "### `funding` {#veld-funding}" in page and "#### `funding.amount` {#veld-funding-amount}" in page
    assert "| `ruimtevaart` | Ruimtevaart |" in page


def test_walk_fields_agrees_with_an_independent_walk(config):
    assert {path for path, *_ in walk_fields(config.schema)} == schema_paths(config.schema)


def test_the_page_is_valid_markdown_with_unique_anchors_and_working_internal_links(page):
    anchors = re.findall(r"\{#([\w-]+)\}", page)
    assert len(anchors) == len(set(anchors))
    for target in re.findall(r"\]\(#([\w-]+)\)", page):
        assert target in anchors, target
    html = markdown.markdown(page, extensions=["tables", "attr_list", "admonition", "toc"])
    assert '<table>' in html and 'id="veld-organisations-name"' in html
    # relative links stay inside the site: the guide and the published schema
    assert set(re.findall(r"\]\(([^)#]+)\)", page)) == {"../schema/practice.schema.json", "../bijdragen.md"}
