"""Static files: versioned URLs cached for a year, compressed answers, plotly.js the app's own."""
import re
from pathlib import Path

import brotli
import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "tracker" / "static" / "vendor" / "plotly"
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}


def static_url(app, filename: str) -> str:
    with app.test_request_context():
        from flask import url_for

        return url_for("static", filename=filename)


def test_static_urls_carry_a_digest_and_are_cached_for_a_year(app, client):
    url = static_url(app, "css/app.css")
    assert re.fullmatch(r"/static/css/app\.css\?v=[0-9a-f]{12}", url)
    with client.get(url) as response:
        assert response.status_code == 200
        assert response.cache_control.max_age == 365 * 24 * 3600 and response.cache_control.immutable


def test_an_unversioned_or_outdated_url_is_revalidated(client):
    for url in ("/static/css/app.css", "/static/css/app.css?v=000000000000"):
        with client.get(url) as response:
            assert response.status_code == 200
            assert response.cache_control.no_cache and not response.cache_control.max_age


def test_a_changed_file_gets_a_new_url(app, tmp_path):
    app.static_folder = str(tmp_path)
    (tmp_path / "x.css").write_text("a{}")
    first = static_url(app, "x.css")
    (tmp_path / "x.css").write_text("b{color:red}")
    assert static_url(app, "x.css") != first


def test_pages_and_static_files_are_compressed(app, client):
    page = client.get("/login", headers={"Accept-Encoding": "br"})
    assert page.headers["Content-Encoding"] == "br"
    assert b"<form" in brotli.decompress(page.get_data())
    with client.get(static_url(app, "vendor/plotly/plotly.min.js"), headers=BROWSER) as script:
        assert script.headers["Content-Encoding"] in ("zstd", "br")
        assert len(script.get_data()) < 500_000  # 1.2 MB of JavaScript
        assert "Accept-Encoding" in script.headers["Vary"]


def test_the_plotly_bundle_holds_every_trace_type_the_charts_draw_and_its_licence():
    """tools/plotly builds the bundle; its banner lists the trace types it registers."""
    banner = (VENDOR / "plotly.min.js").read_text(encoding="utf-8")[:200]
    bundled = set(re.search(r"traces: ([a-z,]+)", banner).group(1).split(","))
    plotly_traces = {name.lower() for name in dir(go) if isinstance(getattr(go, name), type)
                     and issubclass(getattr(go, name), BaseTraceType)}
    source = " ".join(p.read_text() for p in (ROOT / "tracker").rglob("*.py"))
    used = set(re.findall(r'"type": "(\w+)"', source)) & plotly_traces
    assert used and used <= bundled, used - bundled
    assert "MIT" in (VENDOR / "LICENSE").read_text()
