"""Browser tests: Debian's Chromium driven by Playwright, against a real server process.

Without /usr/bin/chromium these tests skip with a message (locally), or fail (CI=true).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    """Mark every test here as e2e; skip them when Chromium is missing (fail in CI)."""
    here = Path(__file__).parent
    chromium = Path(CHROMIUM).exists()
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)
            if not chromium and os.environ.get("CI") != "true":
                item.add_marker(
                    pytest.mark.skip(
                        reason="Chromium is missing: install it with "
                        "`apt-get install -y chromium fonts-noto-core` to run browser tests"
                    )
                )


@pytest.fixture(scope="session")
def browser_type_launch_args():
    """Launch Debian's Chromium (playwright install cannot download a browser here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"CI=true but {CHROMIUM} is missing: apt-get install -y chromium")
    return {"executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(tmp: Path) -> tuple[str, callable]:
    """Return a database URL for the server and a function that drops it afterwards."""
    pg = os.environ.get("TEST_DATABASE_URL", "")
    if not pg:
        return f"sqlite:///{tmp / 'e2e.db'}", lambda: None
    import psycopg

    name = f"quiz_e2e_{uuid.uuid4().hex[:8]}"
    admin = pg.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    url = urlparse(pg)._replace(path="/" + name).geturl()
    return url, drop


class Server:
    """A running app: its base URL and the demo data it was loaded with."""

    def __init__(self, url: str, demo: dict, env: dict):
        self.url = url
        self.demo = demo
        self.env = env

    def flask(self, *args: str, stdin: str = "") -> str:
        """Run a flask command against the server's database and return its output."""
        return _flask(self.env, *args, stdin=stdin)


def _flask(env, *args, stdin=""):
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "quiz", *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def start_server(tmp: Path, port=None, database_url=None, extra_env=None, workers=2):
    """Start gunicorn serving the app on 127.0.0.1; return (Server, process)."""
    port = port or _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "e2e-secret",
        "FLASK_APP": "quiz",
        **(extra_env or {}),
    }
    env.pop("QUIZ_ENV", None)
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    proc = subprocess.Popen(
        [
            gunicorn,
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return Server(url, {}, env), proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the app server did not start")


@pytest.fixture(scope="module")
def live_server(request, tmp_path_factory):
    """A migrated database with demo data, served by gunicorn for this module's tests.

    A test module may set E2E_ENV = {...} (e.g. CONTENT_DIR) for its server.
    """
    tmp = tmp_path_factory.mktemp("e2e")
    url, drop = _database_url(tmp)
    extra = getattr(request.module, "E2E_ENV", {})
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "e2e-secret", **extra}
    _flask(env, "db", "upgrade")
    demo = json.loads(_flask(env, "demo"))
    server, proc = start_server(tmp, database_url=url, extra_env=extra)
    server.demo = demo
    yield server
    proc.terminate()
    proc.wait(timeout=10)
    drop()


@pytest.fixture
def outside_requests(page):
    """Collect every request the page makes to a host other than 127.0.0.1."""
    seen = []

    def check(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:")):
            return
        if host not in ("127.0.0.1",):
            seen.append(request.url)

    page.on("request", check)
    return seen
