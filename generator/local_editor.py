"""`praktijkbank serve --edit`: the web editor on the redactie's own machine.

Decap's local backend, decap-server in its file-system mode, writes what the form saves
straight into practices/ (no pull request: that belongs to the GitHub backend), and `serve`
rebuilds the site from it as from any other save. It listens on the loopback interface only,
and only pages from localhost may use it (its own CORS rule).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path


class EditorUnavailable(RuntimeError):
    pass


def proxy_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/api/v1"


def start_decap_server(root: Path, port: int, node_modules: Path | None = None) -> subprocess.Popen:
    """decap-server on 127.0.0.1:port over the folder `root`; raises EditorUnavailable in Dutch."""
    node = shutil.which("node")
    server = (node_modules or root / "node_modules") / "decap-server" / "dist" / "index.js"
    if node is None or not server.is_file():
        raise EditorUnavailable("de lokale webeditor heeft Node.js en decap-server nodig: voer `npm ci` uit "
                                "(of `make edit`, dat het zelf doet)")
    env = {**os.environ, "MODE": "fs", "GIT_REPO_DIRECTORY": str(root), "PORT": str(port),
           "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn"}
    process = subprocess.Popen([node, str(server)], cwd=root, env=env)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EditorUnavailable(f"decap-server stopte meteen (code {process.returncode}); "
                                    f"is poort {port} al in gebruik? Kies een andere met --edit-port")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise EditorUnavailable(f"decap-server antwoordde niet binnen 20 s op poort {port}")
