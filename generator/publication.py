"""Which records a build publishes (issue "A jury can really use it": confidential nominations).

The repository is public, so a confidential nomination never enters it: it is read from a folder
outside it, only by a jury preview (`praktijkbank build --jury EDITION --jury-practices DIR`).
A record may also carry `public_from`, a date before which it is left out of the public site.
A public build leaves every record that is not public yet out of everything it makes, and drops
the links other records make to it (`related`, `part_of`), so no id or title leaks through them.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from .loader import Document
from .problems import Problem

CONFIDENTIAL = "confidential"
PUBLIC_FROM = "public_from"
# `praktijkbank serve --jury`: MkDocs' serve loads mkdocs.yml itself, so the CLI hands the plugin
# the edition and the folder through the environment
JURY_EDITION_ENV, JURY_PRACTICES_ENV = "PRAKTIJKBANK_JURY_EDITION", "PRAKTIJKBANK_JURY_PRACTICES"


def is_public(doc: Document, today: dt.date) -> bool:
    if doc.data.get(CONFIDENTIAL) is True:
        return False
    start = doc.data.get(PUBLIC_FROM)
    return not (isinstance(start, str) and start > today.isoformat())


def confidential_in_repository(docs: list[Document], practices_dir: Path) -> list[Problem]:
    """A confidential flag on a record inside the public practices folder is refused."""
    folder = practices_dir.resolve()
    return [doc.problem((CONFIDENTIAL,), "een vertrouwelijk record hoort niet in de openbare repository: zet het in een map "
                        "buiten de repository en bouw het jurovoorbeeld met `praktijkbank build --jury <editie> "
                        "--jury-practices <map>`; of haal `confidential` weg als het record openbaar mag zijn")
            for doc in docs if doc.data.get(CONFIDENTIAL) is True and folder in doc.path.resolve().parents]


def published(docs: list[Document], today: dt.date) -> list[Document]:
    """The documents a public build shows: the public ones, with their links to the others removed."""
    hidden = {doc.id for doc in docs if not is_public(doc, today)}
    if not hidden:
        return docs
    out = []
    for doc in docs:
        if doc.id in hidden:
            continue
        data = doc.data
        if any(r in hidden for r in data.get("related", [])) or data.get("part_of") in hidden:
            data = copy.copy(data)
            data["related"] = [r for r in data.get("related", []) if r not in hidden]
            if not data["related"]:
                del data["related"]
            if data.get("part_of") in hidden:
                del data["part_of"]
            doc = copy.copy(doc)
            doc.data = data
        out.append(doc)
    return out


def marked_confidential(html: str, edition: str) -> str:
    """A page of the jury preview: never indexed by a search engine, and saying on screen and on
    paper that it is confidential."""
    from markupsafe import escape

    meta = '<meta name="robots" content="noindex, nofollow">'
    banner = (f'<div class="pb-confidential" role="note">Vertrouwelijk: jurovoorbeeld voor {escape(edition)}, met '
              "nominaties die nog niet openbaar zijn. Niet doorsturen en niet publiceren.</div>")
    html = html.replace("</head>", meta + "</head>", 1)
    body = html.find("<body")
    end = html.find(">", body) + 1 if body >= 0 else -1
    return html[:end] + banner + html[end:] if end > 0 else banner + html
