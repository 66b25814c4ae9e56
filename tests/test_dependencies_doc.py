"""docs/dependencies.md weighs every runtime dependency pyproject.toml names, with the
versions it allows: a dependency added, dropped or re-bounded without the page fails here."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A row of the first table: "| name version (`specifier`) | ..." or "(pinned)".
_ROW = re.compile(r"^\| ([A-Za-z0-9_.-]+)(?: [^ |(]+)? \((?:`([^`]+)`|(pinned))\) \|",
                  re.MULTILINE)
_REQUIREMENT = re.compile(r"^([A-Za-z0-9_.-]+)\s*(.*)$")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_runtime_dependency_has_its_row() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {}
    for requirement in project["dependencies"]:
        match = _REQUIREMENT.match(requirement)
        assert match is not None, requirement
        declared[_canonical(match[1])] = match[2].replace(" ", "")
    page = (ROOT / "docs" / "dependencies.md").read_text(encoding="utf-8")
    rows = {_canonical(name): specifier or pinned for name, specifier, pinned in _ROW.findall(page)}
    assert rows.keys() == declared.keys()
    for name, specifier in declared.items():
        expected = "pinned" if specifier.startswith("==") else specifier
        assert rows[name] == expected, name
