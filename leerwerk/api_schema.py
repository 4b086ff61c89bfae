"""The OpenAPI schema as the API really answers (drf-spectacular): the fuzzing run
(tests/api/test_schemathesis.py) holds every answer against it.

- `EenObjectSchema`: a `list` that answers one object.
- `AutoSchema`: a read-only choice whose model field may be blank documents "" too (DRF drops
  `allow_blank` from read-only fields, so the schema refused the "" the API sends).
- `error_responses` (a postprocessing hook): every operation documents the errors it can answer,
  each in the one shape leerwerk.api.exception_handler answers it in; times are "HH:MM[:SS]"
  (JSON Schema's "time" demands a UTC offset the API never sends); a read that answers in one of
  several views (the klantmanager's or the regie's) is `anyOf`, since a fuller view also
  satisfies a smaller one.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular import openapi
from rest_framework import serializers


class AutoSchema(openapi.AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        blank = isinstance(field, serializers.ChoiceField) and field.read_only and not field.allow_blank
        if blank and _model_field_blank(field):
            field.allow_blank = True  # this field object serves the schema only
        return super()._map_serializer_field(field, direction, bypass_extensions)


class EenObjectSchema(AutoSchema):
    """For a ViewSet's `list` that answers one object (resultaten/): not an array in the schema."""

    def _is_list_view(self, serializer=None):
        return False


def _model_field_blank(field) -> bool:
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source or field.source == "*":
        return False
    try:
        return bool(model._meta.get_field(field.source).blank)
    except FieldDoesNotExist:
        return False


# --- The error answers -----------------------------------------------------------------------

FOUT = {
    "type": "object",
    "description": "Elke fout behalve fouten per veld: één zin in het Nederlands.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "additionalProperties": False,
}
VELDFOUTEN = {
    "type": "object",
    "description": (
        "Fouten per veld: de naam van het veld met een lijst van meldingen in het Nederlands "
        '("non_field_errors" voor het geheel; bij geneste velden geneste objecten). '
        'Gegevens die geen JSON zijn: {"detail": "..."}.'
    ),
    "additionalProperties": True,
    "minProperties": 1,
}
TIJD = {
    "type": "string",
    "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$",
    "example": "13:30",
}
_FOUT_REF = {"$ref": "#/components/schemas/Fout"}
_VELDFOUTEN_REF = {"$ref": "#/components/schemas/Veldfouten"}
_METHODS = {"get", "post", "put", "patch", "delete"}
RETRY_AFTER = {"Retry-After": {"description": "Seconden tot een nieuw verzoek.", "schema": {"type": "integer"}}}


def _errors(operation: dict) -> None:
    parameters = operation.get("parameters", [])
    has_body = "requestBody" in operation
    wanted = {
        "403": "Niet ingelogd, of bij een schrijvend verzoek: de CSRF-controle mislukt.",
        "429": "Te veel verzoeken; de header Retry-After zegt na hoeveel seconden het weer kan.",
    }
    if has_body or any(p["in"] == "query" and p["name"] != "page" for p in parameters):
        wanted["400"] = "Fouten per veld, in het Nederlands."
    if any(p["in"] == "path" or p["name"] == "page" for p in parameters):
        wanted["404"] = "Niet gevonden, of buiten uw bereik."
    if has_body:
        wanted["415"] = "De gegevens zijn geen JSON (Content-Type: application/json)."
    responses = operation.setdefault("responses", {})
    for code, description in wanted.items():
        responses.setdefault(code, {"description": description})
    for code, response in responses.items():
        if code.startswith("4") and "content" not in response:
            response["content"] = {"application/json": {"schema": _VELDFOUTEN_REF if code == "400" else _FOUT_REF}}
    responses["429"].setdefault("headers", RETRY_AFTER)
    operation["responses"] = dict(sorted(responses.items()))


def _walk(node) -> None:
    if isinstance(node, dict):
        if node.get("format") == "time" and node.get("type") == "string":
            del node["format"]
            node.update({k: v for k, v in TIJD.items() if k not in node})
        if "oneOf" in node and "discriminator" not in node:
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _walk(value)
    elif isinstance(node, list):
        for value in node:
            _walk(value)


def error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: see the module's docstring.

    403 (not logged in, or no CSRF token on a write) and 429 (too many requests, with
    Retry-After) everywhere; 400 where a body or a filter is read; 404 where an id is in the
    path or a page is asked; 415 where a body is read. Responses the views document themselves
    keep their description and get the shape.
    """
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Fout"] = FOUT
    schemas["Veldfouten"] = VELDFOUTEN
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method in _METHODS:
                _errors(operation)
    _walk(result)
    return result
