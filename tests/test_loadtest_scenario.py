"""The load test's scenario posts what the portal's forms ask for: a check-in that the portal refuses is the
scenario's error, not the portal's (the first quiet run of issue 22 counted 200 such errors after issue 23 replaced
the volunteer number by the mobile number at check-in)."""

from __future__ import annotations

import ast
from pathlib import Path

from volunteers.forms import CheckInForm

LOCUSTFILE = Path(__file__).resolve().parent.parent / "benchmarks" / "locustfile.py"


def posted_fields(class_name: str) -> set[str]:
    tree = ast.parse(LOCUSTFILE.read_text())
    cls = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == class_name)
    for call in ast.walk(cls):
        if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "post":
            payload = next(arg for arg in call.args if isinstance(arg, ast.Dict))
            return {key.value for key in payload.keys if isinstance(key, ast.Constant)}
    raise AssertionError(f"{class_name} posts nothing")


def test_the_burst_posts_the_check_in_forms_fields():
    fields = posted_fields("Volunteer") - {"csrfmiddlewaretoken", "action"}
    assert fields == set(CheckInForm.base_fields)
