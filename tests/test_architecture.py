"""The house rules that tooling can check: core never imports Qt, directly or indirectly."""

import pkgutil
import subprocess
import sys

import timeline_app.core


def core_modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(timeline_app.core.__path__, "timeline_app.core.")]


def test_core_never_imports_qt() -> None:
    modules = core_modules()
    assert "timeline_app.core.store" in modules
    # A fresh interpreter, so nothing imported by other tests can hide an import.
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6'})\n"
        "print(qt)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_qt_free_modules_outside_core_stay_qt_free() -> None:
    script = (
        "import sys, timeline_app.cli, timeline_app.app, timeline_app.paths\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def _imports(package_root) -> dict[str, set[str]]:
    """Each module's file (from the project root) and the modules it imports, at any depth."""
    import ast
    from pathlib import Path

    found: dict[str, set[str]] = {}
    for path in Path(package_root).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = found.setdefault(path.relative_to(Path(package_root).parent).as_posix(), set())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def _importers(package_root, top_level: str) -> set[str]:
    return {
        path
        for path, names in _imports(package_root).items()
        if any(n.split(".")[0] == top_level for n in names)
    }


def test_the_layers_call_only_downwards() -> None:
    """ui and cli call the application layer; it calls the store, dates and the exporters."""
    import timeline_app

    imports = _imports(timeline_app.__path__[0])
    upward = {
        path: sorted(n for n in names if n.startswith(("timeline_app.ui", "timeline_app.cli")))
        for path, names in imports.items()
        if path.startswith("timeline_app/core/")
    }
    assert {path: names for path, names in upward.items() if names} == {}
    below_services = {
        path: sorted(n for n in names if n.startswith("timeline_app.core.services"))
        for path, names in imports.items()
        if path.startswith("timeline_app/core/") and "/services/" not in path
    }
    assert {path: names for path, names in below_services.items() if names} == {}
    writers = (
        "timeline_app.core.exporting.docx",
        "timeline_app.core.exporting.csv",
        "timeline_app.core.exporting.xlsx",
    )
    callers = {
        path
        for path, names in imports.items()
        if path.startswith(("timeline_app/ui/", "timeline_app/cli.py"))
        and any(n.startswith(writers) for n in names)
    }
    assert callers == set()


def test_one_owner_per_library() -> None:
    import timeline_app

    root = timeline_app.__path__[0]
    assert _importers(root, "dateparser") == {"timeline_app/core/dates/fallback.py"}
    # Word documents are written by the exports (the chronology, a comparison of two) and
    # opened for the import in one place (as text, or a chronology kept as a table).
    assert _importers(root, "docx") == {
        "timeline_app/core/exporting/docx.py",
        "timeline_app/core/exporting/comparison.py",
        "timeline_app/core/importing/text.py",
    }
    # Workbooks are read by the import (its sheet reader) and written by the Excel export.
    assert _importers(root, "openpyxl") == {
        "timeline_app/core/importing/xlsx_sheet.py",
        "timeline_app/core/exporting/xlsx.py",
    }
    # SQL is spoken by the store's package and the schema steps, nowhere else.
    assert {
        path
        for path in _importers(root, "sqlite3") | _importers(root, "sqlite_utils")
        if not path.startswith("timeline_app/core/store/")
    } <= {"timeline_app/core/migrations.py"}


def test_the_window_starts_without_the_slow_imports() -> None:
    script = (
        "import os, sys\n"
        "os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
        "import timeline_app.ui.application\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'docx', 'dateparser',"
        " 'sqlite_utils', 'psycopg'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
