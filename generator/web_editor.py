"""The web editor at /admin/: Decap CMS's files, served from the site itself, with a form
generated from the record schema (cms_config.py).

Decap's own files come from npm (node_modules/decap-cms, locked in package-lock.json), the
YAML library the record format uses from node_modules/yaml. Without them (a machine without
`npm ci`) /admin/ says so in Dutch, and the rest of the site is built as always.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import yaml

from .cms_config import Backend, cms_config
from .config import SiteConfig

ADMIN = "admin"
NOT_INSTALLED = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<title>Webeditor - Praktijkbank</title></head>
<body><h1>De webeditor staat hier niet</h1>
<p>{reason}</p>
<p>Een praktijk toevoegen kan altijd via git: zie de pagina <a href="../bijdragen/">Bijdragen</a>.</p>
</body></html>
"""


def _decap_files(node_modules: Path) -> dict[str, bytes] | None:
    dist, parser = node_modules / "decap-cms" / "dist", node_modules / "yaml" / "browser" / "dist"
    if not (dist / "decap-cms.js").is_file() or not (parser / "index.js").is_file():
        return None
    files: dict[str, bytes] = {}
    # the bundle, the chunks it loads by name and its WebAssembly; not the 25 MB source maps
    for path in sorted(dist.iterdir()):
        if path.name.endswith("decap-cms.js") or path.suffix == ".wasm":
            files[f"{ADMIN}/{path.name}"] = path.read_bytes()
    for path in sorted(parser.rglob("*.js")):
        files[f"{ADMIN}/yaml/{path.relative_to(parser).as_posix()}"] = path.read_bytes()
    return files


def _material_stylesheets() -> list[str]:
    import material

    sheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return [f"../assets/stylesheets/{p.name}" for p in sorted(sheets.glob("main.*.min.css"))]


def admin_files(config: SiteConfig, backend: Backend, own: Path, node_modules: Path,
                site_url: str | None = None) -> dict[str, str | bytes]:
    """Every file of /admin/. `own` is site_config/admin (the page and the record format)."""
    decap = _decap_files(node_modules)
    if decap is None:
        reason = "De bestanden van de webeditor zijn niet geïnstalleerd: voer <code>npm ci</code> uit en bouw de site opnieuw."
        return {f"{ADMIN}/index.html": NOT_INSTALLED.format(reason=reason)}
    if not backend.usable:
        reason = ("Deze site weet niet in welke repository de praktijken staan (PRAKTIJKBANK_REPO_URL is niet gezet). "
                  "Op de gepubliceerde site zet de publicatie-workflow dat; op uw eigen computer start u de webeditor "
                  "met <code>make edit</code>.")
        return {f"{ADMIN}/index.html": NOT_INSTALLED.format(reason=reason)}
    styles = ('  <script type="application/json" id="pb-preview-styles">'
              + html.escape(json.dumps([*_material_stylesheets(), "../assets/praktijkbank.css"]), quote=False) + "</script>")
    page = (own / "index.html").read_text(encoding="utf-8").replace(
        "  <!-- PREVIEW_STYLES: the site's stylesheets, for the preview pane -->", styles)
    form = cms_config(config, backend, site_url=site_url)
    return {
        **decap,
        f"{ADMIN}/index.html": page,
        **{f"{ADMIN}/{name}": (own / name).read_bytes() for name in ("praktijkbank-cms.js", "praktijkbank-format.js", "praktijkbank-cms.css")},
        f"{ADMIN}/config.yml": "# Gegenereerd door praktijkbank uit practice.schema.json en vocabularies.yaml\n"
        + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=120),
    }
