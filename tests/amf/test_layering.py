"""The apps are layered events → delegates → reports; no import runs the other way."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

FORBIDDEN = {
    "events": {"delegates", "reports"},
    "delegates": {"reports"},
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name.split(".")[0] for name in names}


def string_references(path: Path) -> set[str]:
    """App labels named in lazy references such as ForeignKey("reports.Bulletin")."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.count(".") == 1
    }


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_a_lower_app_never_imports_a_higher_one(app):
    files = sorted((Path(settings.BASE_DIR) / app).rglob("*.py"))
    offenders = {
        str(path.relative_to(settings.BASE_DIR)): sorted(imported_apps(path) & FORBIDDEN[app])
        for path in files
    }

    assert files
    assert {path: apps for path, apps in offenders.items() if apps} == {}


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_a_lower_app_has_no_lazy_model_reference_to_a_higher_one(app):
    models_dir = Path(settings.BASE_DIR) / app / "models"
    offenders = {
        path.name: sorted(string_references(path) & FORBIDDEN[app])
        for path in models_dir.rglob("*.py")
    }

    assert {name: apps for name, apps in offenders.items() if apps} == {}
