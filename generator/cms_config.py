"""The web editor's form (Decap CMS `config.yml`), generated from the record schema.

Every field of `practice.schema.json` becomes a widget: its `title` the label, its
`description` the hint, `required` as the schema says. Values from a vocabulary or a
registry become a select with their Dutch labels; ids of other practices a relation to the
collection itself; lists of objects a list widget with a sub-form. So a new field or a new
vocabulary value is in the form at the next build, with no hand edit.

Annotations the generator reads (the validators ignore them): `x-widget: string` for a
one-line input, `x-refers-to: practices|editions` for an id that points at another record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .config import SiteConfig

COLLECTION = "praktijken"
FORMAT = "praktijkbank-yaml"  # registered by site_config/admin/praktijkbank-cms.js


@dataclass(frozen=True)
class Backend:
    """Where the form saves: a GitHub repository through pull requests, or the local folder."""

    repo: str | None = None  # owner/name
    branch: str = "main"
    auth_url: str | None = None  # the OAuth client's address (Decap: backend.base_url)
    auth_endpoint: str | None = None
    local_proxy: str | None = None  # decap-server's API: `praktijkbank serve --edit`
    folder: str = "practices"  # the records, relative to the repository (the plugin's `practices` option)

    @property
    def usable(self) -> bool:
        return bool(self.local_proxy or self.repo)


def repo_from_url(repo_url: str | None) -> str | None:
    """https://github.com/owner/name(.git) -> owner/name; anything else (no host we know) -> None."""
    match = re.fullmatch(r"https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?", repo_url or "")
    return f"{match[1]}/{match[2]}" if match else None


