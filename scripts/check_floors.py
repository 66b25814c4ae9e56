"""Install the lowest versions pyproject.toml allows and run a fast part of the suite on them.

    python3 scripts/check_floors.py [--keep] [pytest arguments...]

Every ``name>=X`` dependency is installed as ``name==X`` (and ``name==X.*`` would be too
loose: the floor itself is what a user may have), every ``name==X`` as it is, into a fresh
virtual environment under the system's temporary folder; the test tools are the current
ones. Then the tests that need no terminal (no tmux, no pty) and no long fuzzing run against
it. Exit status: pytest's. ``--keep`` leaves the environment for a second look.

Why: a floor that is too low passes every test here (where the newest versions are
installed) and fails for a user who has an older one, as ``rich>=14`` did
(``rich.cells.split_graphemes`` is new in 14.3).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Quick, and between them they import every module and drive the app, every command and
# the layout, search and annotation code.
TESTS = [
    "tests/test_levels.py",
    "tests/test_layout_golden.py",
    "tests/test_documents.py",
    "tests/test_files.py",
    "tests/test_search.py",
    "tests/test_search_command.py",
    "tests/test_check_command.py",
    "tests/test_annotations.py",
    "tests/test_annotation_editor.py",
    "tests/test_annotation_session.py",
    "tests/test_app_keys.py",
    "tests/test_app_search.py",
    "tests/test_app_navigation.py",
    "tests/test_snapshots.py",
    "tests/test_formats.py",
    "tests/test_web_pages.py",
    "tests/test_i18n.py",
]
_REQUIREMENT = re.compile(r"^([A-Za-z0-9_.-]+)\s*(>=|==)\s*([^,;\s]+)")


def floors() -> list[str]:
    """``name==lowest`` for every dependency in pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = []
    for requirement in project["dependencies"]:
        match = _REQUIREMENT.match(requirement)
        if match is None:
            raise SystemExit(f"check_floors: no lowest version in {requirement!r}")
        pins.append(f"{match[1]}=={match[3]}")
    return pins


def main(argv: list[str]) -> int:
    keep = "--keep" in argv
    pytest_args = [arg for arg in argv if arg != "--keep"]
    pins = floors()
    folder = Path(tempfile.mkdtemp(prefix="reader-floors-"))
    try:
        venv = folder / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = str(venv / "bin" / "python")
        constraints = folder / "floors.txt"
        constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
        print("floors:", " ".join(pins), flush=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "-c", str(constraints),
                        "-e", f"{ROOT}[test]"], check=True)
        installed = subprocess.run([python, "-m", "pip", "freeze"], check=True,
                                   capture_output=True, text=True).stdout
        wanted = {pin.split("==")[0].lower().replace("_", "-") for pin in pins}
        for line in installed.splitlines():
            if line.split("==")[0].lower().replace("_", "-") in wanted:
                print("installed:", line)
        command = [python, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                   *(pytest_args or TESTS)]
        return subprocess.run(command, cwd=ROOT).returncode
    finally:
        if keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
