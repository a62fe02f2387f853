"""The reference page's view of the OpenAPI document: operations grouped by tag, schemas resolved by name."""


def _schema_name(schema: dict | None) -> str:
    """The name of a referenced schema, or its type."""
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"array of {_schema_name(schema.get('items'))}"
    return schema.get("type", "object")


def _body(operation: dict) -> str:
    content = (operation.get("requestBody") or {}).get("content", {})
    return _schema_name(next(iter(content.values()), {}).get("schema")) if content else ""


def _responses(operation: dict) -> list[tuple[str, str, str]]:
    out = []
    for status, response in sorted(operation.get("responses", {}).items()):
        content = response.get("content", {})
        schema = _schema_name(next(iter(content.values()), {}).get("schema")) if content else ""
        out.append((status, response.get("description", ""), schema))
    return out


def operations_by_tag(doc: dict) -> list[tuple[dict, list[dict]]]:
    """(tag, operations) in the document's tag order; each operation flattened for the template."""
    groups: dict[str, list[dict]] = {tag["name"]: [] for tag in doc.get("tags", [])}
    for path, item in doc.get("paths", {}).items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            tag = (operation.get("tags") or ["Other"])[0]
            groups.setdefault(tag, []).append({
                "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": [p for p in operation.get("parameters", []) if "$ref" not in p],
                "body": _body(operation), "responses": _responses(operation),
                "id": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", "")})
    tags = {tag["name"]: tag for tag in doc.get("tags", [])}
    return [(tags.get(name, {"name": name, "description": ""}), ops) for name, ops in groups.items() if ops]