class _Fields:
    def __init__(self, config: SiteConfig):
        self.config = config
        self.defs = config.schema.get("$defs", {})

    def resolved(self, node: dict) -> dict:
        """A node with its $ref's definition merged in (the node's own keys win)."""
        if "$ref" not in node:
            return node
        target = self.defs.get(node["$ref"].rsplit("/", 1)[-1], {})
        return {**self.resolved(target), **{k: v for k, v in node.items() if k != "$ref"}}

    def options(self, node: dict) -> list[dict] | None:
        """The values a field may take, with Dutch labels, when they come from site_config/."""
        if "x-vocabulary" in node:
            entries = self.config.vocabularies[node["x-vocabulary"]]
            return [{"label": e.get("label", vid), "value": vid} for vid, e in entries.items()]
        if node.get("x-registry") == "sources":
            return [{"label": f"{e.get('title', sid)} ({sid})", "value": sid} for sid, e in self.config.sources.items()]
        if node.get("x-refers-to") == "editions":
            return [{"label": e.get("name", eid), "value": eid} for eid, e in self.config.editions.items()]
        return None

    def widget(self, name: str, node: dict, required: bool, within_optional: bool = False) -> dict:
        node = self.resolved(node)
        # Decap checks the required fields of an optional part (a prize, a criterion) even when
        # the editor leaves that part empty: there the form asks for nothing and the hint says
        # what `praktijkbank validate` asks as soon as the part is filled in
        field: dict[str, Any] = {"name": name, "label": node.get("title") or name,
                                 "required": required and not within_optional}
        hint = node.get("description", "")
        if required and within_optional:
            hint = f"{hint} Verplicht zodra u dit onderdeel invult.".strip()
        if hint:
            field["hint"] = hint
        field.update(self.kind(node, optional_part=not required or within_optional))
        if node.get("pattern") and field["widget"] == "string":
            field["pattern"] = [node["pattern"], "Deze waarde heeft niet de vorm die het veld vraagt (zie de uitleg)."]
        return field

    def kind(self, node: dict, optional_part: bool = False) -> dict:
        options = self.options(node)
        if options is not None:
            return {"widget": "select", "options": options}
        if node.get("x-refers-to") == "practices":
            return {"widget": "relation", "collection": COLLECTION, "value_field": "{{slug}}",
                    "search_fields": ["title"], "display_fields": ["title"]}
        kind = node.get("type")
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind == "array":
            return self.array(self.resolved(node.get("items", {})), node)
        if kind == "object":
            return {"widget": "object", "collapsed": True, "fields": self.object_fields(node, optional_part)}
        if kind in ("integer", "number"):
            return {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        # a string: one line where the schema says so (or it has a fixed form), else a text box
        # that keeps line breaks as written (never the markdown widget: it rewrites Markdown)
        one_line = node.get("x-widget") == "string" or "pattern" in node
        return {"widget": "string" if one_line else "text"}

    def array(self, items: dict, node: dict) -> dict:
        inner = self.kind(items)
        if inner["widget"] in ("select", "relation"):
            return {**inner, "multiple": True}
        if inner["widget"] == "object":
            summary = next((f"{{{{fields.{k}}}}}" for k in items.get("required", [])), None)
            return {"widget": "list", "collapsed": False, "fields": inner["fields"],
                    **({"summary": summary} if summary else {})}
        label = items.get("title") or node.get("title") or "waarde"
        return {"widget": "list", "field": {"name": "item", "label": label, "required": True, **inner}}

    def object_fields(self, node: dict, optional: bool = False) -> list[dict]:
        """The sub-form of an object; `optional`: the object itself may be left out."""
        required = set(node.get("required", []))
        if "properties" in node:
            return [self.widget(k, v, k in required, optional) for k, v in node["properties"].items()]
        # a map with fixed keys (criteria: a criterion id -> an assessment): one optional
        # sub-form per key, in the vocabulary's order
        keys = self.options(self.resolved(node.get("propertyNames", {}))) or []
        value = node.get("additionalProperties", {})
        return [{**self.widget(k["value"], value, False, True), "label": k["label"]} for k in keys]


def cms_config(config: SiteConfig, backend: Backend, *, site_url: str | None = None) -> dict:
    """Decap CMS's config.yml as data."""
    fields = _Fields(config)
    schema = config.schema
    required = set(schema.get("required", []))
    result: dict[str, Any] = {"locale": "nl"}
    if backend.local_proxy:
        # the redactie's own machine: saves go straight into practices/ (no pull request)
        result["backend"] = {"name": "proxy", "proxy_url": backend.local_proxy, "branch": backend.branch}
    else:
        github: dict[str, Any] = {"name": "github", "repo": backend.repo, "branch": backend.branch,
                                  "open_authoring": True}  # without write access: a fork and a pull request
        if backend.auth_url:
            github["base_url"] = backend.auth_url
        if backend.auth_endpoint:
            github["auth_endpoint"] = backend.auth_endpoint
        result["backend"] = github
        result["publish_mode"] = "editorial_workflow"  # every change is a pull request, checked by CI
    if site_url:
        result["site_url"] = result["display_url"] = site_url
    # Decap needs a media folder; records hold no images, so the upload button is left unused
    result.update({"media_folder": "content/afbeeldingen", "public_folder": "/afbeeldingen",
                   "omit_empty_optional_fields": True,
                   "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}})
    result["collections"] = [{
        "name": COLLECTION,
        "label": "Praktijken",
        "label_singular": "praktijk",
        "description": "Elke praktijk is een record in practices/. De bestandsnaam, uit de titel gemaakt, "
                       "is het id en het adres van de pagina: wijzig die later niet.",
        "folder": backend.folder,
        "extension": "yaml",
        "format": FORMAT,
        "create": True,
        "delete": False,  # removing a practice is a decision for a pull request by hand
        "identifier_field": "title",
        "slug": "{{slug}}",  # the title in lower case, with hyphens: the id and the page address
        "slug_length": 60,
        "summary": "{{title}}",
        "sortable_fields": ["title"],
        "preview_path": "praktijken/{{slug}}/",
        "fields": [fields.widget(k, v, k in required) for k, v in schema.get("properties", {}).items()],
    }]
    return result
