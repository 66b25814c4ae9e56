"""The design notes and the README point at things that exist."""

from __future__ import annotations

import re
from pathlib import Path

from reader.ui.app import ReaderApp

ROOT = Path(__file__).resolve().parent.parent
DESIGN = ROOT / "docs" / "DESIGN.md"


def test_every_design_reference_names_a_section_that_exists() -> None:
    sections = set(re.findall(r"^## (\d+)\. ", DESIGN.read_text(encoding="utf-8"), re.M))
    cited = []
    for path in [ROOT / "README.md", *ROOT.glob("reader/**/*.py"), *ROOT.glob("tests/*.py")]:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"(\S*)DESIGN\.md[^§\n]{0,40}§(\d+)", text):
            assert match[1].endswith("docs/") or "docs/DESIGN.md" in match[0], (path, match[0])
            cited.append((path.name, match[2]))
    assert len(cited) >= 7
    assert {section for _, section in cited} <= sections, cited


def test_the_readme_names_the_chapter_keys_the_app_binds() -> None:
    keys = {binding.key for binding in ReaderApp.BINDINGS if binding.action.startswith("chapter(")}
    assert keys == {str(n) for n in range(1, 10)}
    assert "| `1`–`9` | jump to chapter N |" in (ROOT / "README.md").read_text(encoding="utf-8")
