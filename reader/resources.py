"""Where the bundled article and styles live, for a source checkout and an installed wheel.

The wheel carries ``content/`` and ``styles/`` under ``reader/_bundled/`` (see
``pyproject.toml``); a source checkout or editable install finds them at the repository root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
BUNDLED_ARTICLE_NAME = "article.ar.txt"


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"reader's bundled {name}/ folder is missing from the installation")


def content_dir() -> Path:
    return _find("content")


def styles_dir() -> Path:
    return _find("styles")


def bundled_article() -> Path:
    return content_dir() / BUNDLED_ARTICLE_NAME
