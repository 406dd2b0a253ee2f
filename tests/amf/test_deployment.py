"""What the containers run, run here without Docker: the entrypoint, gunicorn, the checks."""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from amf.backup import connect
from tests.amf.test_settings import PROJECT_DIR

COMPOSE = (PROJECT_DIR / "docker-compose.yml").read_text()
NGINX = (PROJECT_DIR / "docker" / "nginx.conf").read_text()
DOCKERFILE = (PROJECT_DIR / "Dockerfile").read_text()


def service(name: str) -> str:
    """The lines of one service in docker-compose.yml."""
    match = re.search(rf"^  {name}:\n((?:    .*\n|\n)+)", COMPOSE, re.MULTILINE)
    assert match, f"no service {name!r} in docker-compose.yml"
    return match[1]


def dockerfile_instruction(name: str) -> list[str]:
    """The exec-form (JSON) arguments of the Dockerfile's ENTRYPOINT or CMD."""
    return json.loads(re.search(rf"^{name} (\[.*\])$", DOCKERFILE, re.MULTILINE)[1])


def test_the_web_service_can_be_scaled_behind_the_proxy():
    web = service("web")

    assert not re.search(r"^\s+container_name:", COMPOSE, re.MULTILINE)
    assert "ports:" not in web
    assert 'SETUP_ON_START: "0"' in web
    assert "service_completed_successfully" in web
    assert "/app/docker/healthcheck.py" in web
    assert "./docker/nginx.conf:/etc/nginx/conf.d/default.conf" in service("proxy")


def test_the_proxy_finds_every_replica_and_forwards_the_client_and_scheme():
    assert "resolver 127.0.0.11" in NGINX
    assert "set $web http://web:8000;" in NGINX and "proxy_pass $web;" in NGINX
    assert "X-Forwarded-For $forwarded_for" in NGINX
    assert "X-Forwarded-Proto $forwarded_proto" in NGINX


def test_the_image_has_the_postgresql_client_the_backups_need():
    assert "postgresql-client" in DOCKERFILE


@pytest.fixture
def fresh_database():
    """The settings of a new, empty database, dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("the containers run on PostgreSQL")
    source = connection.settings_dict
    target = {**source, "NAME": f"{source['NAME']}_container"}
    with connect({**source, "NAME": "postgres"}) as admin:
        admin.autocommit = True
        admin.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{target["NAME"]}"')
    yield target
    with connect({**source, "NAME": "postgres"}) as admin:
        admin.autocommit = True
        admin.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthcheck(port: int, env: dict) -> int:
    return subprocess.run(
        [sys.executable, "docker/healthcheck.py"],
        cwd=PROJECT_DIR,
        env={**env, "HEALTHCHECK_PORT": str(port)},
        capture_output=True,
        timeout=30,
    ).returncode


def test_the_entrypoint_sets_up_an_empty_database_and_starts_gunicorn(fresh_database, tmp_path):
    db = fresh_database
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "amf.example.org,localhost",
        "DATABASE_URL": (
            f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "SETUP_ON_START": "1",
        "LOAD_DEMO": "1",
        "WEB_CONCURRENCY": "1",
        # `python` and `gunicorn` are the image's own there; this interpreter's here.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    # The image's own command, bound to a loopback port instead of the container's 8000.
    entrypoint = [arg.replace("/app/", "") for arg in dockerfile_instruction("ENTRYPOINT")]
    command = [
        arg.replace("0.0.0.0:8000", f"127.0.0.1:{port}") for arg in dockerfile_instruction("CMD")
    ]
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [*entrypoint, *command], cwd=PROJECT_DIR, env=env, stdout=log, stderr=log
    )
    try:
        for _ in range(240):
            if server.poll() is not None or healthcheck(port, env) == 0:
                break
            time.sleep(0.5)
        healthy = healthcheck(port, env)
        with urllib.request.urlopen(
            urllib.request.Request(
                f"http://127.0.0.1:{port}/healthz", headers={"Host": "amf.example.org"}
            ),
            timeout=10,
        ) as response:
            body = json.load(response)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    assert healthy == 0, (tmp_path / "server.log").read_text()[-3000:]
    assert body == {"status": "ok", "database": "ok", "cache": "ok"}
    assert healthcheck(port, env) == 1
    with connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM events_forum").fetchone()[0] == 1
