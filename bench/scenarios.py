"""What the benchmark loads: each scenario names a URL and, when needed, a wrk Lua script."""

import json
from collections.abc import Callable
from dataclasses import dataclass

from bench.harness import ROOT, VENV_BIN


@dataclass
class Scenario:
    """One kind of request: how wrk sends it, and one probe request to count its queries."""

    name: str
    path: Callable[[dict], str]
    method: str = "GET"
    script: Callable[[dict], str] | None = None
    headers: Callable[[dict], dict] | None = None

    def wrk(self, base: str, data: dict) -> tuple[str, str | None]:
        """Return the URL and Lua script for wrk."""
        return base + self.path(data), self.script(data) if self.script else None

    def probe(self, base: str, data: dict):
        """Return (method, url, body, headers) of one representative request."""
        headers = self.headers(data) if self.headers else {}
        return "GET", base + self.path(data), None, headers


def _header_script(headers: dict) -> str:
    lines = [f'wrk.headers["{k}"] = "{v}"' for k, v in headers.items()]
    return "\n".join(lines) + "\n"


SCENARIOS = [
    Scenario("home page", lambda d: "/kk/"),
]


def prepare(env: dict) -> dict:
    """Fill the app's database with pupils and attempts to load; return their tokens and ids."""
    import subprocess

    out = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "bench.seed"],
        cwd=ROOT,
        env={**__import__("os").environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out)
