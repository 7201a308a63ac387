"""`praktijkbank validate` keeps parsed records between runs (generator/record_cache.py): the
second run reads unchanged records back, and says exactly what the first said."""

from __future__ import annotations

import os
import time

import pytest

from generator.record_cache import CACHE_ENV, RECORD_CACHE_NAME, RecordCache, cache_folder
from helpers import VALID_RECORD, run_cli, write

BROKEN = VALID_RECORD.replace("kind: voorbeeld", "kind: voorbeeldje")


def aged(path, seconds: float = 60) -> None:
    """As if written a minute ago: a file changed in the last seconds is never kept (racy)."""
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.fixture
def cached(project, tmp_path):
    cache = tmp_path / "cache"
    for rid, text in {"goed": VALID_RECORD, "fout": BROKEN}.items():
        aged(write(project / "practices", f"{rid}.yaml", text))
    return project, {CACHE_ENV: str(cache)}, cache


def validate(project, env):
    result = run_cli("validate", cwd=project, env=env)
    return result.returncode, result.stdout, result.stderr


def test_the_second_run_reads_the_records_back_and_says_the_same(cached):
    project, env, cache = cached
    first = validate(project, env)
    assert first[0] == 1 and "voorbeeldje" in first[1]
    assert [p.name for p in cache.iterdir()] and all(p.name.startswith(RECORD_CACHE_NAME) for p in cache.iterdir())
    assert validate(project, env) == first


def test_a_changed_record_is_read_again(cached):
    project, env, _ = cached
    validate(project, env)
    (project / "practices" / "fout.yaml").write_text(VALID_RECORD.replace("Voorbeeld BV", "Voorbeeld NV"), encoding="utf-8")
    rc, out, err = validate(project, env)
    assert rc == 0 and "2 record(s) geldig" in err


def test_a_record_changed_twice_within_a_moment_is_never_taken_from_the_cache(cached):
    project, env, _ = cached
    path = project / "practices" / "goed.yaml"
    path.write_text(VALID_RECORD, encoding="utf-8")  # just written: racy, so not kept
    validate(project, env)
    stat = os.stat(path)
    same_size = VALID_RECORD.replace("kind: voorbeeld", "kind: voorbeelx")  # one letter: same size, now wrong
    assert len(same_size) == len(VALID_RECORD)
    path.write_text(same_size, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the worst case: the clock did not move
    assert os.stat(path).st_size == stat.st_size and os.stat(path).st_ino == stat.st_ino
    rc, out, _ = validate(project, env)
    assert rc == 1 and "goed.yaml" in out and "voorbeelx" in out


def test_a_damaged_cache_is_no_cache(cached):
    project, env, cache = cached
    first = validate(project, env)
    for stored in cache.iterdir():
        stored.write_bytes(b"geen pickle")
    assert validate(project, env) == first


def test_off_keeps_nothing(cached):
    project, env, cache = cached
    assert validate(project, {CACHE_ENV: "off"})[0] == 1
    assert not cache.exists()


def test_the_default_cache_is_outside_the_repository(monkeypatch, tmp_path):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "praktijkbank"


def test_other_code_or_another_schema_uses_another_cache(monkeypatch, tmp_path):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    one = RecordCache(tmp_path, "schema-a").file
    assert RecordCache(tmp_path, "schema-b").file != one
    import generator.record_cache as rc

    monkeypatch.setattr(rc, "code_version", lambda: "andere-code")
    assert RecordCache(tmp_path, "schema-a").file != one
