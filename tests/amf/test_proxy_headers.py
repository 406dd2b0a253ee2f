"""The shipped nginx configuration passes on only the forwarded headers it can vouch for.

nginx runs here with docker/nginx.conf as compose mounts it, changed only where Docker's
network is named (its listening port and the upstream), in front of a small server that
echoes the headers it receives.
"""

import http.server
import json
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import RequestFactory, override_settings

from amf.security import client_ip

CONFIG = Path(__file__).resolve().parents[2] / "docker" / "nginx.conf"


class EchoHeaders(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({name.lower(): value for name, value in self.headers.items()})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def backend():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EchoHeaders)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def run_nginx(tmp_path: Path, backend_port: int, *, trusted: str | None = None):
    executable = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(executable).exists(), "nginx is needed: apt-get install nginx-light"
    port = free_port()
    site = CONFIG.read_text()
    for shipped, here in [
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("set $web http://web:8000;", f"set $web http://127.0.0.1:{backend_port};"),
    ]:
        assert shipped in site, f"docker/nginx.conf no longer has {shipped!r}"
        site = site.replace(shipped, here)
    if trusted:
        site = site.replace("    default 0;\n}", f"    default 0;\n    {trusted} 1;\n}}", 1)
    (tmp_path / "site.conf").write_text(site)
    temp = {name: tmp_path / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir()
        folder.chmod(0o777)
    (tmp_path / "nginx.conf").write_text(
        f"""
        worker_processes 1;
        daemon off;
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/error.log;
        events {{}}
        http {{
            access_log off;
            client_body_temp_path {temp["body"]};
            proxy_temp_path {temp["proxy"]};
            fastcgi_temp_path {temp["fastcgi"]};
            uwsgi_temp_path {temp["uwsgi"]};
            scgi_temp_path {temp["scgi"]};
            include {tmp_path}/site.conf;
        }}
        """
    )
    process = subprocess.Popen(
        [executable, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode()) from None
            time.sleep(0.05)
    return process, port


@pytest.fixture
def proxy(tmp_path, backend):
    started = []

    def start(trusted=None) -> int:
        process, port = run_nginx(tmp_path, backend, trusted=trusted)
        started.append(process)
        return port

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def headers_seen(port: int, **headers) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/anything", headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def test_a_clients_own_forwarded_headers_are_not_passed_on(proxy):
    port = proxy()

    seen = headers_seen(port, **{"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"})

    assert seen["x-forwarded-for"] == "127.0.0.1"
    assert seen["x-forwarded-proto"] == "http"


@override_settings(PROXY_COUNT=1)
def test_behind_the_shipped_proxy_the_app_sees_the_real_client_whatever_it_claims(proxy):
    port = proxy()
    seen = headers_seen(port, **{"X-Forwarded-For": "203.0.113.9, 198.51.100.1"})

    request = RequestFactory().get(
        "/", REMOTE_ADDR="172.18.0.3", HTTP_X_FORWARDED_FOR=seen["x-forwarded-for"]
    )

    assert client_ip(request) == "127.0.0.1"


def test_a_trusted_load_balancers_headers_are_kept_and_extended(proxy):
    port = proxy(trusted="127.0.0.1")

    seen = headers_seen(port, **{"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"})

    assert seen["x-forwarded-for"] == "203.0.113.9, 127.0.0.1"
    assert seen["x-forwarded-proto"] == "https"


def test_a_trusted_load_balancer_cannot_pass_on_a_made_up_scheme(proxy):
    port = proxy(trusted="127.0.0.1")

    seen = headers_seen(port, **{"X-Forwarded-Proto": "javascript"})

    assert seen["x-forwarded-proto"] == "http"
