"""What the tests that run a script of ``scripts/`` under an X server of its own share:
loading the script as a module (it is not a package) and finding a display no other test
holds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def load_script(name: str) -> ModuleType:
    """``scripts/NAME.py`` as the module ``NAME``."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def free_display(displays: range) -> int:
    """The first of ``displays`` no X server holds (each test file has its own range, so
    that pytest-xdist's workers never share one); the test is skipped when all are held."""
    for display in displays:
        if not Path(f"/tmp/.X11-unix/X{display}").exists():
            return display
    pytest.skip(f"no free X display between :{displays.start} and :{displays.stop - 1}")
