"""generator/forked.py: what a forked function returns or raises comes back; a process that
dies says so in Dutch instead of hanging the build."""

from __future__ import annotations

import os
import threading

import pytest

from generator.config import ConfigError
from generator.forked import Forked


def test_the_result_and_the_same_exception_come_back():
    assert Forked(lambda: {"praktijken": 3}, "het rekenen").result() == {"praktijken": 3}

    def broken():
        raise ConfigError([])

    with pytest.raises(ConfigError):  # the plugin turns this one into its own message
        Forked(broken, "het rekenen").result()


def test_a_result_that_cannot_be_pickled_comes_back_as_its_text():
    with pytest.raises(RuntimeError, match="^het rekenen: TypeError"):
        Forked(lambda: threading.Lock(), "het rekenen").result()


def test_a_process_that_dies_says_so():
    with pytest.raises(RuntimeError, match=r"^het rekenen stopte onverwacht \(code 3\)$"):
        Forked(lambda: os._exit(3), "het rekenen").result()
