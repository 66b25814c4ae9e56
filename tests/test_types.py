"""The package's types are checked: ``mypy --strict`` over ``reader/`` (the configuration is in
pyproject.toml's ``[tool.mypy]``), and every ``type: ignore`` says why.

mypy runs as the command line does, from the repository root, with its cache in a fresh
temporary folder: a few seconds of one core, and no state left between runs.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# A type: ignore and what follows it on its line.
_IGNORE = re.compile(r"#\s*type:\s*ignore(\[[^\]]*\])?(.*)$")


def test_mypy_strict_is_clean(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is in the test extra: pip install -e '.[test]'")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"),
         "--no-error-summary", "--hide-error-context"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _unexplained_ignores(text: str) -> list[int]:
    """The lines of ``text`` whose ``type: ignore`` names no error code, or gives no reason
    (after it on its line, or in a comment on the line above it or above the run of
    ignored lines it ends)."""
    found = []
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        match = _IGNORE.search(line)
        if match is None:
            continue
        code, after = match.groups()
        above = number - 2
        while above >= 0 and _IGNORE.search(lines[above]) and \
                not lines[above].lstrip().startswith("#"):
            above -= 1  # a run of ignores under one comment
        explained_above = above >= 0 and lines[above].lstrip().startswith("#")
        if not code or not (after.strip().startswith("#") or explained_above):
            found.append(number)
    return found


def test_every_type_ignore_names_its_code_and_reason() -> None:
    # The app (reader/ui) is left out while mypy's errors there are ignored (pyproject.toml).
    package = ROOT / "reader"
    files = [path for path in sorted(package.rglob("*.py"))
             if path.relative_to(package).parts[0] != "ui"]
    assert len(files) > 50
    unexplained = [f"{path.relative_to(ROOT)}:{number}"
                   for path in files
                   for number in _unexplained_ignores(path.read_text(encoding="utf-8"))]
    assert not unexplained, "type: ignore without its code or reason: " + ", ".join(unexplained)


def test_an_unexplained_ignore_is_found() -> None:
    """The check above can fail."""
    sample = ("a = f()  # type: ignore[no-untyped-call]\n"
              "b = g()  # type: ignore\n"
              "c = h()  # type: ignore[attr-defined]  # h is made at run time\n"
              "# the stub lacks it\n"
              "d = k()  # type: ignore[attr-defined]\n"
              "e = k()  # type: ignore[attr-defined]\n"
              "\n"
              "f = k()  # type: ignore[attr-defined]\n")
    assert _unexplained_ignores(sample) == [1, 2, 8]
