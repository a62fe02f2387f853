"""The OpenAPI document: valid, following the NL API Design Rules (Spectral), with a reference page."""
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"
RULESET = ROOT / "tools" / "api-rules" / "adr.spectral.yaml"


def _document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.headers["API-Version"] == "1.0.0"
    return response.get_json()


def test_the_document_is_valid_openapi_with_the_design_rules_basics(client):
    doc = _document(client)
    validate(doc)
    assert doc["openapi"].startswith("3.") and doc["info"]["version"] == "1.0.0"
    assert {"name", "url", "email"} <= set(doc["info"]["contact"])
    assert doc["servers"][0]["url"].endswith("/v1")
    for path, item in doc["paths"].items():
        assert not path.endswith("/"), path
        for method, operation in item.items():
            if method == "parameters":
                continue
            for status, response in operation["responses"].items():
                assert "API-Version" in response.get("headers", {}), (path, method, status)
                if status[0] in "45":
                    assert list(response["content"]) == ["application/problem+json"], (path, method, status)


@pytest.mark.skipif(not SPECTRAL.exists() or shutil.which("node") is None,
                    reason="Spectral is not installed (run `npm ci`; .ci/run does)")
def test_spectral_with_the_design_rules_finds_no_errors(client, tmp_path):
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(_document(client)))
    result = subprocess.run([str(SPECTRAL), "lint", "-r", str(RULESET), "-f", "text", "--fail-severity", "error",
                             str(path)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_reference_page_lists_every_operation(client):
    doc = _document(client)
    html = client.get("/api/v1/reference").get_data(as_text=True)
    for path in doc["paths"]:
        assert f">{path.replace('{', '&#123;') if False else path}<" in html or path in html, path
    assert "cdn" not in html.lower()
