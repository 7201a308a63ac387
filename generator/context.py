"""What one process keeps between builds, owned by one object instead of by modules.

`praktijkbank serve` rebuilds the site on every save: records whose file did not change are
not parsed again, practice pages whose inputs did not change are not rendered again, and the
compiled Jinja templates are kept. All of that lives in a BuildContext, which the MkDocs plugin
holds for the life of the server and each CLI command creates for its own run. Two contexts
never share state, so two builds in one process (tests, a second site) cannot see each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class BuildContext:
    # str(path) -> (stamp of the file and the schema, Document or None, problems)
    records: dict[str, tuple] = field(default_factory=dict)
    # practice id -> (key of its inputs, the data objects the key points at, page text)
    pages: dict[str, tuple] = field(default_factory=dict)
    # templates folder -> its Jinja environment (compiled templates are kept; render.py makes them)
    environments: dict[Path, Any] = field(default_factory=dict)
    # edition id -> (hash of the report's HTML, its PDF): WeasyPrint runs only when the report changes
    reports: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    # False for a one-off build: no page text is kept for a next build that never comes (at 10,000
    # practices, some 200 MiB)
    between_builds: bool = True
    # docs-tree path -> (content object last written there, the file's stamp after): write.py
    written: dict[str, tuple] = field(default_factory=dict)
    # serve: what the last full generate read and made: (the inputs besides the records'
    # contents, the records' data objects, the collection), see build.generate
    listed: tuple | None = None
    # the content rules' findings per unchanged record (content_rules.KeptContentChecks)
    content_checks: Any = None
