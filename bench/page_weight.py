"""Page weight and load time of the first dashboard visit on a slow line, in Debian's Chromium.

    .venv/bin/python bench/page_weight.py                  # demo data → bench/out/page_weight.md
    .venv/bin/python bench/page_weight.py --runs 5 --path /projects/N712/dashboard

Builds a fresh SQLite database with the demo portfolio, serves the app on a free loopback port in
this process, logs in, empties the browser cache and opens the dashboard with Chromium's network
throttling (Chrome DevTools Protocol `Network.emulateNetworkConditions`): bytes on the wire are the
sum of `Network.loadingFinished.encodedDataLength` (headers included, after compression), the load
time is the navigation's `loadEventEnd`. A second visit with a warm cache follows. Lines: a site
office on mobile data (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip) and an office line
(20 Mbit/s, 5 Mbit/s up, 20 ms). The budget (issue 12): at most 0.9 MB and a load event within
5 s on the slow line. Not part of the test suite's pass/fail (timings depend on the machine).
"""
import argparse
import os
import statistics
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CHROMIUM = "/usr/bin/chromium"
LINES = {  # name: (download bit/s, upload bit/s, round trip ms)
    "site office, 1.6 Mbit/s, 150 ms": (1_600_000, 750_000, 150),
    "office, 20 Mbit/s, 20 ms": (20_000_000, 5_000_000, 20),
}
BUDGET_BYTES, BUDGET_SECONDS = 900_000, 5.0
LOGIN = ("marieke.devries@noordholt.example", "demo-partnership")


def serve_demo():
    """The app on a fresh demo database, served from a thread; returns (base URL, server)."""
    import logging

    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from tracker import create_app
    from tracker.services.demo.load import create_demo

    path = Path(tempfile.mkdtemp(prefix="tracker-weight-")) / "demo.sqlite"
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "TESTING": False})
    with app.app_context():
        upgrade()
        create_demo()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", server


def visit(context, url: str, line: tuple[int, int, int], cold: bool) -> dict:
    """Open ``url`` on a throttled line; bytes on the wire per resource and the load time."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if cold:
        cdp.send("Network.clearBrowserCache")
    down, up, rtt = line
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": rtt, "downloadThroughput": down / 8, "uploadThroughput": up / 8})
    urls, sizes = {}, {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_timeout(300)  # late loadingFinished events
    load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    resources = {urls[rid].split("?")[0].rsplit("/", 1)[-1]: n for rid, n in sizes.items()
                 if urls.get(rid, "").startswith("http")}
    page.close()
    return {"bytes": sum(sizes.values()), "load_s": load_ms / 1000, "resources": resources}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/projects/VIADUCT-KZW/dashboard")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default="bench/out/page_weight.md")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    base, server = serve_demo()
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
        login = context.new_page()
        login.goto(base + "/login")
        login.fill("input[name=email]", LOGIN[0])
        login.fill("input[name=password]", LOGIN[1])
        login.click("main button[type=submit]")
        login.wait_for_load_state()
        login.close()
        for name, line in LINES.items():
            for cold in (True, False):
                runs = [visit(context, base + args.path, line, cold) for _ in range(args.runs if cold else 1)]
                rows.append((name, "first visit" if cold else "next visit", runs))
        browser.close()
    server.shutdown()
    report(rows, args)


def report(rows, args) -> None:
    """Print a markdown table and write it to ``args.out``."""
    lines = [f"Dashboard `{args.path}` (demo data), Chromium, {os.cpu_count()} cores.", "",
             "| line | visit | bytes on the wire | load event (median of runs) | runs |",
             "|---|---|---:|---:|---:|"]
    for name, kind, runs in rows:
        lines.append(f"| {name} | {kind} | {statistics.median(r['bytes'] for r in runs):,.0f} | "
                     f"{statistics.median(r['load_s'] for r in runs):.2f} s | {len(runs)} |")
    first = rows[0][2][0]["resources"]
    lines += ["", "First visit, per resource (bytes on the wire):", ""]
    lines += [f"- {name}: {size:,}" for name, size in sorted(first.items(), key=lambda kv: -kv[1])]
    slow = rows[0][2]
    ok = (statistics.median(r["bytes"] for r in slow) <= BUDGET_BYTES
          and statistics.median(r["load_s"] for r in slow) <= BUDGET_SECONDS)
    lines += ["", f"Budget (≤ {BUDGET_BYTES:,} bytes, load ≤ {BUDGET_SECONDS:.0f} s on the slow line): "
              + ("met" if ok else "NOT met")]
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text)


if __name__ == "__main__":
    main()
