"""learn.content is pure Python: no Flask, no SQLAlchemy, nothing else of the app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "learn" / "content"
FORBIDDEN = ("flask", "flask_", "sqlalchemy", "werkzeug", "jinja2", "alembic")


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_imports_nothing_from_the_web_app(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
            if name.startswith("learn"):
                assert name.startswith("learn.content"), f"{path.name} imports {name}"
