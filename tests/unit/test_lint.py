"""The code is ruff- and bandit-clean: a finding fails the suite, not only `make lint`."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess:
    exe = shutil.which(tool, path=str(BIN)) or shutil.which(tool)
    if exe is None:
        pytest.fail(f"{tool} is not installed: pip install -e '.[test]'")
    return subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_ruff_finds_nothing_in_code_tests_and_benches():
    result = _run("ruff", "check", "--no-cache", "quiz", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_ruff_formatted():
    result = _run("ruff", "format", "--check", "--no-cache", "quiz", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_bandit_finds_nothing_with_only_the_justified_skips():
    # the skips, each with its reason, are in pyproject.toml [tool.bandit]
    result = _run("bandit", "-q", "-r", "quiz", "-c", "pyproject.toml", "-f", "txt")
    assert result.returncode == 0, result.stdout + result.stderr
