"""Errors as RFC 9457 problem details (`application/problem+json`), as the NL API Design Rules ask."""
from flask import Response, json, request

PROBLEM_TYPE = "application/problem+json"
LOCATIONS = {"query": "query", "json": "body", "headers": "header", "view_args": "path", "path": "path",
             "form": "body"}


class InvalidParams(Exception):
    """A request with invalid input: 400 with one entry per invalid field."""

    def __init__(self, params: list[dict[str, str]]) -> None:
        super().__init__("invalid input")
        self.params = params

    @classmethod
    def from_webargs(cls, messages: dict) -> "InvalidParams":
        """From webargs' {location: {field: [messages]}} (nested fields joined with dots)."""
        params: list[dict[str, str]] = []
        for location, fields in messages.items():
            for name, reasons in _flatten(fields):
                for reason in reasons:
                    params.append(invalid(name, LOCATIONS.get(location, location), reason))
        return cls(params)

    @classmethod
    def from_service(cls, errors: dict[str, list[str]], location: str = "body",
                     names: dict[str, str] | None = None) -> "InvalidParams":
        """From a service's {field: [messages]} (``names`` renames a field to the API's name)."""
        names = names or {}
        return cls([invalid(_api_name(field, names), location, str(reason))
                    for field, reasons in errors.items() for reason in reasons])


def _api_name(field: str, names: dict[str, str]) -> str:
    """The API's name for a service field (score_p_openness → scores.p_openness)."""
    if field.startswith("score_"):
        return "scores." + field.removeprefix("score_")
    return names.get(field, field)


def _flatten(fields, prefix: str = ""):
    """(dotted name, [messages]) pairs from webargs' possibly nested message dict."""
    if isinstance(fields, list):
        yield prefix or "_", [str(m) for m in fields if not isinstance(m, (dict, list))] or ["invalid"]
        return
    for name, value in fields.items():
        key = f"{prefix}.{name}" if prefix else str(name)
        if isinstance(value, dict):
            yield from _flatten(value, key)
        else:
            yield key, [str(m) for m in value] if isinstance(value, list) else [str(value)]


def invalid(name: str, location: str, reason: str, code: str = "invalid") -> dict[str, str]:
    """One entry of `invalid-params`."""
    return {"name": name, "location": location, "code": code, "reason": reason}


def problem(status: int, title: str, detail: str, *, params: list[dict] | None = None,
            headers: dict[str, str] | None = None, **extra) -> Response:
    """A problem+json response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail,
            "instance": request.path, **extra}
    if params is not None:
        body["invalid-params"] = params
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response
