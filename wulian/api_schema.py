"""The API's OpenAPI schema documents the error answers the API really gives, not only the happy path.

drf-spectacular lists 200/201/204 only; a client (and schemathesis in the suite) must also expect: 400 for a
value that fails validation or a filter/page parameter it cannot parse, 401/403 without the right to act,
404 for a row outside the user's scope or a page past the end, and 409 for a write or deletion that
conflicts with other records.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema

ERROR_BODY = {
    "type": "object",
    "description": "{\"detail\": \"…\"} or, for validation errors, a list of messages per field.",
    "additionalProperties": True,
}


class PortalAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        codes = {
            "400": "Invalid value or parameter",
            "401": "Not logged in",
            "403": "Not allowed",
            "404": "Not found, or outside your area",
        }
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes["409"] = "Conflicts with other records"
        for code, description in codes.items():
            responses.setdefault(code, {"content": {"application/json": {"schema": ERROR_BODY}}, "description": description})
        return responses


# ``format: time`` means an RFC 3339 full-time (with its offset) to validators; the API's times are local wall-clock
# times such as "09:00:00", so the schema says what they are with a pattern instead (issue 17).
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$"


def local_times(result, generator, request, public):
    """Spectacular postprocessing hook: every ``format: time`` becomes the pattern of a local time."""

    def walk(node):
        if isinstance(node, dict):
            if node.get("format") == "time" and node.get("type") == "string":
                del node["format"]
                node["pattern"] = TIME_PATTERN
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result


LINKED = {"get": "Read", "put": "Replace", "patch": "Change", "delete": "Delete"}


def crud_links(result, generator, request, public):
    """Spectacular postprocessing hook: OpenAPI links from each create to the read, update and delete of the row it
    made (``id`` from the 201 body), from each list to those of its first row, and from each read to the update and
    delete of that row. A client follows them instead of guessing identifiers; schemathesis's stateful run chains its
    calls along them (issue 17)."""
    paths = result.get("paths", {})
    for path, operations in paths.items():
        if "{" in path or "post" not in operations:
            continue
        detail = paths.get(f"{path}{{id}}/")
        if not detail:
            continue
        targets = {
            method: operation["operationId"] for method, operation in detail.items()
            if method in LINKED and "operationId" in operation
        }
        created = operations["post"].get("responses", {}).get("201")
        if created is not None:
            created["links"] = _links(targets, "$response.body#/id")
        listed = operations.get("get", {}).get("responses", {}).get("200")
        if listed is not None:
            listed["links"] = _links(targets, "$response.body#/results/0/id")
        read = detail.get("get", {}).get("responses", {}).get("200")
        if read is not None:
            read["links"] = _links({m: o for m, o in targets.items() if m != "get"}, "$request.path.id")
    return result


def _links(targets: dict[str, str], source: str) -> dict:
    return {
        f"{LINKED[method]}": {"operationId": operation_id, "parameters": {"id": source}}
        for method, operation_id in targets.items()
    }
