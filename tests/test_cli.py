"""The CLI's exit codes and output formats, run as an editor or CI would run it."""

import pytest

from helpers import VALID_RECORD, run_cli, write

pytestmark = pytest.mark.subprocess


def test_validate_valid_folder_exits_0(project):
    write(project / "practices", "goed.yaml", VALID_RECORD)
    result = run_cli("validate", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 record(s) geldig" in result.stderr


def test_validate_invalid_exits_1_and_prints_file_line_column(project):
    write(project / "practices", "fout.yaml", VALID_RECORD.replace("kind: voorbeeld", "kind: voorbeeldd"))
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("practices/fout.yaml:2:7: kind: ")
    assert "bedoelde u `voorbeeld`?" in result.stdout


def test_validate_only_reports_the_files_asked_for_but_resolves_related_everywhere(project):
    write(project / "practices", "ander.yaml", VALID_RECORD.replace("kind: voorbeeld", "kind: fout") + "related: [goed]\n")
    write(project / "practices", "goed.yaml", VALID_RECORD + "related: [ander]\n")
    result = run_cli("validate", "practices/goed.yaml", cwd=project)
    assert result.returncode == 0, result.stdout


def test_validate_github_format(project):
    write(project / "practices", "fout.yaml", VALID_RECORD + "onbekend: x\n")
    result = run_cli("validate", "--format", "github", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=practices/fout.yaml,line=10,col=1,title=Praktijkbank::onbekend: onbekend veld")


def test_usage_errors_exit_2(project):
    assert run_cli("validate", "bestaat/niet.yaml", cwd=project).returncode == 2
    assert run_cli("bestaat-niet", cwd=project).returncode == 2
    assert run_cli("validate", "--format", "xml", cwd=project).returncode == 2


def test_build_invalid_exits_1_and_writes_nothing(project):
    write(project / "practices", "fout.yaml", "title: [\n")
    result = run_cli("build", "--out", str(project / "out"), cwd=project)
    assert result.returncode == 1
    assert "fout.yaml:2:1" in result.stderr
    assert not (project / "out").exists()


def test_build_after_build_was_removed_makes_its_docs_folder_again(project):
    # `rm -rf build` to clear the caches: MkDocs refused the missing docs_dir, in English
    import shutil

    write(project / "practices", "goed.yaml", VALID_RECORD)
    shutil.rmtree(project / "build")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (project / "site" / "praktijken" / "goed" / "index.html").is_file()
    assert (project / "build" / "docs" / ".gitignore").read_text() == "*\n!.gitignore\n"  # still out of git
