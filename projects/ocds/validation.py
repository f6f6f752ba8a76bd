"""Validation of a release package against the vendored OCDS 1.1 schema (``schema/``, release 1__1__5).

The schema is JSON Schema draft 4. The package schema names the release schema by its canonical URL; a
``referencing`` registry resolves that URL to the vendored file, so validation never reaches the internet
(county intranets have none). jsonschema checks the ``date-time`` and ``uri`` formats only with optional
packages that are not installed here, so the two checks the standard relies on are registered below.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
VERSION = "1.1"


def _load(name: str) -> dict:
    with open(SCHEMA_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


format_checker = FormatChecker(formats=())


@format_checker.checks("date-time", raises=ValueError)
def is_date_time(value) -> bool:
    """RFC 3339 date-time with an explicit offset (OCDS dates carry their time zone)."""
    if not isinstance(value, str):
        return True
    if "T" not in value:
        raise ValueError("not a date-time")
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError("date-time without a time zone")
    return True


@format_checker.checks("uri", raises=ValueError)
def is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    if not parts.scheme or not (parts.netloc or parts.path) or any(c.isspace() for c in value):
        raise ValueError("not an absolute URI")
    return True


@format_checker.checks("email")
def is_email(value) -> bool:
    return not isinstance(value, str) or ("@" in value and " " not in value)


@cache
def validator() -> Draft4Validator:
    package = _load("release-package-schema.json")
    release = _load("release-schema.json")
    registry = Registry().with_resource(release["id"], Resource.from_contents(release, default_specification=DRAFT4))
    Draft4Validator.check_schema(package)
    return Draft4Validator(package, registry=registry, format_checker=format_checker)


def errors(package: dict) -> list[str]:
    """Every schema error of ``package`` as "path: message" (empty when the package is valid)."""
    found = sorted(validator().iter_errors(package), key=lambda e: list(map(str, e.absolute_path)))
    return ["/".join(map(str, e.absolute_path)) + ": " + e.message for e in found]


def is_valid(package: dict) -> bool:
    return not errors(package)
