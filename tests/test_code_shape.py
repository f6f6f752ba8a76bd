"""The shape of the programme code: the view functions of ``projects`` stay short (a page is a declaration on the
generic views plus a few small methods; logic lives in forms, guards and models)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 15
# Modules of projects/ whose every function is a view or builds a page.
VIEW_MODULES = (*sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "projects/views").glob("*.py")),
                "projects/pages.py", "projects/public.py")
# None left: the evaluation report's request was shortened once issue 17's rewrite of it had landed.
PENDING: set[str] = set()


def long_functions(path: Path, limit: int = MAX_LINES) -> list[str]:
    """Functions and methods of ``path`` longer than ``limit`` lines (decorators and docstring included)."""
    tree = ast.parse(path.read_text())
    return [
        f"{path.relative_to(ROOT).as_posix()}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > limit
    ]


def routed_functions(patterns=None):
    """Every function view the URLconf routes to (class-based views are measured through their modules)."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from routed_functions(entry.url_patterns)
        elif isinstance(entry, URLPattern) and not hasattr(entry.callback, "view_class"):
            yield inspect.unwrap(entry.callback)


def test_no_view_function_of_projects_is_longer_than_15_lines():
    too_long = [line for module in VIEW_MODULES for line in long_functions(ROOT / module)]
    for function in routed_functions():
        if function.__module__.startswith("projects.") and f"{function.__module__}.{function.__name__}" not in PENDING:
            lines = len(inspect.getsource(function).splitlines())
            if lines > MAX_LINES:
                too_long.append(f"{function.__module__}.{function.__name__} ({lines} lines)")
    assert too_long == []


def test_the_measure_finds_a_long_function(tmp_path, monkeypatch):
    monkeypatch.setattr("tests.test_code_shape.ROOT", tmp_path)
    (tmp_path / "v.py").write_text("def view(request):\n" + "    x = 1\n" * 15 + "    return x\n")
    assert long_functions(tmp_path / "v.py") == ["v.py:1 view (17 lines)"]


def test_every_test_that_drives_chromium_carries_the_browser_marker():
    """``-m "not browser"`` must leave out every Chromium test (the ones that log in through ``tests.browser``)."""
    unmarked = [
        path.name
        for path in sorted((ROOT / "tests").glob("test_*.py"))
        if "from tests.browser import" in path.read_text() and "pytest.mark.browser" not in path.read_text()
    ]
    assert unmarked == []
