"""The domain imports nothing but the standard library and itself."""
import ast
import sys
from pathlib import Path

import tracker.domain

DOMAIN_DIR = Path(tracker.domain.__file__).parent
BANNED = {"flask", "sqlalchemy", "wtforms", "plotly", "flask_sqlalchemy", "flask_babel"}


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", node.level))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            found.append(("<dynamic __import__>", 0))
    return found


def test_domain_imports_only_stdlib_and_itself():
    offenders = []
    checked = sorted(DOMAIN_DIR.rglob("*.py"))
    assert DOMAIN_DIR / "engine.py" in checked  # the walk really sees the domain's modules
    for path in checked:
        for module, level in _imports(path):
            if level > 0:  # relative import inside tracker.domain
                continue
            top = module.split(".")[0]
            allowed = (module == "tracker.domain" or module.startswith("tracker.domain.")
                       or top in sys.stdlib_module_names)
            if top in BANNED or not allowed:
                offenders.append(f"{path.name}: {module}")
    assert offenders == []


def test_checker_catches_a_bad_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import flask\nfrom sqlalchemy import select\nfrom tracker.models import x\n")
    modules = [m for m, _ in _imports(bad)]
    assert modules == ["flask", "sqlalchemy", "tracker.models"]
    assert all(m.split(".")[0] not in sys.stdlib_module_names for m in modules[:2])
