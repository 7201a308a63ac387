"""A function run in a forked process, its result (or its exception) brought back by a pipe.

A fork shares the loaded code and data at no cost and gives all its memory back when it ends:
a build generates its docs tree in one (build.generate_apart) and converts half of its Markdown
in another (parallel_render.py).
"""

from __future__ import annotations

import multiprocessing
from typing import Callable


class Forked:
    """fn() started at once in a forked process; result() waits for what it returned."""

    def __init__(self, fn: Callable[[], object], what: str):
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        self.what = what  # in the message when the process dies: "het genereren van de pagina's"

        def run():
            try:
                answer = ("ok", fn())
            except BaseException as err:  # raised again in the caller's process
                answer = ("error", err)
            try:
                send.send(answer)
            except Exception as err:  # what cannot be pickled comes back as its text
                send.send(("error", RuntimeError(f"{what}: {type(err).__name__}: {err}")))
            send.close()

        self._process = context.Process(target=run, name=f"praktijkbank-{fn.__name__}")
        self._process.start()
        send.close()
        self._receive = receive

    def result(self) -> object:
        try:
            status, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"{self.what} stopte onverwacht (code {self._process.exitcode})") from None
        self._process.join()
        if status == "error":
            raise value
        return value

    def abandon(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
