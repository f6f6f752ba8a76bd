"""A real client against the API: schemathesis generates requests for every operation of ``/api/schema/``
as a bureau user and fails on any server error or any answer the schema does not describe."""

from __future__ import annotations


import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)


from django.core.signals import request_finished, request_started
from django.db import close_old_connections


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def bureau_headers() -> dict[str, str]:
    from wulian.models import User
    from wulian.security import tokens

    _, key = tokens.issue(User.objects.get(username="bureau"), "schemathesis", "write", days=1)
    return {"Authorization": f"Token {key}"}


@pytest.fixture
def api_schema(db, settings):
    from wulian.wsgi import application

    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    # As Django's test client does: the test's connection (and its transaction) must survive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, headers=bureau_headers())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_api_never_fails_and_answers_as_documented(api_schema):
    """Every operation, a bounded number of generated examples each (schemathesis's pytest plugin does not
    run under pytest 9, so the operations are driven here with Hypothesis directly)."""
    from hypothesis import given

    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 60  # 14 endpoints × list/create/retrieve/update/partial_update/destroy (some read-only)
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
        def check(case):
            case.call_and_validate(headers=bureau_headers(), checks=CHECKS)

        check()
