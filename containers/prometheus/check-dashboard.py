#!/usr/bin/env python3
"""Every query of the Grafana dashboard, evaluated by a real Prometheus scraping the stack that is up.

Starts Prometheus (Debian's package: /usr/bin/prometheus) on 127.0.0.1 with a scrape job for every service in the
services file a run writes (./alphastocks run --stay or up: .run/services), waits until each target is up and
scraped a few times, then asks Prometheus each query of containers/grafana/dashboards/alphastocks.json over its HTTP
API. A query that returns no series (a metric renamed or gone, a label that no longer exists) fails the check.

usage: containers/prometheus/check-dashboard.py [SERVICES_FILE] [DASHBOARD_JSON]
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERVICES = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".run", "services")
DASHBOARD = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "containers", "grafana", "dashboards", "alphastocks.json")
SCRAPE_SECONDS = 1
UP_TIMEOUT_SECONDS = 60


def targets(services_file):
    """host:port of every service the file names (service=http://127.0.0.1:PORT lines)."""
    found = {}
    with open(services_file) as lines:
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                name, url = line.split("=", 1)
                found[name] = urllib.parse.urlparse(url).netloc
    if not found:
        sys.exit(f"no services in {services_file}: start a stack first (./alphastocks run --stay)")
    return found


def queries(dashboard_file):
    """(panel title, expression) of every target of every panel, nested rows included."""
    with open(dashboard_file) as f:
        dashboard = json.load(f)
    found = []

    def walk(holder):
        for panel in holder.get("panels", []):
            for target in panel.get("targets", []):
                if target.get("expr"):
                    found.append((panel.get("title", "?"), target["expr"]))
            walk(panel)

    walk(dashboard)
    return found


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(port, path, **params):
    url = f"http://127.0.0.1:{port}/api/v1/{path}" + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def main():
    prometheus = shutil.which("prometheus")
    if prometheus is None:
        sys.exit("no prometheus on the PATH (Debian: apt-get install prometheus)")
    scraped = targets(SERVICES)
    checks = queries(DASHBOARD)
    work = tempfile.mkdtemp(prefix="alphastocks-prometheus-")
    config = os.path.join(work, "prometheus.yml")
    with open(config, "w") as f:
        f.write(f"global:\n  scrape_interval: {SCRAPE_SECONDS}s\n  evaluation_interval: {SCRAPE_SECONDS}s\n"
                "scrape_configs:\n  - job_name: alphastocks\n    metrics_path: /q/metrics\n    static_configs:\n"
                "      - targets: [" + ", ".join(f'"{t}"' for t in scraped.values()) + "]\n")
    port = free_port()
    log = open(os.path.join(work, "prometheus.log"), "w")
    process = subprocess.Popen([prometheus, f"--config.file={config}", f"--storage.tsdb.path={os.path.join(work, 'data')}",
                                f"--web.listen-address=127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    try:
        print(f"==> Prometheus on 127.0.0.1:{port} scraping {', '.join(f'{n} ({t})' for n, t in scraped.items())} every {SCRAPE_SECONDS} s")
        deadline = time.time() + UP_TIMEOUT_SECONDS
        while True:
            try:
                active = api(port, "targets")["data"]["activeTargets"]
                up = [t for t in active if t["health"] == "up"]
                if len(up) == len(scraped):
                    break
            except OSError:
                active = []
            if process.poll() is not None or time.time() > deadline:
                down = [f"{t['labels'].get('instance')}: {t.get('lastError') or t['health']}" for t in active if t["health"] != "up"]
                sys.exit(f"Prometheus did not scrape every service within {UP_TIMEOUT_SECONDS} s: {down or 'it stopped'} (log: {log.name})")
            time.sleep(0.5)
        # rate() over a window needs two samples in it; a few scrapes more than that.
        time.sleep(5 * SCRAPE_SECONDS)
        failed = 0
        for title, expr in checks:
            result = api(port, "query", query=expr)
            series = result.get("data", {}).get("result", []) if result.get("status") == "success" else []
            if series:
                print(f"    ok  {len(series):3d} series  {title}: {expr}")
            else:
                failed += 1
                print(f"    NO SERIES     {title}: {expr}  ({result.get('error', 'empty result')})")
        if failed:
            sys.exit(f"{failed} of the dashboard's {len(checks)} queries return nothing: a metric was renamed or is gone")
        print(f"==> every query of the dashboard ({len(checks)}) returns series from the running services")
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
